using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// Dependencies and plugins of a Maven (pom.xml, XML parser) or Gradle (build.gradle[.kts], coordinates in the text)
/// build. Names are "groupId:artifactId"; plugins are listed as packages too, so that "jacoco-maven-plugin" can be asked for.
/// </summary>
public static partial class JvmBuild
{
    public static bool IsManifest(string name) =>
        name.Equals("pom.xml", StringComparison.Ordinal) ||
        name.Equals("build.gradle", StringComparison.Ordinal) ||
        name.Equals("build.gradle.kts", StringComparison.Ordinal);

    public static IReadOnlyList<PackageReference> Read(SourceText source, out string? error)
    {
        error = null;
        return source.File.Name == "pom.xml" ? ReadPom(source, out error) : ReadGradle(source);
    }

    private static IReadOnlyList<PackageReference> ReadPom(SourceText source, out string? error)
    {
        error = null;
        if (Parsing.ParseGuard.ParseXml(source.Text, out error) is not { } document)
        {
            return [];
        }

        var result = new List<PackageReference>();
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName is "dependency" or "plugin" or "parent"))
        {
            var group = element.Elements().FirstOrDefault(e => e.Name.LocalName == "groupId")?.Value.Trim() ?? (element.Name.LocalName == "plugin" ? "org.apache.maven.plugins" : string.Empty);
            var artifact = element.Elements().FirstOrDefault(e => e.Name.LocalName == "artifactId")?.Value.Trim();
            if (string.IsNullOrEmpty(artifact))
            {
                continue;
            }

            var scope = element.Elements().FirstOrDefault(e => e.Name.LocalName == "scope")?.Value.Trim();
            var dev = scope is "test" || element.Name.LocalName == "plugin";
            result.Add(new PackageReference(JvmEcosystem.Maven, $"{group}:{artifact}", source.File.Path, DotnetProject.LineOf(element), dev));
        }

        return result;
    }

    private static IReadOnlyList<PackageReference> ReadGradle(SourceText source)
    {
        var result = new List<PackageReference>();
        var lineNumber = 0;
        foreach (var line in source.Lines())
        {
            lineNumber++;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var dev = trimmed.StartsWith("test", StringComparison.Ordinal);
            foreach (Match m in Coordinates().Matches(line))
            {
                result.Add(new PackageReference(JvmEcosystem.Maven, $"{m.Groups[1].Value}:{m.Groups[2].Value}", source.File.Path, lineNumber, dev));
            }

            foreach (Match m in PluginId().Matches(line))
            {
                result.Add(new PackageReference(JvmEcosystem.Maven, $"plugin:{m.Groups[1].Value}", source.File.Path, lineNumber, true));
            }

            var bare = BarePlugin().Match(trimmed);
            if (bare.Success)
            {
                result.Add(new PackageReference(JvmEcosystem.Maven, $"plugin:{bare.Groups[1].Value}", source.File.Path, lineNumber, true));
            }
        }

        return result;
    }

    [GeneratedRegex(@"[""']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^""']*)?[""']")]
    private static partial Regex Coordinates();

    [GeneratedRegex(@"id\s*\(?\s*[""']([A-Za-z0-9_.\-]+)[""']")]
    private static partial Regex PluginId();

    [GeneratedRegex(@"^(jacoco|checkstyle|pmd|jacoco-report-aggregation|java|application|war)\s*$")]
    private static partial Regex BarePlugin();
}
