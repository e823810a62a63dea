using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// GNU make, enough to follow a target: variables (=, :=, ?=, +=), explicit rules with their prerequisites and
/// tab-indented recipes, <c>include</c> of other makefiles, <c>.DEFAULT_GOAL</c>. Pattern rules, functions and
/// conditionals are not evaluated (every branch counts).
/// </summary>
public static partial class MakefileReader
{
    private const int MaxIncludes = 16;

    public static bool IsMakefile(string name) =>
        name is "Makefile" or "makefile" or "GNUmakefile" || name.EndsWith(".mk", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".make", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a makefile and the makefiles it includes (found with <paramref name="text"/>, by root-relative path).</summary>
    public static BuildFile Read(SourceText source, Func<string, SourceText?> text, Func<string, IEnumerable<string>> glob)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new List<BuildTarget>();
        string? firstTarget = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ReadInto(source, variables, targets, ref firstTarget, text, glob, seen);
        var goal = variables.GetValueOrDefault(".DEFAULT_GOAL")?.Trim();
        var directory = RelativePaths.DirectoryOf(source.File.Path);
        return new BuildFile("make", source.File.Path, directory, targets, string.IsNullOrEmpty(goal) ? firstTarget : goal,
            (line, values) => Expand(line, variables, values, 0));
    }

    private static void ReadInto(SourceText source, Dictionary<string, string> variables, List<BuildTarget> targets, ref string? firstTarget,
        Func<string, SourceText?> text, Func<string, IEnumerable<string>> glob, HashSet<string> seen)
    {
        if (!seen.Add(source.File.Path) || seen.Count > MaxIncludes)
        {
            return;
        }

        var directory = RelativePaths.DirectoryOf(source.File.Path);
        var current = new List<(string Names, int Line, List<string> Prerequisites, List<BuildLine> Recipe)>();
        var inDefine = false;
        for (var i = 1; i <= source.LineCount; i++)
        {
            var raw = source.Line(i);
            var lineNumber = i;
            while (raw.EndsWith('\\') && i < source.LineCount)
            {
                raw = raw[..^1] + " " + source.Line(++i).TrimStart();
            }

            if (inDefine)
            {
                inDefine = !raw.TrimStart().StartsWith("endef", StringComparison.Ordinal);
                continue;
            }

            if (raw.StartsWith('\t'))
            {
                if (current.Count > 0)
                {
                    var recipe = StripRecipePrefix(raw.TrimStart('\t'));
                    if (recipe.Length > 0 && !recipe.StartsWith('#'))
                    {
                        foreach (var target in current)
                        {
                            target.Recipe.Add(new BuildLine(recipe, lineNumber));
                        }
                    }
                }

                continue;
            }

            var line = StripComment(raw).TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (Conditional().IsMatch(trimmed))
            {
                continue;
            }

            if (trimmed.StartsWith("define ", StringComparison.Ordinal))
            {
                inDefine = true;
                continue;
            }

            if (Include().Match(trimmed) is { Success: true } include)
            {
                Flush(current, targets, ref firstTarget, source.File.Path);
                foreach (var name in Expand(include.Groups[1].Value, variables, new Dictionary<string, string>(), 0).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var paths = name.Contains('*') ? glob(RelativePaths.Combine(directory, name)) : [RelativePaths.Combine(directory, name)];
                    foreach (var path in paths.Order(StringComparer.Ordinal))
                    {
                        if (text(path) is { } included)
                        {
                            ReadInto(included, variables, targets, ref firstTarget, text, glob, seen);
                        }
                    }
                }

                continue;
            }

            if (Assignment().Match(trimmed) is { Success: true } assignment)
            {
                Flush(current, targets, ref firstTarget, source.File.Path);
                var name = assignment.Groups[1].Value;
                var value = assignment.Groups[3].Value.Trim();
                switch (assignment.Groups[2].Value)
                {
                    case "?=":
                        variables.TryAdd(name, value);
                        break;
                    case "+=":
                        variables[name] = variables.TryGetValue(name, out var before) ? before + " " + value : value;
                        break;
                    case "!=":
                        break;
                    default:
                        variables[name] = value;
                        break;
                }

                continue;
            }

            if (Rule().Match(trimmed) is { Success: true } rule)
            {
                Flush(current, targets, ref firstTarget, source.File.Path);
                var rest = rule.Groups[3].Value;
                if (TargetVariable().IsMatch(rest))
                {
                    continue;
                }

                string? inline = null;
                var semicolon = rest.IndexOf(';');
                if (semicolon >= 0)
                {
                    inline = StripRecipePrefix(rest[(semicolon + 1)..].Trim());
                    rest = rest[..semicolon];
                }

                var prerequisites = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeWhile(p => p != "|").ToList();
                var recipe = new List<BuildLine>();
                if (!string.IsNullOrEmpty(inline))
                {
                    recipe.Add(new BuildLine(inline, lineNumber));
                }

                current.Add((rule.Groups[1].Value, lineNumber, prerequisites, recipe));
                continue;
            }

            // Any other line (a function call, an export) ends the rule being read.
            Flush(current, targets, ref firstTarget, source.File.Path);
        }

        Flush(current, targets, ref firstTarget, source.File.Path);

        void Flush(List<(string Names, int Line, List<string> Prerequisites, List<BuildLine> Recipe)> pending, List<BuildTarget> into, ref string? first, string path)
        {
            foreach (var (names, line, prerequisites, recipe) in pending)
            {
                foreach (var name in Expand(names, variables, new Dictionary<string, string>(), 0).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (name.Contains('%'))
                    {
                        continue;
                    }

                    if (first is null && !name.StartsWith('.'))
                    {
                        first = name;
                    }

                    var existing = into.FindIndex(t => t.Name == name);
                    var deps = prerequisites.SelectMany(p => Expand(p, variables, new Dictionary<string, string>(), 0).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
                    if (existing >= 0)
                    {
                        // A target named again adds prerequisites; its recipe is the one that has lines.
                        var old = into[existing];
                        into[existing] = old with
                        {
                            Dependencies = old.Dependencies.Concat(deps).Distinct(StringComparer.Ordinal).ToList(),
                            Lines = old.Lines.Count > 0 ? old.Lines : recipe.ToList(),
                            Line = old.Lines.Count > 0 ? old.Line : line,
                            Path = old.Lines.Count > 0 ? old.Path : path,
                        };
                    }
                    else
                    {
                        into.Add(new BuildTarget(name, line, deps, recipe.ToList(), Path: path));
                    }
                }
            }

            pending.Clear();
        }
    }

    /// <summary>Replaces $(VAR), ${VAR}, $(MAKE), $@ and $$; unknown variables and functions stay as written.</summary>
    internal static string Expand(string text, IReadOnlyDictionary<string, string> variables, IReadOnlyDictionary<string, string> overrides, int depth)
    {
        if (depth > 5 || !text.Contains('$'))
        {
            return text;
        }

        var result = Reference().Replace(text, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            if (name == "$")
            {
                return "$";
            }

            if (name is "MAKE")
            {
                return "make";
            }

            if (name is "CURDIR" or "PWD")
            {
                return ".";
            }

            if (name == "@" && overrides.TryGetValue("@", out var target))
            {
                return target;
            }

            if (overrides.TryGetValue(name, out var over))
            {
                return over;
            }

            return variables.TryGetValue(name, out var value) ? Expand(value, variables, overrides, depth + 1) : m.Value;
        });
        return result;
    }

    private static string StripRecipePrefix(string recipe)
    {
        var i = 0;
        while (i < recipe.Length && recipe[i] is '@' or '-' or '+' or ' ')
        {
            i++;
        }

        return recipe[i..].Trim();
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#');
        return hash < 0 ? line : hash > 0 && line[hash - 1] == '\\' ? line : line[..hash];
    }

    [GeneratedRegex(@"^(?:export\s+|override\s+)?([A-Za-z_.][\w.-]*)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^([^\s#=:][^#=:]*?)\s*(::?)(?!=)\s*(.*)$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\s*[A-Za-z_][\w.-]*\s*(:?=|\?=|\+=)")]
    private static partial Regex TargetVariable();

    [GeneratedRegex(@"^-?s?include\s+(.+)$")]
    private static partial Regex Include();

    [GeneratedRegex(@"^(ifeq|ifneq|ifdef|ifndef|else|endif)\b")]
    private static partial Regex Conditional();

    [GeneratedRegex(@"\$(?:\(([\w.@-]+)\)|\{([\w.@-]+)\}|([@$]))")]
    private static partial Regex Reference();
}
