using System.Text.RegularExpressions;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Ci;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// What CI steps run, looking one level into the scripts they call (./build.sh, npm run ci, make test), because
/// many pipelines hide the test command in a script.
/// </summary>
internal static partial class CiCommands
{
    /// <summary>The commands a step runs: its own text plus the text of scripts and package/make targets it invokes.</summary>
    public static IEnumerable<(string Text, string Source)> Expand(CiStep step, Workspace workspace)
    {
        var text = step.AllText;
        yield return (text, "step");
        if (step.Run is null)
        {
            yield break;
        }

        foreach (Match m in ScriptPath().Matches(step.Run))
        {
            var path = RelativePaths.Combine(string.Empty, m.Groups[1].Value);
            if (workspace.Text(path) is { } script)
            {
                yield return (script.Text, path);
            }
        }

        foreach (Match m in PackageScript().Matches(step.Run))
        {
            var name = m.Groups[2].Value;
            foreach (var package in workspace.PackageJsons)
            {
                if (package.Scripts.TryGetValue(name, out var script))
                {
                    yield return ($"{name}: {script.Command}", package.Path);
                }
            }
        }

        foreach (Match m in MakeTarget().Matches(step.Run))
        {
            var target = m.Groups[1].Value;
            var makefile = workspace.Text("Makefile");
            if (makefile is null)
            {
                continue;
            }

            var lines = makefile.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith(target + ":", StringComparison.Ordinal))
                {
                    var body = string.Join('\n', lines.Skip(i).Take(12).TakeWhile((l, k) => k == 0 || l.StartsWith('\t') || l.Length == 0));
                    yield return (body, "Makefile");
                }
            }
        }
    }

    [GeneratedRegex(@"(?:^|[\s""'(&;])(?:bash\s+|sh\s+|pwsh\s+(?:-File\s+)?|powershell\s+(?:-File\s+)?|python3?\s+|\./)?((?:\./)?[\w./-]+\.(?:sh|ps1|bash|py|cmd|bat))\b")]
    private static partial Regex ScriptPath();

    [GeneratedRegex(@"\b(npm run|yarn run|pnpm run|bun run|yarn|pnpm)\s+([\w:.-]+)")]
    private static partial Regex PackageScript();

    [GeneratedRegex(@"\bmake\s+([\w.-]+)")]
    private static partial Regex MakeTarget();
}
