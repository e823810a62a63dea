using System.Xml;
using System.Xml.Linq;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// A Maven pom.xml read with the XML parser: its coordinates, parent, modules, properties, dependencies and plugins.
/// Names are "groupId:artifactId". Entries under dependencyManagement and pluginManagement only pin versions or
/// configure a plugin for modules that use it, so they are not dependencies of this module.
/// </summary>
public sealed class MavenPom
{
    private MavenPom(string path)
    {
        Path = path;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    public string? GroupId { get; private set; }

    public string? ArtifactId { get; private set; }

    /// <summary>"groupId:artifactId" of the parent, when declared.</summary>
    public string? Parent { get; private set; }

    /// <summary>Path of the parent pom relative to the root (relativePath, by default ../pom.xml).</summary>
    public string? ParentPath { get; private set; }

    public string? Packaging { get; private set; }

    /// <summary>Directories of the modules this aggregator lists, relative to the root.</summary>
    public IReadOnlyList<string> Modules { get; private set; } = [];

    /// <summary>Dependencies (and plugins, named "groupId:artifactId") this module declares.</summary>
    public IReadOnlyList<PackageReference> Packages { get; private set; } = [];

    /// <summary>Main classes named by the build (start-class, mainClass of the Spring Boot, exec or jar plugins).</summary>
    public IReadOnlyList<string> MainClasses { get; private set; } = [];

    /// <summary>Dockerfiles (paths relative to the root) the build names in properties or plugin configuration.</summary>
    public IReadOnlyList<(string Path, int Line)> Dockerfiles { get; private set; } = [];

    /// <summary>"groupId:artifactId" of this module (the group inherited from the parent when not declared).</summary>
    public string? Coordinates => ArtifactId is null ? null : $"{GroupId ?? Parent?.Split(':')[0] ?? string.Empty}:{ArtifactId}";

    public static MavenPom? Parse(SourceText source, out string? error)
    {
        error = null;
        if (Parsing.ParseGuard.ParseXml(source.Text, out error) is not { } document)
        {
            return null;
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "project")
        {
            error = "pom.xml has no <project> element";
            return null;
        }

        var pom = new MavenPom(source.File.Path);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in root.Elements().Where(e => e.Name.LocalName == "properties"))
        {
            foreach (var property in group.Elements())
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }
        }

        pom.GroupId = Child(root, "groupId");
        pom.ArtifactId = Child(root, "artifactId");
        pom.Packaging = Child(root, "packaging");
        if (root.Elements().FirstOrDefault(e => e.Name.LocalName == "parent") is { } parent)
        {
            pom.Parent = $"{Child(parent, "groupId")}:{Child(parent, "artifactId")}";
            var relative = parent.Elements().FirstOrDefault(e => e.Name.LocalName == "relativePath") is { } rp ? rp.Value.Trim() : "../pom.xml";
            if (relative.Length > 0)
            {
                var target = relative.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? relative : relative.TrimEnd('/') + "/pom.xml";
                pom.ParentPath = RelativePaths.Combine(pom.Directory, target);
            }
        }

        pom.Modules = root.Descendants().Where(e => e.Name.LocalName == "module" && e.Parent?.Name.LocalName == "modules")
            .Select(e => RelativePaths.Combine(pom.Directory, e.Value.Trim())).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();

        var packages = new List<PackageReference>();
        foreach (var element in root.Descendants().Where(e => e.Name.LocalName is "dependency" or "plugin" or "parent" && !InManagement(e)))
        {
            var group = Interpolate(Child(element, "groupId") ?? (element.Name.LocalName == "plugin" ? "org.apache.maven.plugins" : string.Empty), properties);
            var artifact = Child(element, "artifactId") is { } a ? Interpolate(a, properties) : null;
            if (string.IsNullOrEmpty(artifact) || element.Name.LocalName == "dependency" && element.Parent?.Name.LocalName is not "dependencies")
            {
                continue;
            }

            var scope = Child(element, "scope");
            var dev = scope is "test" || element.Name.LocalName == "plugin";
            packages.Add(new PackageReference(JvmEcosystem.Maven, $"{group}:{artifact}", source.File.Path, DotnetProject.LineOf(element), dev));
        }

        pom.Packages = packages;

        var mains = new List<string>();
        var dockerfiles = new List<(string, int)>();
        foreach (var element in root.Descendants())
        {
            var name = element.Name.LocalName;
            if (element.HasElements)
            {
                continue;
            }

            if (name is "mainClass" or "start-class" or "main.class" or "exec.mainClass")
            {
                if (Interpolate(element.Value.Trim(), properties) is { Length: > 0 } main && !main.Contains("${", StringComparison.Ordinal))
                {
                    mains.Add(main);
                }
            }
            else if (name.Contains("dockerfile", StringComparison.OrdinalIgnoreCase) && DockerfilePath(element.Value.Trim(), properties, pom.Directory) is { } path)
            {
                dockerfiles.Add((path, DotnetProject.LineOf(element)));
            }
        }

        pom.MainClasses = mains.Distinct(StringComparer.Ordinal).ToList();
        pom.Dockerfiles = dockerfiles.Distinct().ToList();
        return pom;
    }

    private static string? Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static bool InManagement(XElement element) =>
        element.Ancestors().Any(a => a.Name.LocalName is "dependencyManagement" or "pluginManagement");

    private static string Interpolate(string value, IReadOnlyDictionary<string, string> properties)
    {
        var result = value;
        for (var i = 0; i < 4 && result.Contains("${", StringComparison.Ordinal); i++)
        {
            foreach (var (key, property) in properties)
            {
                result = result.Replace("${" + key + "}", property, StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>
    /// The Dockerfile a property or plugin setting names, relative to the root: ${basedir}/${project.basedir} is the
    /// module's directory, a directory means its Dockerfile. Null for values that are not paths inside the repository.
    /// </summary>
    private static string? DockerfilePath(string value, IReadOnlyDictionary<string, string> properties, string directory)
    {
        var result = Interpolate(value, properties);
        foreach (var marker in new[] { "${project.basedir}", "${basedir}" })
        {
            if (result.StartsWith(marker, StringComparison.Ordinal))
            {
                result = "." + result[marker.Length..];
            }
        }

        if (result.Length == 0 || result.Contains("${", StringComparison.Ordinal) || result.StartsWith('/') || result.Contains(':') ||
            result is "true" or "false")
        {
            return null;
        }

        var path = RelativePaths.Combine(directory, result);
        return RelativePaths.FileName(path).StartsWith("Dockerfile", StringComparison.Ordinal) || path.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase)
            ? path
            : RelativePaths.Combine(path, "Dockerfile");
    }
}
