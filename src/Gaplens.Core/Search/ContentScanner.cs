using System.Buffers;
using System.Collections.Concurrent;
using Gaplens.Core.Files;
using Gaplens.Core.Model;

namespace Gaplens.Core.Search;

/// <summary>
/// The single content pass: reads every text file once (in parallel), finds all registered terms with one
/// multi-literal search per file, and keeps the text of files that a reader asked for or that held a hit.
/// </summary>
public sealed class ContentScanner
{
    private const int MaxHitsPerTermPerFile = 24;
    private const int MaxLineText = 240;

    private readonly IReadOnlyList<Term> terms;
    private readonly Func<RepoFile, bool> keepText;
    private readonly long maxFileSize;
    private readonly ConcurrentDictionary<FileClass, Matcher> matchers = new();

    public ContentScanner(IEnumerable<Term> terms, Func<RepoFile, bool> keepText, long maxFileSize)
    {
        this.terms = terms.Distinct().OrderBy(t => t.Literal, StringComparer.Ordinal).ThenBy(t => t.Classes).ThenBy(t => t.IgnoreCase).ToList();
        this.keepText = keepText;
        this.maxFileSize = maxFileSize;
    }

    public ContentIndex Scan(FileIndex index, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var results = new FileResult?[index.Files.Count];
        var done = 0;
        Parallel.For(0, index.Files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            results[i] = ScanFile(index.Files[i]);
            var count = Interlocked.Increment(ref done);
            if (progress is not null && count % 2000 == 0)
            {
                progress.Report(count);
            }
        });

        var hits = new Dictionary<Term, List<TermHit>>();
        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        var warnings = new List<ScanWarning>();
        var own = new List<string>();
        var read = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var result = results[i];
            if (result is null)
            {
                continue;
            }

            if (result.Own)
            {
                own.Add(index.Files[i].Path);
                continue;
            }

            if (result.Read)
            {
                read++;
            }

            if (result.Warning is not null)
            {
                warnings.Add(result.Warning);
            }

            if (result.Text is not null)
            {
                texts[result.Text.File.Path] = result.Text;
            }

            if (result.Hits is null)
            {
                continue;
            }

            foreach (var (term, hit) in result.Hits)
            {
                if (!hits.TryGetValue(term, out var list))
                {
                    list = [];
                    hits[term] = list;
                }

                list.Add(hit);
            }
        }

        return new ContentIndex(
            index.Without(own),
            hits.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<TermHit>)kv.Value),
            texts,
            warnings,
            read);
    }

    private FileResult? ScanFile(RepoFile file)
    {
        if (file.Class == FileClass.None)
        {
            return null;
        }

        if (file.Size == 0)
        {
            // Never opened: an empty file has nothing to find, and an entry of unknown kind might be a FIFO or a device.
            return new FileResult(true, null, keepText(file) ? new SourceText(file, string.Empty) : null, null);
        }

        if (file.Size > maxFileSize)
        {
            if (IsLockFile(file.Name))
            {
                return null;
            }

            // A large report of an earlier run is still Gaplens's own file: its first bytes say so.
            return IsOwnReport(file)
                ? FileResult.OwnFile
                : new FileResult(false, new ScanWarning(file.Path, $"not read: {file.Size:N0} bytes is over the {maxFileSize:N0}-byte limit"), null, null);
        }

        byte[] bytes;
        try
        {
            bytes = ReadBounded(file.FullPath, maxFileSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new FileResult(false, new ScanWarning(file.Path, $"file could not be read: {ex.Message}"), null, null);
        }

        if (OwnFiles.IsOwnReport(bytes))
        {
            return FileResult.OwnFile;
        }

        if (TextDecoder.LooksBinary(bytes))
        {
            var warning = file.Class == FileClass.OtherText ? null : new ScanWarning(file.Path, "binary content in a text file; skipped");
            return new FileResult(true, warning, null, null);
        }

        var text = TextDecoder.Decode(bytes, out var note);
        var warningFromDecode = note is null ? null : new ScanWarning(file.Path, note, ScanWarningKind.Note);
        var matcher = matchers.GetOrAdd(file.Class, c => new Matcher(terms.Where(t => (t.Classes & c) != 0).ToList()));
        var hits = matcher.Find(file, text);
        var source = hits is not null || keepText(file) ? new SourceText(file, text) : null;
        return new FileResult(true, warningFromDecode, source, hits);
    }

    /// <summary>Reads at most the size cap plus one byte: a file that grew after the walk is cut, never read without bound.</summary>
    private static byte[] ReadBounded(string path, long maxFileSize)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length > maxFileSize)
        {
            throw new InvalidDataException($"it grew to {length:N0} bytes during the scan, over the {maxFileSize:N0}-byte limit");
        }

        var buffer = new byte[length];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }

        return buffer;
    }

    private static bool IsOwnReport(RepoFile file)
    {
        try
        {
            using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var head = new byte[OwnFiles.HeadLength];
            var total = 0;
            while (total < head.Length && stream.Read(head, total, head.Length - total) is var read and > 0)
            {
                total += read;
            }

            return OwnFiles.IsOwnReport(head.AsSpan(0, total));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsLockFile(string name) =>
        name is "package-lock.json" or "yarn.lock" or "pnpm-lock.yaml" or "poetry.lock" or "Pipfile.lock" or "uv.lock"
            or "Cargo.lock" or "composer.lock" or "Gemfile.lock" or "go.sum" or "packages.lock.json" or "bun.lockb";

    private sealed record FileResult(bool Read, ScanWarning? Warning, SourceText? Text, List<(Term, TermHit)>? Hits, bool Own = false)
    {
        public static readonly FileResult OwnFile = new(false, null, null, null, Own: true);
    }

    /// <summary>All terms of one file class, searched together.</summary>
    private sealed class Matcher
    {
        private readonly SearchValues<string>? exact;
        private readonly SearchValues<string>? folded;
        private readonly Dictionary<char, Term[]> exactByFirst;
        private readonly Dictionary<char, Term[]> foldedByFirst;

        public Matcher(IReadOnlyList<Term> terms)
        {
            var exactTerms = terms.Where(t => !t.IgnoreCase).ToList();
            var foldedTerms = terms.Where(t => t.IgnoreCase).ToList();
            exact = exactTerms.Count == 0 ? null : SearchValues.Create(exactTerms.Select(t => t.Literal).Distinct().ToArray(), StringComparison.Ordinal);
            folded = foldedTerms.Count == 0 ? null : SearchValues.Create(foldedTerms.Select(t => t.Literal).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
            exactByFirst = exactTerms.GroupBy(t => t.Literal[0]).ToDictionary(g => g.Key, g => g.ToArray());
            foldedByFirst = foldedTerms.GroupBy(t => char.ToLowerInvariant(t.Literal[0])).ToDictionary(g => g.Key, g => g.ToArray());
        }

        public List<(Term, TermHit)>? Find(RepoFile file, string text)
        {
            List<(Term, TermHit)>? found = null;
            Dictionary<Term, int>? counts = null;
            if (exact is not null)
            {
                Search(file, text, exact, exactByFirst, StringComparison.Ordinal, c => c, ref found, ref counts);
            }

            if (folded is not null)
            {
                Search(file, text, folded, foldedByFirst, StringComparison.OrdinalIgnoreCase, char.ToLowerInvariant, ref found, ref counts);
            }

            return found;
        }

        private static void Search(
            RepoFile file,
            string text,
            SearchValues<string> values,
            Dictionary<char, Term[]> byFirst,
            StringComparison comparison,
            Func<char, char> key,
            ref List<(Term, TermHit)>? found,
            ref Dictionary<Term, int>? counts)
        {
            var span = text.AsSpan();
            var position = 0;
            var line = 1;
            var countedTo = 0;
            while (position < span.Length)
            {
                var relative = span[position..].IndexOfAny(values);
                if (relative < 0)
                {
                    break;
                }

                var at = position + relative;
                if (byFirst.TryGetValue(key(span[at]), out var candidates))
                {
                    foreach (var term in candidates)
                    {
                        if (!span[at..].StartsWith(term.Literal, comparison))
                        {
                            continue;
                        }

                        counts ??= [];
                        counts.TryGetValue(term, out var seen);
                        if (seen >= MaxHitsPerTermPerFile)
                        {
                            continue;
                        }

                        counts[term] = seen + 1;
                        line += span[countedTo..at].Count('\n');
                        countedTo = at;
                        found ??= [];
                        found.Add((term, new TermHit(file, line, LineAt(span, at))));
                    }
                }

                position = at + 1;
            }
        }

        private static string LineAt(ReadOnlySpan<char> span, int at)
        {
            var start = span[..at].LastIndexOf('\n') + 1;
            var endRelative = span[at..].IndexOf('\n');
            var end = endRelative < 0 ? span.Length : at + endRelative;
            var line = span[start..end].Trim();
            return line.Length > MaxLineText ? string.Concat(line[..MaxLineText], "…") : line.ToString();
        }
    }
}
