using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Rust;

/// <summary>
/// The crates of a tree and how they depend on each other: each package manifest with its binary targets (found by
/// Cargo's conventions: src/main.rs, src/bin/*.rs, src/bin/*/main.rs and [[bin]] tables), and its path dependencies,
/// direct or inherited from the workspace table, resolved to the crates they name.
/// </summary>
internal sealed class CargoCrates
{
    private readonly Dictionary<string, Crate> byDirectory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CargoManifest> workspaceRoots = new(StringComparer.Ordinal);

    public CargoCrates(Workspace workspace)
    {
        var binFiles = workspace.Files.Files.Where(f => f.Is(FileClass.Rust) && (f.Path.StartsWith("src/bin/", StringComparison.Ordinal) || f.Path.Contains("/src/bin/", StringComparison.Ordinal))).ToList();
        foreach (var manifest in workspace.Documents<CargoManifest>())
        {
            if (manifest.IsWorkspaceRoot)
            {
                workspaceRoots[manifest.Directory] = manifest;
            }

            if (manifest.PackageName is not null)
            {
                byDirectory[manifest.Directory] = new Crate(manifest, BinsOf(manifest, workspace.Files, binFiles));
            }
        }

        foreach (var crate in byDirectory.Values)
        {
            foreach (var dependency in crate.Manifest.Dependencies.Where(d => !d.Development))
            {
                var path = dependency.Path;
                if (path is null && dependency.Inherited && WorkspaceRootOf(crate.Manifest.Directory) is { } root)
                {
                    path = root.WorkspaceDependencies.FirstOrDefault(w => w.Key == dependency.Key)?.Path;
                }

                if (path is not null && byDirectory.TryGetValue(path, out var target) && target != crate)
                {
                    crate.PathDependencies.Add(target);
                }
            }
        }
    }

    /// <summary>
    /// True for a crate a workspace lists under exclude (a legacy, vendored or experimental crate kept out of the build),
    /// matched by path or by a trailing /* pattern.
    /// </summary>
    public bool IsExcludedFromWorkspace(Crate crate) =>
        workspaceRoots.Values.Any(root => root.Excluded.Any(pattern =>
        {
            var path = RelativePaths.Combine(root.Directory, pattern.TrimEnd('*').TrimEnd('/'));
            return pattern.EndsWith('*') ? RelativePaths.IsUnder(crate.Directory, path) : crate.Directory == path;
        }));

    public IEnumerable<Crate> All => byDirectory.Values.OrderBy(c => c.Manifest.Directory, StringComparer.Ordinal);

    /// <summary>The crate whose source holds this file: the nearest directory above it with a package manifest.</summary>
    public Crate? CrateOf(string path)
    {
        var directory = RelativePaths.DirectoryOf(path);
        while (true)
        {
            if (byDirectory.TryGetValue(directory, out var crate))
            {
                return crate;
            }

            if (directory.Length == 0)
            {
                return null;
            }

            directory = RelativePaths.DirectoryOf(directory);
        }
    }

    /// <summary>The crate and every crate it depends on through paths, transitively (development dependencies excluded).</summary>
    public static IReadOnlyList<Crate> Closure(Crate crate)
    {
        var result = new List<Crate>();
        var queue = new Queue<Crate>([crate]);
        var seen = new HashSet<Crate>();
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!seen.Add(next))
            {
                continue;
            }

            result.Add(next);
            foreach (var dependency in next.PathDependencies.OrderBy(d => d.Manifest.Directory, StringComparer.Ordinal))
            {
                queue.Enqueue(dependency);
            }
        }

        return result;
    }

    private CargoManifest? WorkspaceRootOf(string directory)
    {
        while (true)
        {
            if (workspaceRoots.TryGetValue(directory, out var root))
            {
                return root;
            }

            if (directory.Length == 0)
            {
                return null;
            }

            directory = RelativePaths.DirectoryOf(directory);
        }
    }

    private static List<BinTarget> BinsOf(CargoManifest manifest, FileIndex files, IReadOnlyList<RepoFile> binFiles)
    {
        string At(string relative) => RelativePaths.Combine(manifest.Directory, relative);
        var bins = new List<BinTarget>();
        foreach (var (name, path, line) in manifest.DeclaredBins)
        {
            var file = path is not null ? At(path)
                : new[] { $"src/bin/{name}.rs", $"src/bin/{name}/main.rs", "src/main.rs" }.Select(At).FirstOrDefault(p => files.Get(p) is not null) ?? At("src/main.rs");
            bins.Add(new BinTarget(name, file, line));
        }

        if (!manifest.AutoBins)
        {
            return bins;
        }

        var main = At("src/main.rs");
        if (files.Get(main) is not null && bins.All(b => b.File != main))
        {
            bins.Add(new BinTarget(manifest.PackageName!, main, 1));
        }

        var binDirectory = At("src/bin");
        foreach (var file in binFiles)
        {
            if (!RelativePaths.IsUnder(file.Path, binDirectory) || bins.Any(b => b.File == file.Path))
            {
                continue;
            }

            var rest = file.Path[(binDirectory.Length + 1)..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                bins.Add(new BinTarget(rest[..^3], file.Path, 1));
            }
            else if (rest[(slash + 1)..] == "main.rs")
            {
                bins.Add(new BinTarget(rest[..slash], file.Path, 1));
            }
        }

        return bins;
    }
}

/// <summary>A package manifest, its binaries and the crates it depends on through paths.</summary>
internal sealed class Crate(CargoManifest manifest, IReadOnlyList<BinTarget> bins)
{
    public CargoManifest Manifest { get; } = manifest;

    public string Name => Manifest.PackageName!;

    public string Directory => Manifest.Directory;

    public IReadOnlyList<BinTarget> Bins { get; } = bins;

    public List<Crate> PathDependencies { get; } = [];

    /// <summary>The binary <c>cargo run</c> starts: default-run, the one named after the package, or the only one.</summary>
    public BinTarget? PrimaryBin =>
        Bins.FirstOrDefault(b => b.Name == Manifest.DefaultRun) ?? Bins.FirstOrDefault(b => b.Name == Name) ??
        Bins.FirstOrDefault(b => b.File.EndsWith("src/main.rs", StringComparison.Ordinal)) ?? Bins.FirstOrDefault();

    /// <summary>The binary whose sources hold this file (its main file, or a file in its src/bin/&lt;name&gt;/ folder), or null for library code.</summary>
    public BinTarget? BinOf(string path)
    {
        foreach (var bin in Bins)
        {
            if (bin.File == path || bin.File.EndsWith("/main.rs", StringComparison.Ordinal) && bin.File.Contains("/src/bin/", StringComparison.Ordinal) &&
                RelativePaths.IsUnder(path, RelativePaths.DirectoryOf(bin.File)))
            {
                return bin;
            }
        }

        return null;
    }

    /// <summary>
    /// True for files of the crate that are not its product: integration tests, benches and examples, which Cargo
    /// builds as targets of their own.
    /// </summary>
    public bool IsAuxiliary(string path)
    {
        var relative = Directory.Length == 0 ? path : path[(Directory.Length + 1)..];
        return relative.StartsWith("tests/", StringComparison.Ordinal) || relative.StartsWith("benches/", StringComparison.Ordinal) ||
               relative.StartsWith("examples/", StringComparison.Ordinal);
    }
}

/// <summary>A binary target: the program's name and its main source file.</summary>
internal sealed record BinTarget(string Name, string File, int Line);
