using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// A Gradle settings script (settings.gradle[.kts]): the root project's name and the projects the build includes,
/// each with its directory (":services:orders" lives in services/orders unless projectDir says otherwise).
/// </summary>
public sealed partial class GradleSettings
{
    private GradleSettings(string path)
    {
        Path = path;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    /// <summary>The root project's directory.</summary>
    public string Directory { get; }

    public string? RootProjectName { get; private set; }

    /// <summary>Gradle project path (":core") to its directory relative to the repository root.</summary>
    public IReadOnlyDictionary<string, string> Projects { get; private set; } = new Dictionary<string, string>();

    public static bool IsSettings(string name) => name is "settings.gradle" or "settings.gradle.kts";

    public static GradleSettings Parse(SourceText source)
    {
        var settings = new GradleSettings(source.File.Path);
        var text = string.Join('\n', source.Lines().Select(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) ? string.Empty : l));
        settings.RootProjectName = RootName().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

        var projects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match include in Include().Matches(text))
        {
            foreach (Match name in Quoted().Matches(include.Groups[1].Success ? include.Groups[1].Value : include.Groups[2].Value))
            {
                var path = name.Groups[1].Value;
                var projectPath = path.StartsWith(':') ? path : ":" + path;
                projects.TryAdd(projectPath, RelativePaths.Combine(settings.Directory, projectPath.TrimStart(':').Replace(':', '/')));
            }
        }

        foreach (Match over in ProjectDir().Matches(text))
        {
            var projectPath = over.Groups[1].Value;
            projects[projectPath] = RelativePaths.Combine(settings.Directory, over.Groups[2].Value);
        }

        settings.Projects = projects;
        return settings;
    }

    [GeneratedRegex(@"rootProject\.name\s*=\s*[""']([^""']+)[""']")]
    private static partial Regex RootName();

    /// <summary>include(":a", ":b") over several lines, or include ':a', ':b' in Groovy.</summary>
    [GeneratedRegex(@"\binclude\s*(?:\(([^)]*)\)|((?:\s*[""'][^""'\n]+[""']\s*,?)+))")]
    private static partial Regex Include();

    [GeneratedRegex(@"[""']([^""'\s]+)[""']")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"project\(\s*[""'](:[^""']+)[""']\s*\)\.projectDir\s*=\s*(?:new\s+File\(|File\()?\s*(?:settingsDir\s*,\s*|rootDir\s*,\s*)?(?:file\()?\s*[""']([^""']+)[""']")]
    private static partial Regex ProjectDir();
}
