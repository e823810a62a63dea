using Gaplens.Core.Files;
using Gaplens.Ecosystems.Toml;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// A Gradle version catalog (gradle/libs.versions.toml, read with Tomlyn): the libraries, bundles and plugins its
/// aliases stand for. Builds refer to them as <c>libs.spring.boot.starter.web</c>, <c>libs.bundles.ktor</c> and
/// <c>libs.plugins.ktor</c>; the separators '-', '_' and '.' of an alias all become '.' in the accessor.
/// </summary>
public sealed class VersionCatalog
{
    private VersionCatalog(string path, string accessor)
    {
        Path = path;
        Accessor = accessor;
        BuildDirectory = RelativePaths.DirectoryOf(RelativePaths.DirectoryOf(path));
    }

    public string Path { get; }

    /// <summary>The name builds use for it: "libs" for libs.versions.toml.</summary>
    public string Accessor { get; }

    /// <summary>The directory of the build whose gradle/ folder holds the catalog.</summary>
    public string BuildDirectory { get; }

    /// <summary>Accessor path ("spring.boot.starter.web") to "group:artifact" and the catalog line.</summary>
    public IReadOnlyDictionary<string, (string Module, int Line)> Libraries { get; private set; } = new Dictionary<string, (string, int)>();

    /// <summary>Bundle accessor ("ktor.server") to the library accessors it groups.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Bundles { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Plugin accessor ("spring.boot") to its plugin id.</summary>
    public IReadOnlyDictionary<string, string> Plugins { get; private set; } = new Dictionary<string, string>();

    public static bool IsCatalog(string path) =>
        path.EndsWith(".versions.toml", StringComparison.Ordinal) && RelativePaths.FileName(RelativePaths.DirectoryOf(path)) == "gradle";

    /// <summary>"spring-boot_starter.web" → "spring.boot.starter.web".</summary>
    public static string AccessorOf(string alias) => alias.Replace('-', '.').Replace('_', '.');

    public static VersionCatalog? Parse(SourceText source, out string? error)
    {
        var table = TomlDocuments.Parse(source, out error);
        if (table is null)
        {
            return null;
        }

        var name = RelativePaths.FileName(source.File.Path);
        var catalog = new VersionCatalog(source.File.Path, name[..name.IndexOf('.')]);
        var librariesLine = source.FindLine("[libraries]") ?? 1;
        var libraries = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        if (table.TryGetValue("libraries", out var libs) && libs is TomlTable libraryTable)
        {
            foreach (var (alias, value) in libraryTable)
            {
                var module = value switch
                {
                    string text => ModuleOf(text),
                    TomlTable entry when entry.TryGetValue("module", out var m) && m is string moduleText => ModuleOf(moduleText),
                    TomlTable entry when entry.TryGetValue("group", out var g) && g is string groupText && entry.TryGetValue("name", out var n) && n is string nameText => $"{groupText}:{nameText}",
                    _ => null,
                };
                if (module is not null)
                {
                    libraries[AccessorOf(alias)] = (module, KeyLine(source, alias, librariesLine));
                }
            }
        }

        var bundles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (table.TryGetValue("bundles", out var b) && b is TomlTable bundleTable)
        {
            foreach (var (alias, value) in bundleTable)
            {
                if (value is TomlArray items)
                {
                    bundles[AccessorOf(alias)] = items.OfType<string>().Select(AccessorOf).ToList();
                }
            }
        }

        var plugins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetValue("plugins", out var p) && p is TomlTable pluginTable)
        {
            foreach (var (alias, value) in pluginTable)
            {
                var id = value switch
                {
                    string text => text.Split(':')[0],
                    TomlTable entry when entry.TryGetValue("id", out var i) && i is string idText => idText,
                    _ => null,
                };
                if (!string.IsNullOrEmpty(id))
                {
                    plugins[AccessorOf(alias)] = id;
                }
            }
        }

        catalog.Libraries = libraries;
        catalog.Bundles = bundles;
        catalog.Plugins = plugins;
        return catalog;
    }

    /// <summary>The line that defines a key ("alias =" or "alias.module =") at or after a section header.</summary>
    private static int KeyLine(SourceText source, string key, int fromLine)
    {
        for (var line = fromLine; line <= source.LineCount; line++)
        {
            var text = source.Line(line).TrimStart().Trim('"', '\'');
            if (text.StartsWith(key, StringComparison.Ordinal) && text.Length > key.Length && text[key.Length] is ' ' or '=' or '.' or '"' or '\'')
            {
                return line;
            }
        }

        return fromLine;
    }

    /// <summary>"group:artifact:version" or "group:artifact" → "group:artifact".</summary>
    private static string? ModuleOf(string coordinates)
    {
        var parts = coordinates.Split(':');
        return parts.Length >= 2 && parts[0].Length > 0 && parts[1].Length > 0 ? $"{parts[0]}:{parts[1]}" : null;
    }
}
