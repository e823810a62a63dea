using System.Text.Json;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Node;

/// <summary>A package.json read with System.Text.Json; lines are found in the text for evidence.</summary>
public sealed class PackageJson
{
    private PackageJson(string path, string? name, IReadOnlyDictionary<string, (string Command, int Line)> scripts,
        IReadOnlyList<PackageReference> dependencies, IReadOnlySet<string> topLevelKeys, string? license, bool hasWorkspaces,
        IReadOnlyDictionary<string, string> versions, IReadOnlyList<string> workspaces)
    {
        Versions = versions;
        Workspaces = workspaces;
        Path = path;
        Name = name;
        Scripts = scripts;
        Dependencies = dependencies;
        TopLevelKeys = topLevelKeys;
        License = license;
        HasWorkspaces = hasWorkspaces;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    public string? Name { get; }

    public IReadOnlyDictionary<string, (string Command, int Line)> Scripts { get; }

    public IReadOnlyList<PackageReference> Dependencies { get; }

    public IReadOnlySet<string> TopLevelKeys { get; }

    public string? License { get; }

    public bool HasWorkspaces { get; }

    /// <summary>The version range of each dependency ("workspace:*", "^1.2.0", "file:../shared").</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    /// <summary>Workspace globs of an npm/yarn/bun monorepo root ("apps/*", "packages/*").</summary>
    public IReadOnlyList<string> Workspaces { get; }

    /// <summary>True when a dependency points at a package of the same repository (workspace:, file:, link: or portal: ranges).</summary>
    public bool IsLocalReference(string dependency) =>
        Versions.TryGetValue(dependency, out var version) &&
        (version.StartsWith("workspace:", StringComparison.Ordinal) || version.StartsWith("file:", StringComparison.Ordinal) ||
         version.StartsWith("link:", StringComparison.Ordinal) || version.StartsWith("portal:", StringComparison.Ordinal));

    public bool Has(string package) => Dependencies.Any(d => d.Name.Equals(package, StringComparison.Ordinal));

    public bool HasRuntime(string package) => Dependencies.Any(d => !d.Development && d.Name.Equals(package, StringComparison.Ordinal));

    public static PackageJson? Parse(SourceText source, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = Parsing.ParseGuard.MaxDepth });
        }
        catch (JsonException ex)
        {
            error = $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "package.json is not a JSON object";
                return null;
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                keys.Add(property.Name);
            }

            string? name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            string? license = root.TryGetProperty("license", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
            var scripts = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            if (root.TryGetProperty("scripts", out var s) && s.ValueKind == JsonValueKind.Object)
            {
                foreach (var script in s.EnumerateObject())
                {
                    if (script.Value.ValueKind == JsonValueKind.String)
                    {
                        scripts[script.Name] = (script.Value.GetString() ?? string.Empty, source.FindLine($"\"{script.Name}\"") ?? 1);
                    }
                }
            }

            var dependencies = new List<PackageReference>();
            var versions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (section, dev) in new[] { ("dependencies", false), ("devDependencies", true), ("peerDependencies", false), ("optionalDependencies", false) })
            {
                if (!root.TryGetProperty(section, out var deps) || deps.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var sectionLine = source.FindLine($"\"{section}\"") ?? 1;
                foreach (var dependency in deps.EnumerateObject())
                {
                    var line = source.FindLine($"\"{dependency.Name}\"", StringComparison.Ordinal, sectionLine) ?? sectionLine;
                    dependencies.Add(new PackageReference(NodeEcosystem.Npm, dependency.Name, source.File.Path, line, dev));
                    if (dependency.Value.ValueKind == JsonValueKind.String)
                    {
                        versions.TryAdd(dependency.Name, dependency.Value.GetString() ?? string.Empty);
                    }
                }
            }

            var workspaces = new List<string>();
            if (root.TryGetProperty("workspaces", out var w))
            {
                var list = w.ValueKind == JsonValueKind.Object && w.TryGetProperty("packages", out var packages) ? packages : w;
                if (list.ValueKind == JsonValueKind.Array)
                {
                    workspaces.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
                }
            }

            return new PackageJson(source.File.Path, name, scripts, dependencies, keys, license, keys.Contains("workspaces"), versions, workspaces);
        }
    }
}
