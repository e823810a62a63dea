using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// tox environments and their commands from tox.ini, setup.cfg (<c>[tox:tox]</c>), tox.toml or pyproject.toml
/// (<c>[tool.tox]</c>, native or <c>legacy_tox_ini</c>). The base environment is the target <c>testenv</c>; an
/// environment without commands of its own runs the base commands. The default target lists the envlist.
/// </summary>
public static partial class ToxReader
{
    public static BuildFile Read(SourceText source)
    {
        var name = RelativePaths.FileName(source.File.Path);
        var directory = RelativePaths.DirectoryOf(source.File.Path);
        if (name.EndsWith(".toml", StringComparison.Ordinal))
        {
            var table = CargoMakeReader.Toml(source);
            if (name == "pyproject.toml")
            {
                table = table?.TryGetValue("tool", out var t) == true && t is TomlTable tool && tool.TryGetValue("tox", out var x) && x is TomlTable tox ? tox : null;
                if (table?.TryGetValue("legacy_tox_ini", out var legacy) == true && legacy is string ini)
                {
                    var offset = (source.FindLine("legacy_tox_ini") ?? 1) - 1;
                    return FromIni(ini, source.File.Path, directory, offset, false);
                }
            }

            return table is null ? Empty(source.File.Path, directory) : FromToml(table, source, directory);
        }

        return FromIni(source.Text, source.File.Path, directory, 0, name == "setup.cfg");
    }

    private static BuildFile Empty(string path, string directory) => new("tox", path, directory, [], null);

    private static BuildFile FromIni(string text, string path, string directory, int lineOffset, bool setupCfg)
    {
        var sections = new Dictionary<string, Dictionary<string, (string Value, int Line)>>(StringComparer.Ordinal);
        Dictionary<string, (string Value, int Line)>? current = null;
        string? key = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                var section = trimmed[1..^1].Trim();
                current = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
                sections[section] = current;
                key = null;
                continue;
            }

            if (current is null || trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            {
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && key is not null)
            {
                var (value, at) = current[key];
                current[key] = (value + "\n" + trimmed, at);
                continue;
            }

            var eq = trimmed.IndexOf('=');
            if (eq > 0)
            {
                key = trimmed[..eq].Trim();
                current[key] = (trimmed[(eq + 1)..].Trim(), lineOffset + i + 1);
            }
        }

        var toxSection = setupCfg ? "tox:tox" : "tox";
        var envlist = sections.TryGetValue(toxSection, out var tox) && (tox.TryGetValue("envlist", out var list) || tox.TryGetValue("env_list", out list))
            ? string.Join(',', list.Value.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : null;
        var targets = new List<BuildTarget>();
        var baseCommands = sections.TryGetValue("testenv", out var baseEnv) && baseEnv.TryGetValue("commands", out var bc) ? bc : default;
        foreach (var (section, values) in sections)
        {
            string? env = section == "testenv" ? "testenv" : section.StartsWith("testenv:", StringComparison.Ordinal) ? section["testenv:".Length..].Trim() : null;
            if (env is null)
            {
                continue;
            }

            var commands = values.TryGetValue("commands", out var own) ? own : baseCommands;
            if (commands.Value is null)
            {
                continue;
            }

            var body = commands.Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((c, k) => new BuildLine(Clean(c), commands.Line + (k == 0 ? 0 : k))).Where(l => l.Text.Length > 0).ToList();
            targets.Add(new BuildTarget(env, commands.Line, [], body, Path: path));
        }

        if (sections.Count > 0 && (setupCfg ? sections.ContainsKey("tox:tox") : true) || targets.Count > 0)
        {
            return new BuildFile("tox", path, directory, targets, envlist);
        }

        return Empty(path, directory);
    }

    private static BuildFile FromToml(TomlTable table, SourceText source, string directory)
    {
        var targets = new List<BuildTarget>();
        var envlist = table.TryGetValue("env_list", out var list) ? string.Join(',', CargoMakeReader.Strings(list)) : null;
        IReadOnlyList<BuildLine> Commands(TomlTable env, string header)
        {
            if (!env.TryGetValue("commands", out var c) || c is not TomlArray commands)
            {
                return [];
            }

            var line = source.FindLine(header) ?? 1;
            return commands.Select(cmd => cmd is TomlArray words ? string.Join(' ', words.Select(w => w as string ?? (w is TomlTable r && r.TryGetValue("default", out var d) ? string.Join(' ', CargoMakeReader.Strings(d)) : string.Empty))) : cmd as string ?? string.Empty)
                .Where(s => s.Trim().Length > 0).Select(s => new BuildLine(s.Trim(), line)).ToList();
        }

        var baseLines = table.TryGetValue("env_run_base", out var b) && b is TomlTable baseEnv ? Commands(baseEnv, "env_run_base") : [];
        targets.Add(new BuildTarget("testenv", 1, [], baseLines, Path: source.File.Path));
        if (table.TryGetValue("env", out var e) && e is TomlTable envs)
        {
            foreach (var (name, value) in envs)
            {
                if (value is TomlTable env)
                {
                    var lines = Commands(env, "env." + name);
                    targets.Add(new BuildTarget(name, source.FindLine("env." + name) ?? 1, [], lines.Count > 0 ? lines : baseLines, Path: source.File.Path));
                }
            }
        }

        return new BuildFile("tox", source.File.Path, directory, targets, envlist);
    }

    private static string Clean(string command)
    {
        var result = PosArgs().Replace(command.Trim(), m => m.Groups[1].Success ? m.Groups[1].Value : string.Empty);
        result = result.Replace("{envpython}", "python", StringComparison.Ordinal).Replace("{toxinidir}", ".", StringComparison.Ordinal).Replace("{tox_root}", ".", StringComparison.Ordinal);
        return result.TrimStart('-').Trim();
    }

    [GeneratedRegex(@"\{posargs(?::([^}]*))?\}|\[\]")]
    private static partial Regex PosArgs();
}
