using Gaplens.Core.Files;
using Gaplens.Core.Model;

namespace Gaplens.Core.Search;

/// <summary>
/// What the content pass learned: where each term occurs, and the text of the files kept for parsing.
/// Each file was read at most once; files are kept when they were asked for or held a hit.
/// </summary>
public sealed class ContentIndex
{
    private readonly IReadOnlyDictionary<Term, IReadOnlyList<TermHit>> hits;
    private readonly IReadOnlyDictionary<string, SourceText> texts;

    public ContentIndex(
        FileIndex files,
        IReadOnlyDictionary<Term, IReadOnlyList<TermHit>> hits,
        IReadOnlyDictionary<string, SourceText> texts,
        IReadOnlyList<ScanWarning> warnings,
        int filesRead)
    {
        Files = files;
        this.hits = hits;
        this.texts = texts;
        Warnings = warnings;
        FilesRead = filesRead;
    }

    public FileIndex Files { get; }

    public IReadOnlyList<ScanWarning> Warnings { get; }

    public int FilesRead { get; }

    public IReadOnlyList<TermHit> Hits(Term term) => hits.TryGetValue(term, out var list) ? list : [];

    /// <summary>The text of a kept file, or null when it was not kept (binary, too large, unreadable or not asked for).</summary>
    public SourceText? Text(RepoFile file) => texts.GetValueOrDefault(file.Path);

    public SourceText? Text(string path) => texts.GetValueOrDefault(path);
}
