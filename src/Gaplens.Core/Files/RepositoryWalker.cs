using Gaplens.Core.Model;
using MAB.DotIgnore;

namespace Gaplens.Core.Files;

/// <summary>
/// Walks a tree once: honours .gitignore, skips dependency and build folders, lists files with their class and size.
/// Symbolic links are never followed: a link out of the root, a loop or a dangling link becomes a warning, and a
/// link to something inside the root is skipped because its target is listed in its own place.
/// </summary>
public sealed class RepositoryWalker
{
    private const int MaxIgnorePatternLength = 1024;
    private const int MaxIgnorePatterns = 1_000;
    private const int MaxIgnorePatternsPerTree = 5_000;

    private readonly WalkOptions options;

    public RepositoryWalker(WalkOptions? options = null) => this.options = options ?? new WalkOptions();

    public FileIndex Walk(string root)
    {
        var rootInfo = new DirectoryInfo(root);
        if (!rootInfo.Exists)
        {
            throw new DirectoryNotFoundException($"'{root}' is not a directory");
        }

        var realRoot = RealPath(rootInfo);
        var state = new WalkState(realRoot, options.ExcludedPaths.Select(RealFilePath).ToHashSet(StringComparer.Ordinal));
        var rootIgnores = new List<IgnoreScope>();
        WalkDirectory(new DirectoryInfo(realRoot), string.Empty, rootIgnores, state);
        state.Files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var files = new List<RepoFile>(state.Files.Count);
        for (var i = 0; i < state.Files.Count; i++)
        {
            var f = state.Files[i];
            files.Add(new RepoFile(i, f.Path, f.FullPath, f.Size, f.Class));
        }

        state.Warnings.Sort((a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : string.CompareOrdinal(a.Message, b.Message);
        });
        var stats = new WalkStatistics(state.Directories, state.SkippedDirectories, state.Ignored, state.Links, state.OwnFiles);
        return new FileIndex(realRoot, files, state.Warnings, stats);
    }

    private void WalkDirectory(DirectoryInfo directory, string relative, List<IgnoreScope> ignores, WalkState state)
    {
        state.Directories++;
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                RecurseSubdirectories = false,
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
                ReturnSpecialDirectories = false,
            }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            if (relative.Length == 0)
            {
                // Nothing of the tree can be seen: a report would claim an empty repository. The scan cannot run.
                throw new UnauthorizedAccessException($"the root directory cannot be read: {ex.Message}", ex);
            }

            state.Warnings.Add(new ScanWarning(Display(relative), $"directory could not be read: {ex.Message}"));
            return;
        }

        var scopes = ignores;
        if (options.HonourGitIgnore)
        {
            var gitignore = entries.FirstOrDefault(e => e is FileInfo && e.Name == ".gitignore" && e.LinkTarget is null && !FileKinds.Of(e.FullName).IsSpecial());
            if (gitignore is not null)
            {
                var scope = LoadIgnore((FileInfo)gitignore, relative, state);
                if (scope is not null)
                {
                    scopes = [.. ignores, scope];
                }
            }
        }

        foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            var isDirectory = entry is DirectoryInfo;
            if (entry.LinkTarget is not null)
            {
                CheckLink(entry, path, state);
                continue;
            }

            if (isDirectory && options.SkippedDirectories.Contains(entry.Name) && !IsCargoBinSources((DirectoryInfo)entry))
            {
                state.SkippedDirectories++;
                continue;
            }

            if (IsIgnored(scopes, path, isDirectory))
            {
                state.Ignored++;
                continue;
            }

            if (isDirectory)
            {
                WalkDirectory((DirectoryInfo)entry, path, scopes, state);
            }
            else
            {
                var file = (FileInfo)entry;
                if (OwnFiles.IsOwnName(file.Name) || state.Excluded.Contains(file.FullName))
                {
                    // Gaplens's configuration and the lock and temporary files of an output folder are never evidence.
                    state.OwnFiles++;
                    continue;
                }

                long size;
                try
                {
                    size = file.Length;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    state.Warnings.Add(new ScanWarning(path, $"file could not be read: {ex.Message}"));
                    continue;
                }

                // Every FIFO, socket and device reports a length of zero: only those entries need a closer look.
                if (size == 0 && FileKinds.Of(file.FullName) is var kind && kind.IsSpecial())
                {
                    state.Warnings.Add(new ScanWarning(path, $"not read: it is {kind.Describe()}, not a regular file"));
                    continue;
                }

                state.Files.Add(new PendingFile(path, file.FullName, size, FileClassifier.Classify(file.Name)));
            }
        }
    }

    private static void CheckLink(FileSystemInfo entry, string path, WalkState state)
    {
        state.Links++;
        FileSystemInfo? target;
        try
        {
            target = entry.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            state.Warnings.Add(new ScanWarning(path, "symbolic link not followed: it forms a loop"));
            return;
        }

        if (target is null || !target.Exists)
        {
            state.Warnings.Add(new ScanWarning(path, "symbolic link not followed: its target does not exist"));
            return;
        }

        var targetPath = target is DirectoryInfo d ? RealPath(d) : Path.GetFullPath(target.FullName);
        if (!IsInside(state.Root, targetPath))
        {
            state.Warnings.Add(new ScanWarning(path, "symbolic link not followed: it points outside the scanned root"));
            return;
        }

        if (target is DirectoryInfo)
        {
            var linkDirectory = Path.GetDirectoryName(Path.Combine(state.Root, path)) ?? state.Root;
            if (IsInside(targetPath, linkDirectory))
            {
                state.Warnings.Add(new ScanWarning(path, "symbolic link not followed: it points to one of its own parent directories (a loop)"));
            }
        }

        // A link to a place inside the root: that place is scanned where it is.
    }

    private static bool IsInside(string root, string candidate)
    {
        var normalizedRoot = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var normalized = candidate.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return normalized.StartsWith(normalizedRoot, StringComparison.Ordinal);
    }

    private static string RealPath(DirectoryInfo directory)
    {
        var full = Path.GetFullPath(directory.FullName).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0)
        {
            return Path.DirectorySeparatorChar.ToString();
        }

        // Resolve links anywhere in the root's own path so that "inside the root" compares real paths.
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.DirectorySeparatorChar.ToString();
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    current = Path.GetFullPath(target.FullName).TrimEnd(Path.DirectorySeparatorChar);
                }
            }
        }

        return current;
    }

    private static string RealFilePath(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        return directory is null ? full : Path.Combine(new DirectoryInfo(directory).Exists ? RealPath(new DirectoryInfo(directory)) : directory, Path.GetFileName(full));
    }

    private static IgnoreScope? LoadIgnore(FileInfo file, string relative, WalkState state)
    {
        try
        {
            var bytes = FileKinds.ReadRegularFile(file.FullName, 1024 * 1024);
            var lines = TextDecoder.Decode(bytes, out _).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            // A pattern is matched against every path below it: a pattern no real .gitignore holds (thousands of
            // characters, or one the matcher rejects) would cost the walk its time, so it is left out with a warning.
            var usable = lines.Where(l => l.Length <= MaxIgnorePatternLength).Distinct(StringComparer.Ordinal).Take(Math.Max(0, Math.Min(MaxIgnorePatterns, MaxIgnorePatternsPerTree - state.IgnorePatterns))).ToList();
            state.IgnorePatterns += usable.Count;
            var rules = new IgnoreList(usable).Rules.ToList();
            var rejected = lines.Count(l => l.Length > MaxIgnorePatternLength) + Math.Max(0, lines.Distinct(StringComparer.Ordinal).Count(l => l.Length <= MaxIgnorePatternLength) - usable.Count);
            if (rejected > 0)
            {
                state.Warnings.Add(new ScanWarning(relative.Length == 0 ? ".gitignore" : relative + "/.gitignore",
                    $"{rejected} pattern(s) not used: longer than {MaxIgnorePatternLength:N0} characters, or beyond {MaxIgnorePatterns:N0} patterns in one file ({MaxIgnorePatternsPerTree:N0} in the tree)"));
            }

            return new IgnoreScope(relative, [.. rules]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            var path = relative.Length == 0 ? ".gitignore" : relative + "/.gitignore";
            state.Warnings.Add(new ScanWarning(path, $".gitignore could not be read: {ex.Message}"));
            return null;
        }
    }

    private static bool IsIgnored(List<IgnoreScope> scopes, string path, bool isDirectory)
    {
        // The deepest .gitignore with a matching rule decides; inside one file the last matching rule decides.
        bool? decision = null;
        foreach (var scope in scopes)
        {
            var local = scope.Base.Length == 0 ? path : path[(scope.Base.Length + 1)..];
            for (var i = scope.Rules.Length - 1; i >= 0; i--)
            {
                var rule = scope.Rules[i];
                bool matched;
                try
                {
                    matched = rule.IsMatch(local, isDirectory);
                }
                catch (ArgumentException)
                {
                    continue;
                }

                if (matched)
                {
                    decision = (rule.PatternFlags & PatternFlags.NEGATION) == 0;
                    break;
                }
            }
        }

        return decision ?? false;
    }

    private static string Display(string relative) => relative.Length == 0 ? "." : relative;

    private sealed record IgnoreScope(string Base, IgnoreRule[] Rules);

    private sealed record PendingFile(string Path, string FullPath, long Size, FileClass Class);

    private sealed class WalkState(string root, IReadOnlySet<string> excluded)
    {
        public string Root { get; } = root;

        public IReadOnlySet<string> Excluded { get; } = excluded;

        public int OwnFiles { get; set; }

        public int IgnorePatterns { get; set; }

        public List<PendingFile> Files { get; } = [];

        public List<ScanWarning> Warnings { get; } = [];

        public int Directories { get; set; }

        public int SkippedDirectories { get; set; }

        public int Ignored { get; set; }

        public int Links { get; set; }
    }

    /// <summary>
    /// Cargo's src/bin/ holds the sources of a crate's binaries (src/bin/*.rs next to a Cargo.toml), not build output
    /// like the bin/ folders of .NET projects.
    /// </summary>
    private static bool IsCargoBinSources(DirectoryInfo directory) =>
        directory.Name == "bin" && directory.Parent is { Name: "src" } source && source.Parent is { } crate &&
        File.Exists(Path.Combine(crate.FullName, "Cargo.toml"));
}
