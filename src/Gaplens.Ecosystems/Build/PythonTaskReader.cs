using Gaplens.Core.Files;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// Python task runners configured in pyproject.toml: taskipy (<c>task x</c>), poethepoet (<c>poe x</c>), PDM scripts
/// (<c>pdm run x</c>) and Hatch environment scripts (<c>hatch run [env:]x</c>).
/// </summary>
public static class PythonTaskReader
{
    public static BuildFile? Read(SourceText source, string runner)
    {
        var tool = CargoMakeReader.Toml(source) is { } root && root.TryGetValue("tool", out var t) ? t as TomlTable : null;
        if (tool is null)
        {
            return null;
        }

        var targets = new List<BuildTarget>();
        var path = source.File.Path;
        switch (runner)
        {
            case "taskipy" when Table(tool, "taskipy", "tasks") is { } tasks:
                foreach (var (name, value) in tasks)
                {
                    var command = value as string ?? (value is TomlTable spec && spec.TryGetValue("cmd", out var cmd) ? cmd as string : null);
                    if (command is not null)
                    {
                        targets.Add(Target(source, name, [command], tasks.ContainsKey("pre_" + name) ? ["pre_" + name] : []));
                    }
                }

                break;
            case "poe" when Table(tool, "poe", "tasks") is { } tasks:
                foreach (var (name, value) in tasks)
                {
                    var line = source.FindLine(name) ?? 1;
                    var lines = new List<BuildLine>();
                    switch (value)
                    {
                        case string command:
                            lines.Add(new BuildLine(command, line));
                            break;
                        case TomlArray sequence:
                            lines.AddRange(sequence.OfType<string>().Select(r => new BuildLine("poe " + r, line, r)));
                            break;
                        case TomlTable spec:
                            foreach (var key in new[] { "cmd", "shell" })
                            {
                                if (spec.TryGetValue(key, out var c) && c is string text)
                                {
                                    lines.Add(new BuildLine(text, line, Script: key == "shell"));
                                }
                            }

                            if (spec.TryGetValue("sequence", out var s) && s is TomlArray steps)
                            {
                                lines.AddRange(steps.OfType<string>().Select(r => new BuildLine("poe " + r, line, r)));
                            }

                            if (spec.TryGetValue("ref", out var r0) && r0 is string reference)
                            {
                                var first = reference.Split(' ')[0];
                                lines.Add(new BuildLine("poe " + reference, line, first));
                            }

                            break;
                    }

                    targets.Add(new BuildTarget(name, line, [], lines, Path: path));
                }

                break;
            case "pdm" when Table(tool, "pdm", "scripts") is { } scripts:
                foreach (var (name, value) in scripts)
                {
                    var line = source.FindLine(name) ?? 1;
                    var lines = new List<BuildLine>();
                    if (value is string command)
                    {
                        lines.Add(new BuildLine(command, line));
                    }
                    else if (value is TomlTable spec)
                    {
                        foreach (var key in new[] { "cmd", "shell" })
                        {
                            if (spec.TryGetValue(key, out var c))
                            {
                                lines.Add(new BuildLine(c is TomlArray words ? string.Join(' ', words.OfType<string>()) : c as string ?? string.Empty, line));
                            }
                        }

                        if (spec.TryGetValue("composite", out var composite) && composite is TomlArray items)
                        {
                            foreach (var item in items.OfType<string>())
                            {
                                var first = item.Split(' ')[0];
                                lines.Add(scripts.ContainsKey(first) ? new BuildLine("pdm run " + item, line, first) : new BuildLine(item, line));
                            }
                        }
                    }

                    targets.Add(new BuildTarget(name, line, scripts.ContainsKey("pre_" + name) ? ["pre_" + name] : [], lines.Where(l => l.Text.Length > 0).ToList(), Path: path));
                }

                break;
            case "hatch" when Table(tool, "hatch", "envs") is { } envs:
                foreach (var (env, value) in envs)
                {
                    if (value is not TomlTable environment || !environment.TryGetValue("scripts", out var s) || s is not TomlTable scripts)
                    {
                        continue;
                    }

                    foreach (var (name, script) in scripts)
                    {
                        var line = source.FindLine(name) ?? 1;
                        var commands = CargoMakeReader.Strings(script);
                        var lines = commands.Select(c => scripts.ContainsKey(c.Split(' ')[0]) ? new BuildLine(c, line, (env == "default" ? string.Empty : env + ":") + c.Split(' ')[0]) : new BuildLine(c, line)).ToList();
                        targets.Add(new BuildTarget(env + ":" + name, line, [], lines, Path: path));
                        if (env == "default")
                        {
                            targets.Add(new BuildTarget(name, line, [], lines, Path: path));
                        }
                    }
                }

                break;
        }

        return new BuildFile(runner, path, RelativePaths.DirectoryOf(path), targets, null);
    }

    private static BuildTarget Target(SourceText source, string name, IReadOnlyList<string> commands, IReadOnlyList<string> dependencies)
    {
        var line = source.FindLine(name + " ") ?? source.FindLine(name + "=") ?? 1;
        return new BuildTarget(name, line, dependencies, commands.Select(c => new BuildLine(c, line)).ToList(), Path: source.File.Path);
    }

    private static TomlTable? Table(TomlTable tool, string name, string key) =>
        tool.TryGetValue(name, out var t) && t is TomlTable table && table.TryGetValue(key, out var k) ? k as TomlTable : null;
}
