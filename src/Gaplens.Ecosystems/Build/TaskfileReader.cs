using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// A Taskfile (go-task): tasks with <c>deps</c>, <c>cmds</c> (commands, <c>cmd:</c> and <c>task:</c> calls), a
/// <c>dir</c>, and <c>includes</c> of other Taskfiles under a namespace (<c>docs:build</c>). The default task is
/// <c>default</c>.
/// </summary>
public static partial class TaskfileReader
{
    private static readonly string[] Names = ["Taskfile.yml", "Taskfile.yaml", "taskfile.yml", "taskfile.yaml", "Taskfile.dist.yml", "Taskfile.dist.yaml", "taskfile.dist.yml", "taskfile.dist.yaml"];

    public static bool IsTaskfile(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The Taskfile names go-task looks for in a directory, in its order.</summary>
    public static IReadOnlyList<string> FileNames => Names;

    public static BuildFile? Read(SourceText source, Func<string, SourceText?> text, out string? error)
    {
        var root = YamlDocuments.Load(source.Text, out error).FirstOrDefault();
        if (root is null)
        {
            return null;
        }

        var tasks = new List<BuildTarget>();
        ReadInto(source.File.Path, root, string.Empty, RelativePaths.DirectoryOf(source.File.Path), tasks, text, new HashSet<string>(StringComparer.Ordinal));
        return new BuildFile("task", source.File.Path, RelativePaths.DirectoryOf(source.File.Path), tasks, "default",
            (line, values) => Template().Replace(line, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value));
    }

    private static void ReadInto(string path, YamlNode root, string prefix, string directory, List<BuildTarget> tasks, Func<string, SourceText?> text, HashSet<string> seen)
    {
        if (!seen.Add(path) || seen.Count > 16)
        {
            return;
        }

        foreach (var (name, task, line) in root.Get("tasks").Entries())
        {
            var deps = new List<string>();
            foreach (var dep in task.Get("deps").Items())
            {
                if ((dep.Scalar() ?? dep.ScalarOf("task")) is { } depName)
                {
                    deps.Add(Qualify(prefix, depName));
                }
            }

            var lines = new List<BuildLine>();
            var commands = task is YamlMappingNode ? task.Get("cmds") ?? task.Get("cmd") : task;
            foreach (var command in commands is YamlSequenceNode ? commands.Items() : commands is null ? [] : [commands])
            {
                if (command.Scalar() is { } shell)
                {
                    lines.Add(new BuildLine(shell, command.Line()));
                }
                else if (command.ScalarOf("task") is { } call)
                {
                    var qualified = Qualify(prefix, call);
                    lines.Add(new BuildLine("task " + qualified, command.Line(), qualified));
                }
                else if ((command.ScalarOf("cmd") ?? command.ScalarOf("defer")) is { } cmd)
                {
                    lines.Add(new BuildLine(cmd, command.Get("cmd")?.Line() ?? command.Line()));
                }
            }

            var dir = task.ScalarOf("dir") is { } taskDir && !taskDir.Contains("{{", StringComparison.Ordinal) ? RelativePaths.Combine(directory, taskDir) : directory;
            tasks.Add(new BuildTarget(prefix + name, line, deps, lines, Directory: dir, Path: path));
        }

        foreach (var (ns, include, _) in root.Get("includes").Entries())
        {
            var target = include.Scalar() ?? include.ScalarOf("taskfile");
            if (target is null || target.Contains("{{", StringComparison.Ordinal))
            {
                continue;
            }

            var combined = RelativePaths.Combine(directory, target);
            var file = text(combined) is not null ? combined : Names.Select(n => RelativePaths.Combine(combined, n)).FirstOrDefault(p => text(p) is not null);
            if (file is null || YamlDocuments.Load(text(file)!.Text, out _).FirstOrDefault() is not { } included)
            {
                continue;
            }

            var includedDirectory = include.ScalarOf("dir") is { } dir ? RelativePaths.Combine(directory, dir) : RelativePaths.DirectoryOf(file);
            ReadInto(file, included, prefix + ns + ":", includedDirectory, tasks, text, seen);
        }
    }

    private static string Qualify(string prefix, string name) => name.StartsWith(':') ? name[1..] : prefix + name;

    [GeneratedRegex(@"\{\{\s*\.([A-Za-z_]\w*)\s*\}\}")]
    private static partial Regex Template();
}
