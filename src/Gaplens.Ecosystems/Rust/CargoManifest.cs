using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Rust;

/// <summary>
/// A Cargo.toml: the package it builds (its binary targets and whether it is a library), the workspace it roots (members
/// and shared dependencies) and every dependency with its path, features and whether it is for development only.
/// </summary>
public sealed class CargoManifest
{
    private CargoManifest(string path)
    {
        Path = path;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    /// <summary>Directory of the manifest: the crate's root.</summary>
    public string Directory { get; }

    /// <summary>The [package] name, or null for a virtual workspace manifest.</summary>
    public string? PackageName { get; private set; }

    /// <summary>Line of the package name (1 when absent).</summary>
    public int PackageLine { get; private set; } = 1;

    /// <summary>False when [package] autobins = false: src/main.rs and src/bin/ are not binaries by convention.</summary>
    public bool AutoBins { get; private set; } = true;

    /// <summary>
    /// True for crates that hold no product code: cargo-fuzz targets ([package.metadata] cargo-fuzz = true, or a crate
    /// in a fuzz/ folder) and xtask automation, which Cargo runs only on developers' and CI machines.
    /// </summary>
    public bool IsDevelopmentCrate { get; private set; }

    /// <summary>[package] default-run: the binary <c>cargo run</c> starts.</summary>
    public string? DefaultRun { get; private set; }

    /// <summary>Binaries declared with [[bin]]: name and source path relative to the crate (null: the conventional path).</summary>
    public IReadOnlyList<(string Name, string? Path, int Line)> DeclaredBins { get; private set; } = [];

    /// <summary>[lib] path, when it is not src/lib.rs.</summary>
    public string? LibPath { get; private set; }

    public bool IsWorkspaceRoot { get; private set; }

    /// <summary>[workspace] members (globs relative to this manifest's directory).</summary>
    public IReadOnlyList<string> Members { get; private set; } = [];

    /// <summary>[workspace] exclude.</summary>
    public IReadOnlyList<string> Excluded { get; private set; } = [];

    /// <summary>Dependencies of the package (and of its targets), development ones flagged.</summary>
    public IReadOnlyList<CargoDependency> Dependencies { get; private set; } = [];

    /// <summary>[workspace.dependencies]: what members inherit with <c>workspace = true</c>.</summary>
    public IReadOnlyList<CargoDependency> WorkspaceDependencies { get; private set; } = [];

    /// <summary>Every dependency this manifest declares, the workspace table included.</summary>
    public IEnumerable<CargoDependency> AllDependencies => Dependencies.Concat(WorkspaceDependencies);

    public static CargoManifest? Parse(SourceText source, out string? error)
    {
        if (Toml.TomlDocuments.Parse(source, out error) is not { } root)
        {
            return null;
        }

        var manifest = new CargoManifest(source.File.Path);
        if (root.TryGetValue("package", out var p) && p is TomlTable package)
        {
            manifest.PackageName = package.TryGetValue("name", out var name) ? name as string : null;
            manifest.PackageLine = manifest.PackageName is null ? 1 : LineOf(source, "name", 1);
            manifest.AutoBins = !(package.TryGetValue("autobins", out var autobins) && autobins is false);
            manifest.DefaultRun = package.TryGetValue("default-run", out var run) ? run as string : null;
            var fuzz = package.TryGetValue("metadata", out var m) && m is TomlTable metadata && metadata.ContainsKey("cargo-fuzz");
            manifest.IsDevelopmentCrate = fuzz || manifest.PackageName is "xtask" ||
                                          RelativePaths.Segments(manifest.Directory).Any(segment => segment is "fuzz" or "xtask");
        }

        if (root.TryGetValue("lib", out var l) && l is TomlTable lib && lib.TryGetValue("path", out var libPath))
        {
            manifest.LibPath = libPath as string;
        }

        if (root.TryGetValue("bin", out var b) && b is TomlTableArray bins)
        {
            var declared = new List<(string, string?, int)>();
            var from = 1;
            foreach (var bin in bins)
            {
                var line = LineOf(source, "[[bin]]", from);
                from = line + 1;
                if (bin.TryGetValue("name", out var binName) && binName is string n)
                {
                    declared.Add((n, bin.TryGetValue("path", out var binPath) ? binPath as string : null, line));
                }
            }

            manifest.DeclaredBins = declared;
        }

        if (root.TryGetValue("workspace", out var w) && w is TomlTable workspace)
        {
            manifest.IsWorkspaceRoot = true;
            manifest.Members = Strings(workspace, "members");
            manifest.Excluded = Strings(workspace, "exclude");
            if (workspace.TryGetValue("dependencies", out var shared) && shared is TomlTable sharedTable)
            {
                manifest.WorkspaceDependencies = ReadTable(source, manifest.Directory, sharedTable, development: false);
            }
        }

        var dependencies = new List<CargoDependency>();
        foreach (var (section, development) in new[] { ("dependencies", false), ("dev-dependencies", true), ("build-dependencies", true) })
        {
            if (root.TryGetValue(section, out var direct) && direct is TomlTable table)
            {
                dependencies.AddRange(ReadTable(source, manifest.Directory, table, development));
            }

            if (root.TryGetValue("target", out var target) && target is TomlTable targets)
            {
                foreach (var value in targets.Values)
                {
                    if (value is TomlTable cfg && cfg.TryGetValue(section, out var nested) && nested is TomlTable nestedTable)
                    {
                        dependencies.AddRange(ReadTable(source, manifest.Directory, nestedTable, development));
                    }
                }
            }
        }

        manifest.Dependencies = dependencies;
        return manifest;
    }

    /// <summary>The package references this manifest declares, under their real crate names (a renamed dependency counts as the crate it renames).</summary>
    public IEnumerable<PackageReference> Packages() =>
        AllDependencies.Select(d => new PackageReference(RustEcosystem.Cargo, d.Package, Path, d.Line, d.Development));

    private static List<CargoDependency> ReadTable(SourceText source, string directory, TomlTable table, bool development)
    {
        var result = new List<CargoDependency>();
        foreach (var key in table.Keys.Order(StringComparer.Ordinal))
        {
            var value = table[key];
            string? path = null;
            string package = key;
            var inherited = false;
            IReadOnlyList<string> features = [];
            if (value is TomlTable spec)
            {
                if (spec.TryGetValue("path", out var p) && p is string relative)
                {
                    path = RelativePaths.Combine(directory, relative);
                }

                if (spec.TryGetValue("package", out var renamed) && renamed is string real)
                {
                    package = real;
                }

                inherited = spec.TryGetValue("workspace", out var ws) && ws is true;
                features = Strings(spec, "features");
            }

            result.Add(new CargoDependency(key, package, path, inherited, features, development, LineOf(source, key, 1)));
        }

        return result;
    }

    private static IReadOnlyList<string> Strings(TomlTable table, string key) =>
        table.TryGetValue(key, out var value) && value is TomlArray array ? array.OfType<string>().ToList() : [];

    /// <summary>The first line at or after <paramref name="from"/> that starts with the key (as "key =", "key.x =" or a "[x.key]" header).</summary>
    private static int LineOf(SourceText source, string key, int from)
    {
        for (var number = Math.Max(1, from); number <= source.LineCount; number++)
        {
            var trimmed = source.Line(number).TrimStart();
            if (trimmed.StartsWith(key, StringComparison.Ordinal) && (trimmed.Length == key.Length || trimmed[key.Length] is ' ' or '=' or '.' or '\t'))
            {
                return number;
            }

            if (trimmed.StartsWith('[') && trimmed.EndsWith("." + key + "]", StringComparison.Ordinal))
            {
                return number;
            }
        }

        return 1;
    }
}

/// <summary>
/// One dependency of a Cargo manifest: the key it is declared under, the crate it names, the resolved path of a path
/// dependency, whether it is inherited from the workspace table, and its features.
/// </summary>
public sealed record CargoDependency(string Key, string Package, string? Path, bool Inherited, IReadOnlyList<string> Features, bool Development, int Line);
