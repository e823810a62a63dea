using System.Text.Json;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Php;

/// <summary>
/// A composer.json: its declared name and type, the packages it requires (require-dev flagged as development), the
/// PSR-4 source roots it autoloads and the local packages it pulls in through path repositories.
/// </summary>
public sealed record ComposerManifest(
    string Path,
    string? Name,
    string? Type,
    IReadOnlyList<PackageReference> Packages,
    IReadOnlyList<string> AutoloadRoots,
    IReadOnlyList<string> PathRepositories)
{
    public string Directory => RelativePaths.DirectoryOf(Path);

    public bool Requires(string package) => Packages.Any(p => !p.Development && p.Name.Equals(package, StringComparison.OrdinalIgnoreCase));

    public PackageReference? Find(string package) => Packages.FirstOrDefault(p => p.Name.Equals(package, StringComparison.OrdinalIgnoreCase));

    /// <summary>Composer types that are never applications: libraries, bundles, plugins, metapackages.</summary>
    public bool IsLibraryType => Type is { Length: > 0 } type && !type.Equals("project", StringComparison.OrdinalIgnoreCase);

    public static ComposerManifest? Parse(SourceText source, PackageEcosystem composer, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
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
                return null;
            }

            var lines = source.Text.Split('\n');
            var directory = RelativePaths.DirectoryOf(source.File.Path);
            var packages = new List<PackageReference>();
            foreach (var (section, development) in new[] { ("require", false), ("require-dev", true) })
            {
                if (root.TryGetProperty(section, out var require) && require.ValueKind == JsonValueKind.Object)
                {
                    var start = LineOf(lines, $"\"{section}\"", 0);
                    foreach (var property in require.EnumerateObject())
                    {
                        // Platform requirements (php, ext-*, lib-*) are not packages, but ext-* names which drivers are needed.
                        if (property.Name.Equals("php", StringComparison.OrdinalIgnoreCase) || property.Name.StartsWith("lib-", StringComparison.OrdinalIgnoreCase))
                        {
                            continue;
                        }

                        packages.Add(new PackageReference(composer, property.Name, source.File.Path, LineOf(lines, $"\"{property.Name}\"", start - 1), development));
                    }
                }
            }

            var autoload = new List<string>();
            foreach (var section in new[] { "autoload" })
            {
                if (root.TryGetProperty(section, out var block) && block.ValueKind == JsonValueKind.Object)
                {
                    foreach (var kind in new[] { "psr-4", "psr-0" })
                    {
                        if (block.TryGetProperty(kind, out var map) && map.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var entry in map.EnumerateObject())
                            {
                                foreach (var folder in Strings(entry.Value))
                                {
                                    autoload.Add(RelativePaths.Combine(directory, folder));
                                }
                            }
                        }
                    }
                }
            }

            var repositories = new List<string>();
            if (root.TryGetProperty("repositories", out var repos))
            {
                var items = repos.ValueKind switch
                {
                    JsonValueKind.Array => repos.EnumerateArray().ToList(),
                    JsonValueKind.Object => repos.EnumerateObject().Select(p => p.Value).ToList(),
                    _ => [],
                };
                foreach (var repo in items.Where(r => r.ValueKind == JsonValueKind.Object))
                {
                    if (repo.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "path" &&
                        repo.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && url.GetString() is { Length: > 0 } u)
                    {
                        // "packages/*" names every package folder below packages/.
                        var folder = u.EndsWith("/*", StringComparison.Ordinal) ? u[..^2] : u;
                        if (!folder.Contains('*'))
                        {
                            repositories.Add(RelativePaths.Combine(directory, folder));
                        }
                    }
                }
            }

            return new ComposerManifest(source.File.Path, StringOf(root, "name"), StringOf(root, "type"), packages, autoload.Distinct(StringComparer.Ordinal).ToList(), repositories);
        }
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { } s ? [s] : [],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    };

    /// <summary>The 1-based line of the first occurrence of the text at or after a 0-based line; the start line when absent.</summary>
    private static int LineOf(string[] lines, string text, int from)
    {
        for (var i = Math.Max(0, from); i < lines.Length; i++)
        {
            if (lines[i].Contains(text, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return Math.Max(1, from + 1);
    }
}
