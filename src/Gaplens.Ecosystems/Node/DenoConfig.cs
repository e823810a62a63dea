using System.Text.Json;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Node;

/// <summary>
/// A Deno configuration (deno.json, deno.jsonc, or an import_map.json) read with System.Text.Json: its name, tasks,
/// workspace members, and the import map's specifiers as packages: npm:hono and esm.sh URLs are npm packages,
/// jsr:@std/http is a JSR package, https://deno.land/x/oak@v12/mod.ts is the deno.land/x module "oak".
/// </summary>
public sealed class DenoConfig
{
    private DenoConfig(string path)
    {
        Path = path;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    public string? Name { get; private set; }

    /// <summary>deno task name to command and line.</summary>
    public IReadOnlyDictionary<string, (string Command, int Line)> Tasks { get; private set; } = new Dictionary<string, (string, int)>();

    /// <summary>Member directories of a Deno workspace, relative to the root.</summary>
    public IReadOnlyList<string> Members { get; private set; } = [];

    public IReadOnlyList<PackageReference> Packages { get; private set; } = [];

    /// <summary>Top-level keys ("lint", "fmt", "test").</summary>
    public IReadOnlySet<string> Keys { get; private set; } = new HashSet<string>();

    public bool IsImportMap => RelativePaths.FileName(Path).StartsWith("import_map", StringComparison.Ordinal);

    public static bool IsConfig(string name) => name is "deno.json" or "deno.jsonc" or "import_map.json";

    public static DenoConfig? Parse(SourceText source, out string? error)
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
                error = $"{RelativePaths.FileName(source.File.Path)} is not a JSON object";
                return null;
            }

            var config = new DenoConfig(source.File.Path)
            {
                Name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                Keys = root.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal),
            };

            var tasks = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            if (root.TryGetProperty("tasks", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var task in t.EnumerateObject())
                {
                    var command = task.Value.ValueKind == JsonValueKind.String ? task.Value.GetString()
                        : task.Value.ValueKind == JsonValueKind.Object && task.Value.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (command is not null)
                    {
                        tasks[task.Name] = (command, source.FindLine($"\"{task.Name}\"") ?? 1);
                    }
                }
            }

            config.Tasks = tasks;
            if (root.TryGetProperty("workspace", out var w))
            {
                var members = w.ValueKind == JsonValueKind.Object && w.TryGetProperty("members", out var m) ? m : w;
                if (members.ValueKind == JsonValueKind.Array)
                {
                    config.Members = members.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String)
                        .Select(e => RelativePaths.Combine(config.Directory, e.GetString()!)).ToList();
                }
            }

            var packages = new List<PackageReference>();
            if (root.TryGetProperty("imports", out var imports) && imports.ValueKind == JsonValueKind.Object)
            {
                var importsLine = source.FindLine("\"imports\"") ?? 1;
                foreach (var entry in imports.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.String && PackageOf(entry.Value.GetString()!) is { } package)
                    {
                        var line = source.FindLine($"\"{entry.Name}\"", StringComparison.Ordinal, importsLine) ?? importsLine;
                        packages.Add(new PackageReference(package.Manager, package.Name, source.File.Path, line, false));
                    }
                }
            }

            config.Packages = packages;
            return config;
        }
    }

    /// <summary>The package a specifier names, or null for local paths and other URLs.</summary>
    public static (PackageEcosystem Manager, string Name)? PackageOf(string specifier)
    {
        if (specifier.StartsWith("npm:", StringComparison.Ordinal))
        {
            return NameOf(specifier[4..].TrimStart('/')) is { } npm ? (NodeEcosystem.Npm, npm) : null;
        }

        if (specifier.StartsWith("jsr:", StringComparison.Ordinal))
        {
            return NameOf(specifier[4..].TrimStart('/')) is { } jsr ? (NodeEcosystem.Jsr, jsr) : null;
        }

        foreach (var (prefix, manager) in new[] { ("https://deno.land/x/", NodeEcosystem.DenoLand), ("https://esm.sh/", NodeEcosystem.Npm), ("https://cdn.skypack.dev/", NodeEcosystem.Npm) })
        {
            if (specifier.StartsWith(prefix, StringComparison.Ordinal))
            {
                return NameOf(specifier[prefix.Length..]) is { } name ? (manager, name) : null;
            }
        }

        if (specifier.StartsWith("https://deno.land/std", StringComparison.Ordinal))
        {
            return (NodeEcosystem.DenoLand, "std");
        }

        return null;
    }

    /// <summary>"@scope/name@1.2/sub" → "@scope/name"; "oak@v12.6.1/mod.ts" → "oak".</summary>
    private static string? NameOf(string rest)
    {
        var segments = rest.Split('/');
        var scoped = rest.StartsWith('@') && segments.Length > 1;
        var name = scoped ? $"{segments[0]}/{segments[1]}" : segments[0];
        var at = name.IndexOf('@', scoped ? 1 : 0);
        if (at > 0)
        {
            name = name[..at];
        }

        return name.Length > 0 && name != "@" ? name : null;
    }
}
