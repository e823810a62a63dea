using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// Sessions of a noxfile.py: each <c>@nox.session</c> function (or its <c>name=</c>), the commands of its
/// <c>session.run(...)</c> calls and the sessions it <c>notify</c>s; <c>nox.options.sessions</c> is the default.
/// </summary>
public static partial class NoxReader
{
    public static BuildFile Read(SourceText source)
    {
        var targets = new List<BuildTarget>();
        string? pendingName = null;
        var decorated = false;
        for (var i = 1; i <= source.LineCount; i++)
        {
            var line = source.Line(i);
            var trimmed = line.Trim();
            if (Decorator().Match(trimmed) is { Success: true } decorator)
            {
                decorated = true;
                pendingName = decorator.Groups[1].Success ? decorator.Groups[1].Value : null;
                continue;
            }

            if (!decorated || Function().Match(line) is not { Success: true } function)
            {
                continue;
            }

            decorated = false;
            var indent = line.Length - line.TrimStart().Length;
            var name = pendingName ?? function.Groups[1].Value;
            var lines = new List<BuildLine>();
            var start = i;
            while (i < source.LineCount)
            {
                var next = source.Line(i + 1);
                if (next.Trim().Length > 0 && next.Length - next.TrimStart().Length <= indent)
                {
                    break;
                }

                i++;
                if (Run().Match(next) is { Success: true } run)
                {
                    var words = Literal().Matches(run.Groups[1].Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
                    lines.Add(new BuildLine(string.Join(' ', words), i));
                }
                else if (Notify().Match(next) is { Success: true } notify)
                {
                    lines.Add(new BuildLine("nox -s " + notify.Groups[1].Value, i, notify.Groups[1].Value));
                }
            }

            targets.Add(new BuildTarget(name, start, [], lines, Path: source.File.Path));
            pendingName = null;
        }

        var defaults = DefaultSessions().Match(source.Text);
        var defaultTarget = defaults.Success ? string.Join(',', Literal().Matches(defaults.Groups[1].Value).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)) : null;
        return new BuildFile("nox", source.File.Path, RelativePaths.DirectoryOf(source.File.Path), targets, string.IsNullOrEmpty(defaultTarget) ? null : defaultTarget);
    }

    [GeneratedRegex(@"^@nox\.session\b(?:.*\bname\s*=\s*[""']([^""']+)[""'])?")]
    private static partial Regex Decorator();

    [GeneratedRegex(@"^\s*def\s+(\w+)\s*\(")]
    private static partial Regex Function();

    [GeneratedRegex(@"\bsession\.run\s*\((.*)\)?")]
    private static partial Regex Run();

    [GeneratedRegex(@"\bsession\.notify\s*\(\s*[""']([^""']+)[""']")]
    private static partial Regex Notify();

    [GeneratedRegex(@"""([^""]*)""|'([^']*)'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"nox\.options\.sessions\s*=\s*\[([^\]]*)\]")]
    private static partial Regex DefaultSessions();
}
