using Gaplens.Core.Files;
using Tomlyn;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// cargo-make's Makefile.toml (<c>[tasks.x]</c> with command/args, script, dependencies, run_task; the predefined
/// test/build/ci-flow tasks when not overridden) and the <c>[alias]</c> table of .cargo/config.toml.
/// </summary>
public static class CargoMakeReader
{
    private static readonly (string Name, string[] Dependencies, string? Command)[] Predefined =
    [
        ("default", ["dev-test-flow"], null),
        ("dev-test-flow", ["format", "build", "test"], null),
        ("ci-flow", ["build", "test"], null),
        ("format", [], "cargo fmt"),
        ("build", [], "cargo build"),
        ("test", [], "cargo test"),
        ("clippy", [], "cargo clippy"),
    ];

    public static BuildFile Read(SourceText source)
    {
        var targets = new List<BuildTarget>();
        if (Toml(source)?.TryGetValue("tasks", out var t) == true && t is TomlTable tasks)
        {
            foreach (var (name, value) in tasks)
            {
                if (value is not TomlTable task)
                {
                    continue;
                }

                var line = source.FindLine($"[tasks.{name}]") ?? 1;
                var lines = new List<BuildLine>();
                if (task.TryGetValue("command", out var command) && command is string program)
                {
                    var args = task.TryGetValue("args", out var a) ? Strings(a) : [];
                    lines.Add(new BuildLine(string.Join(' ', new[] { program }.Concat(args)), line));
                }

                if (task.TryGetValue("script", out var script))
                {
                    var text = script is TomlTable { } fileScript && fileScript.TryGetValue("file", out var file) ? null : string.Join('\n', Strings(script));
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        lines.Add(new BuildLine(text, line, Script: true));
                    }
                }

                if (task.TryGetValue("run_task", out var runTask))
                {
                    foreach (var call in runTask is TomlTable r && r.TryGetValue("name", out var n) ? Strings(n) : Strings(runTask))
                    {
                        lines.Add(new BuildLine("cargo make " + call, line, call));
                    }
                }

                var deps = task.TryGetValue("dependencies", out var d) && d is TomlArray array
                    ? array.Select(x => x as string ?? (x is TomlTable dt && dt.TryGetValue("name", out var dn) ? dn as string : null)).OfType<string>().ToList()
                    : [];
                targets.Add(new BuildTarget(name, line, deps, lines, Path: source.File.Path));
            }
        }

        foreach (var (name, dependencies, command) in Predefined)
        {
            if (targets.All(t => t.Name != name))
            {
                targets.Add(new BuildTarget(name, 1, dependencies, command is null ? [] : [new BuildLine(command, 1)], Path: source.File.Path));
            }
        }

        return new BuildFile("cargo-make", source.File.Path, RelativePaths.DirectoryOf(source.File.Path), targets, "default");
    }

    /// <summary>Cargo aliases: <c>[alias] ci = "test --workspace"</c> or an array of words.</summary>
    public static BuildFile ReadAliases(SourceText source)
    {
        var targets = new List<BuildTarget>();
        if (Toml(source)?.TryGetValue("alias", out var a) == true && a is TomlTable aliases)
        {
            foreach (var (name, value) in aliases)
            {
                var text = value is string s ? s : string.Join(' ', Strings(value));
                targets.Add(new BuildTarget(name, source.FindLine(name + " ") ?? source.FindLine(name + "=") ?? 1, [], [new BuildLine(text, 1)], Path: source.File.Path));
            }
        }

        // Cargo runs commands from the directory above .cargo.
        var directory = RelativePaths.DirectoryOf(RelativePaths.DirectoryOf(source.File.Path));
        return new BuildFile("cargo-alias", source.File.Path, directory, targets, null);
    }

    internal static TomlTable? Toml(SourceText source)
    {
        try
        {
            return TomlSerializer.Deserialize<TomlTable>(source.Text);
        }
        catch (Exception ex) when (ex is TomlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    internal static IReadOnlyList<string> Strings(object? value) => value switch
    {
        string s => [s],
        TomlArray array => array.OfType<string>().ToList(),
        _ => [],
    };
}
