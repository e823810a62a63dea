using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// An sbt build definition: build.sbt (and other .sbt files of the build), the Scala sources of project/ that hold
/// shared dependency lists (project/Dependencies.scala) and the plugins of project/plugins.sbt. Module IDs
/// ("group" %% "artifact" % version) become "group:artifact" (the Scala version suffix that %% adds is left out); a
/// module is for tests when it ends in % Test / % "test" or sits in a Seq(...) mapped with _ % Test. Sub-projects are
/// read from their definitions (lazy val api = (project in file("api")).dependsOn(core).enablePlugins(PlayScala)).
/// </summary>
public sealed partial class SbtBuild
{
    private SbtBuild(string path, string buildDirectory, bool isMetaBuild)
    {
        Path = path;
        Directory = buildDirectory;
        IsMetaBuild = isMetaBuild;
    }

    public string Path { get; }

    /// <summary>The directory of the build (the parent of project/ for files of the meta-build).</summary>
    public string Directory { get; }

    /// <summary>True for files under project/ (plugins and shared definitions).</summary>
    public bool IsMetaBuild { get; }

    public IReadOnlyList<PackageReference> Packages { get; private set; } = [];

    public IReadOnlyList<SbtProject> Projects { get; private set; } = [];

    /// <summary>The build's name (name := "...") outside any sub-project definition.</summary>
    public string? Name { get; private set; }

    /// <summary>Plugins enabled on the root project or build-wide (enablePlugins outside sub-project definitions).</summary>
    public IReadOnlyList<string> RootPlugins { get; private set; } = [];

    /// <summary>A sub-project: its id, directory, name, the projects it depends on and the sbt plugins it enables.</summary>
    public sealed record SbtProject(string Id, string Directory, string? Name, IReadOnlyList<string> DependsOn, IReadOnlyList<string> Plugins, IReadOnlyList<string> MainClasses, int Line)
    {
        /// <summary>The name of the package it builds (Docker / packageName := "shop"), when set.</summary>
        public string? PackageName { get; init; }
    }

    /// <summary>build.sbt and other .sbt files, and Scala sources of the meta-build (project/*.scala).</summary>
    public static bool IsBuildFile(string path)
    {
        var name = RelativePaths.FileName(path);
        var inProject = RelativePaths.FileName(RelativePaths.DirectoryOf(path)) == "project";
        return name.EndsWith(".sbt", StringComparison.Ordinal) || inProject && name.EndsWith(".scala", StringComparison.Ordinal);
    }

    public static SbtBuild Parse(SourceText source)
    {
        var path = source.File.Path;
        var directory = RelativePaths.DirectoryOf(path);
        var meta = RelativePaths.FileName(directory) == "project";
        var build = new SbtBuild(path, meta ? RelativePaths.DirectoryOf(directory) : directory, meta);
        var text = WithoutComments(source.Text);
        var testRanges = TestSeqRanges(text);

        var packages = new List<PackageReference>();
        foreach (Match m in ModuleId().Matches(text))
        {
            var rest = m.Groups["rest"].Value;
            var test = TestScope().IsMatch(rest) || testRanges.Any(r => m.Index >= r.Start && m.Index < r.End);
            var plugin = meta && path.EndsWith(".sbt", StringComparison.Ordinal) || text.LastIndexOf("addSbtPlugin(", m.Index, StringComparison.Ordinal) is var at && at >= 0 && m.Index - at < 20;
            packages.Add(new PackageReference(JvmEcosystem.Maven, $"{m.Groups["group"].Value}:{m.Groups["artifact"].Value}", path, source.LineOf(m.Index), test || plugin));
        }

        build.Packages = packages;
        if (meta)
        {
            return build;
        }

        var definitions = ProjectDefinition().Matches(text).ToList();
        var projects = new List<SbtProject>();
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = definitions[i];
            var end = NextTopLevelDefinition(text, definition.Index + definition.Length);
            var span = text[definition.Index..end];
            var id = definition.Groups["id"].Value;
            var dir = definition.Groups["dir"].Success ? definition.Groups["dir"].Value : definition.Groups["pdir"].Success ? definition.Groups["pdir"].Value : id;
            var dependsOn = DependsOn().Matches(span).SelectMany(d => Identifier().Matches(StripStrings(d.Groups[1].Value)).Select(x => x.Value)).Distinct(StringComparer.Ordinal).ToList();
            var plugins = EnablePlugins().Matches(span).SelectMany(p => Identifier().Matches(p.Groups[1].Value).Select(x => x.Value)).Distinct(StringComparer.Ordinal).ToList();
            var name = SettingName().Match(span) is { Success: true } n ? n.Groups[1].Value : definition.Groups["pname"].Success ? definition.Groups["pname"].Value : null;
            var mains = MainClass().Matches(span).Select(x => x.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
            projects.Add(new SbtProject(id, RelativePaths.Combine(build.Directory, dir), name, dependsOn, plugins, mains, source.LineOf(definition.Index))
            {
                PackageName = PackageNameSetting().Match(span) is { Success: true } p ? p.Groups[1].Value : null,
            });
        }

        build.Projects = projects;
        var outside = definitions.Count == 0 ? text : text[..definitions[0].Index];
        build.Name = SettingName().Match(outside) is { Success: true } root ? root.Groups[1].Value : null;
        build.RootPlugins = EnablePlugins().Matches(outside).SelectMany(p => Identifier().Matches(p.Groups[1].Value).Select(x => x.Value)).Distinct(StringComparer.Ordinal).ToList();
        return build;
    }

    /// <summary>Where the next top-level val, def or setting starts after a definition (or the end of the text).</summary>
    private static int NextTopLevelDefinition(string text, int from)
    {
        var next = TopLevel().Match(text, from);
        return next.Success ? next.Index : text.Length;
    }

    /// <summary>Ranges of Seq(...) lists whose elements are all mapped to the test configuration (Seq(...).map(_ % Test)).</summary>
    private static List<(int Start, int End)> TestSeqRanges(string text)
    {
        var ranges = new List<(int, int)>();
        var at = 0;
        while ((at = text.IndexOf("Seq(", at, StringComparison.Ordinal)) >= 0)
        {
            var depth = 0;
            var close = -1;
            for (var i = at + 3; i < text.Length; i++)
            {
                if (text[i] == '(')
                {
                    depth++;
                }
                else if (text[i] == ')' && --depth == 0)
                {
                    close = i;
                    break;
                }
            }

            if (close < 0)
            {
                break;
            }

            var after = text[(close + 1)..Math.Min(text.Length, close + 40)];
            if (MappedToTest().IsMatch(after))
            {
                ranges.Add((at, close));
            }

            at = close;
        }

        return ranges;
    }

    private static string WithoutComments(string text)
    {
        // Keep offsets (and so lines) stable: comments become spaces.
        var chars = text.ToCharArray();
        var inString = false;
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '"')
            {
                inString = !inString;
            }
            else if (chars[i] == '\n')
            {
                inString = false;
            }
            else if (!inString && chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '/')
            {
                while (i < chars.Length && chars[i] != '\n')
                {
                    chars[i++] = ' ';
                }
            }
            else if (!inString && chars[i] == '/' && i + 1 < chars.Length && chars[i + 1] == '*')
            {
                while (i < chars.Length && !(chars[i] == '*' && i + 1 < chars.Length && chars[i + 1] == '/'))
                {
                    if (chars[i] != '\n')
                    {
                        chars[i] = ' ';
                    }

                    i++;
                }

                if (i + 1 < chars.Length)
                {
                    chars[i] = ' ';
                    chars[i + 1] = ' ';
                }
            }
        }

        return new string(chars);
    }

    private static string StripStrings(string value) => QuotedString().Replace(value, string.Empty);

    [GeneratedRegex(@"""(?<group>[A-Za-z0-9_.\-]+)""\s*%{1,3}\s*""(?<artifact>[A-Za-z0-9_.\-]+)""(?<rest>(?:\s*%\s*(?:""[^""\n]*""|[A-Za-z_][\w.]*))*)")]
    private static partial Regex ModuleId();

    [GeneratedRegex(@"%\s*(?:Test\b|IntegrationTest\b|""(?:test|it)[^""]*""|""[^""]*test[^""]*"")")]
    private static partial Regex TestScope();

    [GeneratedRegex(@"^\s*\.map\(\s*_\s*%\s*(?:Test|""test"")")]
    private static partial Regex MappedToTest();

    [GeneratedRegex(@"(?m)^lazy\s+val\s+(?<id>[A-Za-z_][\w]*)\s*(?::\s*Project\s*)?=\s*(?:\(?\s*(?:project|crossProject\([^)]*\)(?:\.crossType\([^)]*\))?)(?:\s+in\s+|\.in\()?\s*(?:file\(\s*""(?<dir>[^""]*)""\s*\))?|Project\(\s*""(?<pname>[^""]+)""\s*,\s*file\(\s*""(?<pdir>[^""]*)""\s*\)\s*\))")]
    private static partial Regex ProjectDefinition();

    [GeneratedRegex(@"(?m)^(?:lazy\s+val|val|def|object|[A-Za-z_][\w]*\s*(?:/|:=|\+\+?=))")]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"\.dependsOn\(([^)]*)\)")]
    private static partial Regex DependsOn();

    [GeneratedRegex(@"\.?enablePlugins\(([^)]*)\)")]
    private static partial Regex EnablePlugins();

    [GeneratedRegex(@"(?<![\w/]\s*)\bname\s*:=\s*""([^""]+)""")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"packageName\s*:=\s*""([^""]+)""")]
    private static partial Regex PackageNameSetting();

    [GeneratedRegex(@"mainClass\s*:=\s*Some\(\s*""([^""]+)""")]
    private static partial Regex MainClass();

    [GeneratedRegex(@"[A-Za-z_][\w]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"""[^""]*""")]
    private static partial Regex QuotedString();
}
