using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// A justfile: recipes with parameters, dependencies (<c>dep</c>, <c>(dep "arg")</c>, after <c>&amp;&amp;</c>) and
/// indented bodies, aliases, <c>name := "value"</c> variables and imports. The first recipe is the default.
/// </summary>
public static partial class JustfileReader
{
    public static bool IsJustfile(string name) => name is "justfile" or "Justfile" or ".justfile" or "JUSTFILE";

    public static BuildFile Read(SourceText source, Func<string, SourceText?> text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var recipes = new List<BuildTarget>();
        var aliases = new List<(string Alias, string Target)>();
        ReadInto(source, variables, recipes, aliases, text, new HashSet<string>(StringComparer.Ordinal));
        foreach (var (alias, target) in aliases)
        {
            if (recipes.FirstOrDefault(r => r.Name == target) is { } recipe)
            {
                recipes.Add(recipe with { Name = alias });
            }
        }

        return new BuildFile("just", source.File.Path, RelativePaths.DirectoryOf(source.File.Path), recipes, recipes.FirstOrDefault()?.Name,
            (line, values) => Interpolation().Replace(line, m =>
            {
                var name = m.Groups[1].Value.Trim();
                return values.TryGetValue(name, out var value) ? value : variables.TryGetValue(name, out var variable) ? variable : m.Value;
            }));
    }

    private static void ReadInto(SourceText source, Dictionary<string, string> variables, List<BuildTarget> recipes, List<(string, string)> aliases,
        Func<string, SourceText?> text, HashSet<string> seen)
    {
        if (!seen.Add(source.File.Path) || seen.Count > 16)
        {
            return;
        }

        var directory = RelativePaths.DirectoryOf(source.File.Path);
        for (var i = 1; i <= source.LineCount; i++)
        {
            var line = source.Line(i);
            if (line.Length == 0 || char.IsWhiteSpace(line[0]) || line.StartsWith('#') || line.StartsWith('['))
            {
                continue;
            }

            if (Import().Match(line) is { Success: true } import)
            {
                if (text(RelativePaths.Combine(directory, import.Groups[1].Value)) is { } imported)
                {
                    ReadInto(imported, variables, recipes, aliases, text, seen);
                }

                continue;
            }

            if (Alias().Match(line) is { Success: true } alias)
            {
                aliases.Add((alias.Groups[1].Value, alias.Groups[2].Value));
                continue;
            }

            if (Variable().Match(line) is { Success: true } variable)
            {
                variables.TryAdd(variable.Groups[1].Value, variable.Groups[2].Value.Trim().Trim('"', '\''));
                continue;
            }

            if (line.StartsWith("set ", StringComparison.Ordinal) || line.StartsWith("mod ", StringComparison.Ordinal))
            {
                continue;
            }

            if (Header().Match(line) is not { Success: true } header)
            {
                continue;
            }

            var parameters = new List<string>();
            var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match p in Parameter().Matches(header.Groups[2].Value))
            {
                // Variadic parameters keep their * or + so that arguments can be bound to them.
                parameters.Add(p.Value.Split('=')[0]);
                if (p.Groups[2].Success)
                {
                    defaults[p.Groups[1].Value] = p.Groups[2].Value.Trim('"', '\'');
                }
            }

            var dependencies = new List<string>();
            var after = new List<BuildLine>();
            var afterAnd = false;
            foreach (Match d in Dependency().Matches(header.Groups[3].Value))
            {
                if (d.Value == "&&")
                {
                    afterAnd = true;
                    continue;
                }

                var name = d.Groups[1].Success ? d.Groups[1].Value : d.Groups[2].Value;
                if (afterAnd)
                {
                    after.Add(new BuildLine(name, i, name));
                }
                else
                {
                    dependencies.Add(name);
                }
            }

            var body = new List<BuildLine>();
            var start = i;
            while (i < source.LineCount)
            {
                var next = source.Line(i + 1);
                if (next.Length > 0 && !char.IsWhiteSpace(next[0]))
                {
                    break;
                }

                i++;
                var command = next.Trim().TrimStart('@', '-').Trim();
                if (command.Length > 0 && !command.StartsWith('#'))
                {
                    body.Add(new BuildLine(command, i));
                }
            }

            body.AddRange(after);
            var name0 = header.Groups[1].Value;
            if (recipes.All(r => r.Name != name0))
            {
                recipes.Add(new BuildTarget(name0, start, dependencies, body, parameters, Path: source.File.Path) { Defaults = defaults });
            }
        }
    }

    [GeneratedRegex(@"^@?([A-Za-z_][\w-]*)((?:\s+[*+$]?[A-Za-z_][\w-]*(?:=(?:""[^""]*""|'[^']*'|\S+))?)*)\s*:(?!=)(.*)$")]
    private static partial Regex Header();

    [GeneratedRegex(@"[*+]?\$?([A-Za-z_][\w-]*)(?:=(""[^""]*""|'[^']*'|\S+))?")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"&&|\(\s*([A-Za-z_][\w-]*)[^)]*\)|([A-Za-z_][\w-]*)")]
    private static partial Regex Dependency();

    [GeneratedRegex(@"^alias\s+([\w-]+)\s*:=\s*([\w-]+)")]
    private static partial Regex Alias();

    [GeneratedRegex(@"^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^import\??\s+['""]([^'""]+)['""]")]
    private static partial Regex Import();

    [GeneratedRegex(@"\{\{\s*([^}]+?)\s*\}\}")]
    private static partial Regex Interpolation();
}
