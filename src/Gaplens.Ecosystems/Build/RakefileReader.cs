using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// A Rakefile (and the lib/tasks/*.rake files beside it): tasks with their prerequisites inside namespaces, the
/// commands their bodies run (<c>sh</c>, <c>system</c>, <c>Rake::Task[...].invoke</c>), tasks defined by
/// <c>RSpec::Core::RakeTask</c>/<c>Rake::TestTask</c>, and the tasks a Rails application loads (<c>rake</c> runs its tests).
/// </summary>
public static partial class RakefileReader
{
    public static BuildFile Read(SourceText rakefile, IEnumerable<SourceText> taskFiles)
    {
        var tasks = new Dictionary<string, (int Line, string Path, List<string> Deps, List<BuildLine> Lines)>(StringComparer.Ordinal);
        var rails = false;
        foreach (var source in new[] { rakefile }.Concat(taskFiles))
        {
            rails |= ReadInto(source, tasks);
        }

        if (rails)
        {
            var line = rakefile.FindLine("load_tasks") ?? 1;
            tasks.TryAdd("test", (line, rakefile.File.Path, [], [new BuildLine("rails test", line)]));
            tasks.TryAdd("default", (line, rakefile.File.Path, ["test"], []));
        }

        var targets = tasks.Select(t => new BuildTarget(t.Key, t.Value.Line, t.Value.Deps.Select(d => Resolve(d, t.Key, tasks)).ToList(), t.Value.Lines, Path: t.Value.Path));
        return new BuildFile("rake", rakefile.File.Path, RelativePaths.DirectoryOf(rakefile.File.Path), targets, "default");
    }

    private static string Resolve(string dependency, string task, Dictionary<string, (int, string, List<string>, List<BuildLine>)> tasks)
    {
        var colon = task.LastIndexOf(':');
        var qualified = colon < 0 ? dependency : task[..(colon + 1)] + dependency;
        return tasks.ContainsKey(qualified) ? qualified : dependency;
    }

    /// <summary>Reads one file; true when it loads a Rails application's tasks.</summary>
    private static bool ReadInto(SourceText source, Dictionary<string, (int Line, string Path, List<string> Deps, List<BuildLine> Lines)> tasks)
    {
        var rails = false;
        var blocks = new List<(string? Namespace, string? Task, int Depth)>();
        var depth = 0;
        for (var i = 1; i <= source.LineCount; i++)
        {
            var line = source.Line(i);
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.Contains("load_tasks", StringComparison.Ordinal))
            {
                rails = true;
            }

            var prefix = string.Concat(blocks.Where(b => b.Namespace is not null).Select(b => b.Namespace + ":"));
            var current = blocks.LastOrDefault(b => b.Task is not null).Task;
            if (Namespace().Match(trimmed) is { Success: true } ns)
            {
                depth++;
                blocks.Add((ns.Groups[1].Value, null, depth));
                continue;
            }

            if (TaskHeader().Match(trimmed) is { Success: true } header)
            {
                var name = prefix + (header.Groups[1].Success ? header.Groups[1].Value : header.Groups[2].Success ? header.Groups[2].Value : header.Groups[3].Value);
                var deps = Dependencies(header.Groups[4].Value);
                if (!tasks.TryGetValue(name, out var task))
                {
                    task = (i, source.File.Path, [], []);
                    tasks[name] = task;
                }

                task.Deps.AddRange(deps.Where(d => !task.Deps.Contains(d)));
                if (Opens(trimmed))
                {
                    depth++;
                    blocks.Add((null, name, depth));
                }

                continue;
            }

            if (TestTask().Match(trimmed) is { Success: true } testTask)
            {
                var name = prefix + (testTask.Groups[2].Success ? testTask.Groups[2].Value : testTask.Groups[1].Value.StartsWith("RSpec", StringComparison.Ordinal) ? "spec" : testTask.Groups[1].Value.StartsWith("RuboCop", StringComparison.Ordinal) ? "rubocop" : "test");
                tasks.TryAdd(name, (i, source.File.Path, [], [new BuildLine(trimmed, i)]));
                if (Opens(trimmed))
                {
                    depth++;
                    blocks.Add((null, null, depth));
                }

                continue;
            }

            if (current is not null)
            {
                if (Shell().Match(trimmed) is { Success: true } shell)
                {
                    var command = string.Join(' ', Strings().Matches(shell.Groups[1].Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value));
                    if (command.Length > 0)
                    {
                        tasks[current].Lines.Add(new BuildLine(command, i));
                    }
                }
                else if (Invoke().Match(trimmed) is { Success: true } invoke)
                {
                    tasks[current].Lines.Add(new BuildLine("rake " + invoke.Groups[1].Value, i, Resolve(invoke.Groups[1].Value, current, tasks)));
                }
            }

            if (trimmed == "end" || trimmed.StartsWith("end ", StringComparison.Ordinal) || trimmed == "}")
            {
                if (blocks.Count > 0 && blocks[^1].Depth == depth)
                {
                    blocks.RemoveAt(blocks.Count - 1);
                }

                depth = Math.Max(0, depth - 1);
            }
            else if (Opens(trimmed))
            {
                depth++;
            }
        }

        return rails;
    }

    private static bool Opens(string line) => OpensBlock().IsMatch(line) || OpensStatement().IsMatch(line);

    private static List<string> Dependencies(string text)
    {
        var result = new List<string>();
        foreach (Match m in DependencyWord().Matches(text))
        {
            if (m.Groups[1].Success)
            {
                result.AddRange(m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else
            {
                result.Add(m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^namespace\s*\(?\s*[:""']?([\w-]+)[""']?\s*\)?\s*(?:do\b|\{)")]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^(?:multi)?task\s*\(?\s*(?::([\w-]+)|[""']([\w:-]+)[""']|([\w-]+):(?!:))\s*(?:,\s*\[[^\]]*\])?\s*(.*)$")]
    private static partial Regex TaskHeader();

    [GeneratedRegex(@"^(RSpec::Core::RakeTask|Rake::TestTask|Minitest::TestTask|RuboCop::RakeTask)\.new\s*\(?\s*(?::([\w-]+)|[""']([\w:-]+)[""'])?")]
    private static partial Regex TestTask();

    [GeneratedRegex(@"^(?:sh|system|ruby|exec)\b\s*\(?\s*(.+?)\s*\)?\s*(?:do\b.*)?$")]
    private static partial Regex Shell();

    [GeneratedRegex(@"""([^""]*)""|'([^']*)'|%[qQ]?[\(\[{]([^\)\]}]*)[\)\]}]")]
    private static partial Regex Strings();

    [GeneratedRegex(@"Rake::Task\[\s*[""':]?([\w:-]+)[""']?\s*\]\.(?:invoke|execute)")]
    private static partial Regex Invoke();

    [GeneratedRegex(@"%[iw][\[\(]([^\]\)]*)[\]\)]|:([\w-]+)|[""']([\w:-]+)[""']")]
    private static partial Regex DependencyWord();

    [GeneratedRegex(@"(\bdo\b(\s*\|[^|]*\|)?|\{(\s*\|[^|]*\|)?)\s*$")]
    private static partial Regex OpensBlock();

    [GeneratedRegex(@"^(if|unless|case|begin|def|while|until|class|module|for)\b")]
    private static partial Regex OpensStatement();
}
