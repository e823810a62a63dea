using System.Text.Json;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Node;

/// <summary>A package.json read with System.Text.Json; lines are found in the text for evidence.</summary>
public sealed class PackageJson
{
    private PackageJson(string path, string? name, IReadOnlyDictionary<string, (string Command, int Line)> scripts,
        IReadOnlyList<PackageReference> dependencies, IReadOnlySet<string> topLevelKeys, string? license, bool hasWorkspaces)
    {
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
                }
            }

            return new PackageJson(source.File.Path, name, scripts, dependencies, keys, license, keys.Contains("workspaces"));
        }
    }
}
