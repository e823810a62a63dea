using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// A Cake script: <c>Task("Name")</c> with <c>.IsDependentOn("X")</c>/<c>.IsDependeeOf("Y")</c> and the lines of
/// its <c>.Does(...)</c>; the default target is the one of <c>Argument("target", "Default")</c>.
/// </summary>
public static partial class CakeReader
{
    public static BuildFile Read(SourceText source)
    {
        var matches = TaskDeclaration().Matches(source.Text);
        var tasks = new List<(string Name, int Line, List<string> Deps, List<BuildLine> Lines)>();
        var dependees = new List<(string Task, string Dependee)>();
        for (var m = 0; m < matches.Count; m++)
        {
            var start = matches[m].Index;
            var end = m + 1 < matches.Count ? matches[m + 1].Index : source.Text.Length;
            var body = source.Text[start..end];
            var name = matches[m].Groups[1].Value;
            var deps = DependsOn().Matches(body).Select(d => d.Groups[1].Value).ToList();
            dependees.AddRange(DependeeOf().Matches(body).Select(d => (name, d.Groups[1].Value)));
            var first = source.LineOf(start);
            var last = source.LineOf(Math.Max(start, end - 1));
            var lines = Enumerable.Range(first, last - first + 1).Select(i => new BuildLine(source.Line(i).Trim(), i)).Where(l => l.Text.Length > 0 && !l.Text.StartsWith("//", StringComparison.Ordinal)).ToList();
            tasks.Add((name, first, deps, lines));
        }

        foreach (var (task, dependee) in dependees)
        {
            tasks.FirstOrDefault(t => t.Name == dependee).Deps?.Add(task);
        }

        var target = DefaultTarget().Match(source.Text);
        return new BuildFile("cake", source.File.Path, RelativePaths.DirectoryOf(source.File.Path),
            tasks.Select(t => new BuildTarget(t.Name, t.Line, t.Deps, t.Lines, Path: source.File.Path)), target.Success ? target.Groups[1].Value : "Default");
    }

    [GeneratedRegex(@"\bTask\s*\(\s*""([^""]+)""\s*\)")]
    private static partial Regex TaskDeclaration();

    [GeneratedRegex(@"\.IsDependentOn\s*\(\s*""([^""]+)""")]
    private static partial Regex DependsOn();

    [GeneratedRegex(@"\.IsDependeeOf\s*\(\s*""([^""]+)""")]
    private static partial Regex DependeeOf();

    [GeneratedRegex(@"Argument\s*(?:<\s*string\s*>)?\s*\(\s*""target""\s*,\s*""([^""]+)""")]
    private static partial Regex DefaultTarget();
}

/// <summary>
/// A NUKE build project: <c>Target Name =&gt; _ =&gt; _</c> declarations with <c>.DependsOn(...)</c>,
/// <c>.Triggers(...)</c>, <c>.DependentFor(...)</c> and the lines of their <c>.Executes(...)</c>; the default target is
/// the one of <c>Execute&lt;Build&gt;(x =&gt; x.Compile)</c>.
/// </summary>
public static partial class NukeReader
{
    public static BuildFile Read(string directory, IEnumerable<SourceText> sources)
    {
        var tasks = new List<(string Name, int Line, string Path, List<string> Deps, List<BuildLine> Lines)>();
        var dependents = new List<(string Task, string Dependent)>();
        string? defaultTarget = null;
        foreach (var source in sources)
        {
            if (!source.Text.Contains("NukeBuild", StringComparison.Ordinal) && !source.Text.Contains("Target ", StringComparison.Ordinal))
            {
                continue;
            }

            if (ExecuteDefault().Match(source.Text) is { Success: true } execute)
            {
                defaultTarget ??= execute.Groups[1].Value;
            }

            var matches = TargetDeclaration().Matches(source.Text);
            for (var m = 0; m < matches.Count; m++)
            {
                var start = matches[m].Index;
                var end = m + 1 < matches.Count ? matches[m + 1].Index : source.Text.Length;
                var body = source.Text[start..end];
                var name = matches[m].Groups[1].Value;
                var deps = Identifiers(DependsOn().Matches(body));
                var first = source.LineOf(start);
                var last = source.LineOf(Math.Max(start, end - 1));
                var lines = Enumerable.Range(first, last - first + 1).Select(i => new BuildLine(source.Line(i).Trim(), i)).Where(l => l.Text.Length > 0 && !l.Text.StartsWith("//", StringComparison.Ordinal)).ToList();
                lines.AddRange(Identifiers(Triggers().Matches(body)).Select(t => new BuildLine("nuke " + t, first, t)));
                dependents.AddRange(Identifiers(DependentFor().Matches(body)).Select(d => (name, d)));
                tasks.Add((name, first, source.File.Path, deps, lines));
            }
        }

        foreach (var (task, dependent) in dependents)
        {
            tasks.FirstOrDefault(t => t.Name == dependent).Deps?.Add(task);
        }

        return new BuildFile("nuke", directory, RelativePaths.DirectoryOf(directory), tasks.Select(t => new BuildTarget(t.Name, t.Line, t.Deps, t.Lines, Path: t.Path)), defaultTarget);
    }

    private static List<string> Identifiers(MatchCollection matches) =>
        matches.SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(s => s.StartsWith("nameof(", StringComparison.Ordinal) ? s[7..].TrimEnd(')') : s)
            .Select(s => s.Contains('.', StringComparison.Ordinal) ? s[(s.LastIndexOf('.') + 1)..] : s)
            .Where(s => s.Length > 0 && char.IsLetter(s[0]))
            .ToList();

    [GeneratedRegex(@"\bTarget\s+(\w+)\s*=>")]
    private static partial Regex TargetDeclaration();

    [GeneratedRegex(@"\.DependsOn\s*\(([^)]*)\)")]
    private static partial Regex DependsOn();

    [GeneratedRegex(@"\.Triggers\s*\(([^)]*)\)")]
    private static partial Regex Triggers();

    [GeneratedRegex(@"\.DependentFor\s*\(([^)]*)\)")]
    private static partial Regex DependentFor();

    [GeneratedRegex(@"Execute\s*<\s*\w+\s*>\s*\(\s*\w+\s*=>\s*\w+\.(\w+)")]
    private static partial Regex ExecuteDefault();
}
