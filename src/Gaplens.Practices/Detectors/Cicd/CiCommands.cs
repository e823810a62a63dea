using System.Text.RegularExpressions;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Ci;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// What CI steps run, looking two levels into the scripts they call (./build.sh, npm run ci, make test), because
/// many pipelines hide the test or deploy command in a script.
/// </summary>
internal static partial class CiCommands
{
    private const int MaxDepth = 2;

    /// <summary>The commands a step runs: its own text plus the text of scripts and package/make targets it invokes.</summary>
    public static IEnumerable<(string Text, string Source)> Expand(CiStep step, Workspace workspace)
    {
        yield return (step.AllText, "step");
        if (step.Run is null)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expanded in ExpandText(step.Run, step.WorkingDirectory ?? string.Empty, workspace, seen, 1))
        {
            yield return expanded;
        }
    }

    private static IEnumerable<(string Text, string Source)> ExpandText(string text, string directory, Workspace workspace, HashSet<string> seen, int depth)
    {
        if (depth > MaxDepth)
        {
            yield break;
        }

        foreach (Match m in ScriptPath().Matches(text))
        {
            var relative = m.Groups[1].Value;
            var path = new[] { RelativePaths.Combine(directory, relative), RelativePaths.Combine(string.Empty, relative) }
                .FirstOrDefault(p => workspace.Text(p) is not null);
            if (path is null || !seen.Add(path))
            {
                continue;
            }

            var script = workspace.Text(path)!.Text;
            yield return (script, path);
            // A nested script runs in the same working directory as the one that calls it.
            foreach (var nested in ExpandText(script, directory, workspace, seen, depth + 1))
            {
                yield return nested;
            }
        }

        foreach (Match m in PackageScript().Matches(text))
        {
            var name = m.Groups[2].Value;
            foreach (var package in workspace.PackageJsons)
            {
                if (package.Scripts.TryGetValue(name, out var script) && seen.Add(package.Path + "#" + name))
                {
                    yield return ($"{name}: {script.Command}", package.Path);
                    foreach (var nested in ExpandText(script.Command, package.Directory, workspace, seen, depth + 1))
                    {
                        yield return nested;
                    }
                }
            }
        }

        foreach (Match m in MakeTarget().Matches(text))
        {
            var target = m.Groups[1].Value;
            var makefile = workspace.Text(RelativePaths.Combine(directory, "Makefile")) ?? workspace.Text("Makefile");
            if (makefile is null || !seen.Add(makefile.File.Path + "#" + target))
            {
                continue;
            }

            for (var i = 1; i <= makefile.LineCount; i++)
            {
                if (makefile.Line(i).StartsWith(target + ":", StringComparison.Ordinal))
                {
                    var body = string.Join('\n', Enumerable.Range(i, Math.Min(12, makefile.LineCount - i + 1)).Select(makefile.Line)
                        .TakeWhile((l, k) => k == 0 || l.StartsWith('\t') || l.Length == 0));
                    yield return (body, makefile.File.Path);
                    foreach (var nested in ExpandText(body, RelativePaths.DirectoryOf(makefile.File.Path), workspace, seen, depth + 1))
                    {
                        yield return nested;
                    }
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
