using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// A Gradle build script (build.gradle in Groovy or build.gradle.kts in Kotlin). There is no parser for either
/// language here, so declarations are read line by line with the nesting of blocks tracked: dependencies given as
/// coordinates ("group:artifact:version", map notation), as version-catalog accessors (libs.x.y, resolved once every
/// catalog is read), as other projects of the build (project(":core"), projects.core), and plugins (id, kotlin(...),
/// alias(libs.plugins.x), bare core plugins). A declaration is for development when its configuration or the block
/// around it is about tests (testImplementation, commonTest { }, testing { }), the build itself (buildscript) or
/// development only (developmentOnly); declarations inside subprojects { } or allprojects { } apply to every project.
/// </summary>
public sealed partial class GradleBuild
{
    private GradleBuild(string path)
    {
        Path = path;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    /// <summary>Every declaration of a dependency or plugin, in line order.</summary>
    public IReadOnlyList<Declaration> Declarations { get; private set; } = [];

    /// <summary>Gradle paths (":core", ":services:orders") of the projects this build depends on.</summary>
    public IReadOnlyList<(string ProjectPath, bool Development)> ProjectDependencies { get; private set; } = [];

    /// <summary>Type-safe project accessors (projects.sharedModel → "sharedModel"), matched to project names later.</summary>
    public IReadOnlyList<(string Accessor, bool Development)> ProjectAccessors { get; private set; } = [];

    /// <summary>Main classes the build names (application { mainClass }, jar manifest, Jib).</summary>
    public IReadOnlyList<string> MainClasses { get; private set; } = [];

    /// <summary>Dockerfiles the build names: the path as written, whether it is relative to the root project, and the line.</summary>
    public IReadOnlyList<(string Path, bool FromRoot, int Line)> Dockerfiles { get; private set; } = [];

    public enum DeclarationKind
    {
        Coordinates,
        CatalogAccessor,
        Plugin,
    }

    /// <summary>One declared dependency or plugin. For accessors, <see cref="Value"/> is "libs:spring.boot.web".</summary>
    public sealed record Declaration(DeclarationKind Kind, string Value, int Line, bool Development, bool Inherited);

    public static bool IsBuildScript(string name) => name is "build.gradle" or "build.gradle.kts";

    public static GradleBuild Parse(SourceText source)
    {
        var build = new GradleBuild(source.File.Path);
        var declarations = new List<Declaration>();
        var projects = new List<(string, bool)>();
        var accessors = new List<(string, bool)>();
        var mains = new List<string>();
        var dockerfiles = new List<(string, bool, int)>();
        var blocks = new List<string>();
        var inComment = false;
        var lineNumber = 0;
        foreach (var raw in source.Lines())
        {
            lineNumber++;
            var line = StripComments(raw, ref inComment);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var trimmed = line.Trim();
            var inPlugins = blocks.Count > 0 && blocks[^1] == "plugins" || trimmed.StartsWith("plugins", StringComparison.Ordinal) && trimmed.Contains('{');
            var configuration = LeadingIdentifier().Match(trimmed) is { Success: true } lead ? lead.Groups[1].Value : string.Empty;
            var dev = IsDevelopment(configuration) || blocks.Any(IsDevelopmentBlock);
            var inherited = blocks.Any(b => b is "subprojects" or "allprojects");

            if (inPlugins || trimmed.StartsWith("apply", StringComparison.Ordinal))
            {
                foreach (Match m in PluginId().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Plugin, m.Groups[1].Value, lineNumber, true, inherited));
                }

                foreach (Match m in ApplyPlugin().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Plugin, m.Groups[1].Value, lineNumber, true, inherited));
                }

                foreach (Match m in KotlinShorthand().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Plugin, "org.jetbrains.kotlin." + m.Groups[1].Value, lineNumber, true, inherited));
                }

                if (inPlugins && BarePlugin().Match(trimmed) is { Success: true } bare)
                {
                    declarations.Add(new Declaration(DeclarationKind.Plugin, bare.Groups[1].Value, lineNumber, true, inherited));
                }
            }
            else
            {
                foreach (Match m in Coordinates().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Coordinates, $"{m.Groups[1].Value}:{m.Groups[2].Value}", lineNumber, dev, inherited));
                }

                foreach (Match m in MapNotation().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Coordinates, $"{m.Groups[1].Value}:{m.Groups[2].Value}", lineNumber, dev, inherited));
                }

                foreach (Match m in KotlinShorthand().Matches(line))
                {
                    declarations.Add(new Declaration(DeclarationKind.Coordinates, "org.jetbrains.kotlin:kotlin-" + m.Groups[1].Value, lineNumber, dev, inherited));
                }

                foreach (Match m in ProjectDependency().Matches(line))
                {
                    projects.Add((m.Groups[1].Value, dev));
                }

                foreach (Match m in ProjectAccessor().Matches(line))
                {
                    accessors.Add((m.Groups[1].Value, dev));
                }
            }

            foreach (Match m in CatalogAccessor().Matches(line))
            {
                var path = m.Groups[2].Value;
                foreach (var suffix in new[] { ".get", ".asProvider" })
                {
                    if (path.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        path = path[..^suffix.Length];
                    }
                }

                if (!path.StartsWith("versions.", StringComparison.Ordinal))
                {
                    var plugin = path.StartsWith("plugins.", StringComparison.Ordinal);
                    declarations.Add(new Declaration(DeclarationKind.CatalogAccessor, $"{m.Groups[1].Value}:{path}", lineNumber, plugin || dev, inherited));
                }
            }

            if (MainClass().Match(line) is { Success: true } main)
            {
                mains.Add(main.Groups[1].Value);
            }

            foreach (Match m in DockerfileReference().Matches(line))
            {
                var fromRoot = line[..m.Index].Contains("rootProject", StringComparison.Ordinal) || line[..m.Index].Contains("rootDir", StringComparison.Ordinal);
                dockerfiles.Add((m.Groups[1].Value, fromRoot, lineNumber));
            }

            TrackBlocks(line, blocks);
        }

        build.Declarations = declarations;
        build.ProjectDependencies = projects;
        build.ProjectAccessors = accessors;
        build.MainClasses = mains.Distinct(StringComparer.Ordinal).ToList();
        build.Dockerfiles = dockerfiles;
        return build;
    }

    /// <summary>What <see cref="Complete"/> resolved: each package and whether it is declared for every project (subprojects { }).</summary>
    public IReadOnlyList<(PackageReference Reference, bool Inherited)> Resolved { get; private set; } = [];

    /// <summary>
    /// Resolves the declarations once every version catalog of the repository is read (catalog accessors are looked
    /// up in the catalogs of this build) and keeps the result; returns the packages.
    /// </summary>
    public IReadOnlyList<PackageReference> Complete(IReadOnlyList<VersionCatalog> catalogs)
    {
        var result = new List<(PackageReference, bool)>();
        foreach (var declaration in Declarations)
        {
            switch (declaration.Kind)
            {
                case DeclarationKind.Coordinates:
                    result.Add((new PackageReference(JvmEcosystem.Maven, declaration.Value, Path, declaration.Line, declaration.Development), declaration.Inherited));
                    break;
                case DeclarationKind.Plugin:
                    result.Add((new PackageReference(JvmEcosystem.Maven, "plugin:" + declaration.Value, Path, declaration.Line, true), declaration.Inherited));
                    break;
                case DeclarationKind.CatalogAccessor:
                    var colon = declaration.Value.IndexOf(':');
                    var accessor = declaration.Value[..colon];
                    var path = declaration.Value[(colon + 1)..];
                    var catalog = catalogs.FirstOrDefault(c => c.Accessor == accessor);
                    if (catalog is null)
                    {
                        break;
                    }

                    foreach (var module in Resolve(catalog, path))
                    {
                        result.Add((new PackageReference(JvmEcosystem.Maven, module, Path, declaration.Line, declaration.Development || module.StartsWith("plugin:", StringComparison.Ordinal)), declaration.Inherited));
                    }

                    break;
            }
        }

        Resolved = result;
        return result.Select(r => r.Item1).ToList();
    }

    private static IEnumerable<string> Resolve(VersionCatalog catalog, string path)
    {
        if (path.StartsWith("plugins.", StringComparison.Ordinal))
        {
            return catalog.Plugins.TryGetValue(path["plugins.".Length..], out var id) ? ["plugin:" + id] : [];
        }

        if (path.StartsWith("bundles.", StringComparison.Ordinal))
        {
            return catalog.Bundles.TryGetValue(path["bundles.".Length..], out var members)
                ? members.Where(catalog.Libraries.ContainsKey).Select(m => catalog.Libraries[m].Module)
                : [];
        }

        return catalog.Libraries.TryGetValue(path, out var library) ? [library.Module] : [];
    }

    private static bool IsDevelopment(string configuration) =>
        configuration.StartsWith("test", StringComparison.Ordinal) || configuration.Contains("Test", StringComparison.Ordinal) ||
        configuration is "developmentOnly" or "classpath" or "detektPlugins" or "ktlint" or "lintChecks" or "testFixturesImplementation";

    private static bool IsDevelopmentBlock(string block) =>
        block.Contains("test", StringComparison.OrdinalIgnoreCase) || block is "buildscript" or "pluginManagement";

    /// <summary>Pushes the name before each '{' and pops at each '}' (strings are not parsed: braces in them are rare in builds).</summary>
    private static void TrackBlocks(string line, List<string> blocks)
    {
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '{')
            {
                blocks.Add(BlockName(line[start..i]));
                start = i + 1;
            }
            else if (line[i] == '}')
            {
                if (blocks.Count > 0)
                {
                    blocks.RemoveAt(blocks.Count - 1);
                }

                start = i + 1;
            }
        }
    }

    /// <summary>"sourceSets { commonTest.dependencies" → "commonTest"; "subprojects" → "subprojects".</summary>
    private static string BlockName(string head)
    {
        var words = BlockWords().Matches(head).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return string.Empty;
        }

        // "jvmTest.dependencies {" and "val commonTest by getting {" name the source set, not the call.
        var name = words.FirstOrDefault(w => w.Contains("test", StringComparison.OrdinalIgnoreCase)) ?? words[0];
        return name.Split('.')[0];
    }

    private static string StripComments(string line, ref bool inComment)
    {
        if (inComment)
        {
            var end = line.IndexOf("*/", StringComparison.Ordinal);
            if (end < 0)
            {
                return string.Empty;
            }

            inComment = false;
            line = line[(end + 2)..];
        }

        var open = line.IndexOf("/*", StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = line.IndexOf("*/", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                inComment = true;
                line = line[..open];
            }
            else
            {
                line = line[..open] + line[(close + 2)..];
            }
        }

        var trimmed = line.TrimStart();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var comment = line.IndexOf(" //", StringComparison.Ordinal);
        return comment >= 0 && line[..comment].Count(c => c == '"') % 2 == 0 ? line[..comment] : line;
    }

    [GeneratedRegex(@"^""?([A-Za-z_][A-Za-z0-9_]*)""?\s*[\(\s]")]
    private static partial Regex LeadingIdentifier();

    [GeneratedRegex(@"[""']([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^""'\s]*)?[""']")]
    private static partial Regex Coordinates();

    [GeneratedRegex(@"group\s*[:=]\s*[""']([A-Za-z0-9_.\-]+)[""']\s*,\s*name\s*[:=]\s*[""']([A-Za-z0-9_.\-]+)[""']")]
    private static partial Regex MapNotation();

    [GeneratedRegex(@"\bkotlin\(\s*""([A-Za-z0-9_.\-]+)""")]
    private static partial Regex KotlinShorthand();

    [GeneratedRegex(@"\bid\s*\(?\s*[""']([A-Za-z0-9_.\-]+)[""']")]
    private static partial Regex PluginId();

    [GeneratedRegex(@"apply\s*\(?\s*plugin\s*[:=]\s*[""']([A-Za-z0-9_.\-]+)[""']")]
    private static partial Regex ApplyPlugin();

    [GeneratedRegex(@"^`?(jacoco|checkstyle|pmd|codenarc|application|java|java-library|war|scala|groovy|antlr|kotlin-dsl|jacoco-report-aggregation|test-report-aggregation)`?\s*$")]
    private static partial Regex BarePlugin();

    [GeneratedRegex(@"\bproject\(\s*(?:path\s*[:=]\s*)?[""'](:[^""']*)[""']")]
    private static partial Regex ProjectDependency();

    [GeneratedRegex(@"\bprojects\.([A-Za-z][A-Za-z0-9_.]*)")]
    private static partial Regex ProjectAccessor();

    [GeneratedRegex(@"\b(libs|[a-z][A-Za-z0-9]*Libs)\.([a-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)")]
    private static partial Regex CatalogAccessor();

    [GeneratedRegex(@"\b(?:mainClass(?:Name)?|""Main-Class""|'Main-Class')\s*(?:\.set\s*\(|=|:|\()\s*[""']([A-Za-z_][\w.$]*)[""']")]
    private static partial Regex MainClass();

    [GeneratedRegex(@"[""']((?:[^""'\s]*/)?(?:Dockerfile[^""'\s/]*|[^""'\s/]+\.dockerfile))[""']")]
    private static partial Regex DockerfileReference();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_.]*")]
    private static partial Regex BlockWords();
}
