using Gaplens.Core.Model;

namespace Gaplens.Core.Files;

/// <summary>The files of one tree, sorted by path (ordinal), built once by <see cref="RepositoryWalker"/>.</summary>
public sealed class FileIndex
{
    private readonly Dictionary<string, RepoFile> byPath;
    private readonly Dictionary<string, List<RepoFile>> byName;
    private readonly HashSet<string> directories = new(StringComparer.Ordinal);

    public FileIndex(string root, IReadOnlyList<RepoFile> files, IReadOnlyList<ScanWarning> warnings, WalkStatistics statistics)
    {
        Root = root;
        Files = files;
        Warnings = warnings;
        Statistics = statistics;
        byPath = new Dictionary<string, RepoFile>(files.Count, StringComparer.Ordinal);
        byName = new Dictionary<string, List<RepoFile>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            byPath[file.Path] = file;
            if (!byName.TryGetValue(file.Name, out var list))
            {
                list = [];
                byName[file.Name] = list;
            }

            list.Add(file);
            for (var directory = file.Directory; directory.Length > 0 && directories.Add(directory);)
            {
                var slash = directory.LastIndexOf('/');
                directory = slash < 0 ? string.Empty : directory[..slash];
            }
        }
    }

    /// <summary>Absolute path of the scanned root.</summary>
    public string Root { get; }

    public IReadOnlyList<RepoFile> Files { get; }

    public IReadOnlyList<ScanWarning> Warnings { get; }

    public WalkStatistics Statistics { get; }

    public RepoFile? Get(string path) => byPath.GetValueOrDefault(path);

    /// <summary>The same index without these files (the reports Gaplens wrote, found by the content pass).</summary>
    public FileIndex Without(IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0)
        {
            return this;
        }

        var removed = paths as IReadOnlySet<string> ?? paths.ToHashSet(StringComparer.Ordinal);
        return new FileIndex(Root, Files.Where(f => !removed.Contains(f.Path)).ToList(), Warnings.Where(w => !removed.Contains(w.Path)).ToList(),
            Statistics with { OwnFiles = Statistics.OwnFiles + paths.Count });
    }

    /// <summary>Files with this exact name (case-insensitive) anywhere in the tree, in path order.</summary>
    public IReadOnlyList<RepoFile> Named(string name) => byName.TryGetValue(name, out var list) ? list : [];

    /// <summary>True when some indexed file lies below this directory (the root always exists).</summary>
    public bool DirectoryExists(string directory) => directory.TrimEnd('/') is var d && (d.Length == 0 || directories.Contains(d));
}

/// <summary>Counts of one walk; <paramref name="OwnFiles"/> are Gaplens's own files left out (never shown in a report,
/// so that a report does not change when the previous run's reports lie in the tree).</summary>
public sealed record WalkStatistics(int Directories, int SkippedDirectories, int IgnoredEntries, int LinksNotFollowed, int OwnFiles = 0);
