using System.Text;
using System.Text.RegularExpressions;

namespace Gaplens.Practices.Signals;

/// <summary>
/// A path glob over root-relative paths: '**' any depth, '*' within a segment, '?' one character, '{a,b}' choices.
/// A glob without '/' matches the file name at any depth. Matching ignores case, as repositories disagree on case.
/// </summary>
public sealed class PathGlob
{
    private readonly Regex regex;

    /// <summary>Literal endings one of which every matching path has (".tf", "Chart.yaml"); empty when any path may match.</summary>
    private readonly string[] suffixes;

    /// <param name="pattern">The glob.</param>
    /// <param name="fromConfiguration">A glob written by a user: matched without backtracking (linear time), since
    /// "**a**a**a**b" would otherwise cost polynomial time per path.</param>
    public PathGlob(string pattern, bool fromConfiguration = false)
    {
        Pattern = pattern;
        var anchored = pattern.Contains('/', StringComparison.Ordinal);
        var body = Translate(pattern.TrimStart('/'));
        // Interpreted, not compiled: a catalog holds hundreds of globs, each matched against short paths after the
        // literal-suffix check below has ruled out almost every file.
        regex = new Regex(anchored ? $"^{body}$" : $"(^|/){body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | (fromConfiguration ? RegexOptions.NonBacktracking : RegexOptions.None));
        var alternatives = Alternatives(pattern).ToArray();
        var endings = alternatives.Select(LiteralEnding).ToArray();
        suffixes = endings.Any(e => e.Length == 0) ? [] : endings.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var literals = alternatives.Select(LongestLiteral).ToArray();
        required = literals.Any(l => l.Length < 3) ? [] : literals.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>Literal words one of which every matching path contains ("runbook" for "**/runbook*"); empty when unknown.</summary>
    private readonly string[] required;

    public string Pattern { get; }

    public bool IsMatch(string path)
    {
        // Cheap literal checks first: most files of a large tree fail them, and the regex never runs.
        if (suffixes.Length > 0 && !suffixes.Any(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (required.Length > 0 && !required.Any(r => path.Contains(r, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return regex.IsMatch(path);
    }

    /// <summary>The pattern with each '{a,b}' group expanded ("*.{yml,yaml}" gives "*.yml" and "*.yaml").</summary>
    private static IEnumerable<string> Alternatives(string pattern)
    {
        var open = pattern.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf('}', open);
        if (close < 0)
        {
            return [pattern];
        }

        return pattern[(open + 1)..close].Split(',').SelectMany(option => Alternatives(pattern[..open] + option + pattern[(close + 1)..]));
    }

    /// <summary>The longest run of literal text between wildcards and separators.</summary>
    private static string LongestLiteral(string pattern) =>
        pattern.Split(['*', '?', '/'], StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(string.Empty).MaxBy(part => part.Length)!;

    /// <summary>The literal text after the last wildcard or folder separator.</summary>
    private static string LiteralEnding(string pattern)
    {
        var start = pattern.LastIndexOfAny(['*', '?', '/']) + 1;
        return pattern[start..];
    }

    public override string ToString() => Pattern;

    private static string Translate(string pattern)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        i++;
                        builder.Append("(?:.*/)?");
                    }
                    else
                    {
                        builder.Append(".*");
                    }

                    break;
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '{':
                    var close = pattern.IndexOf('}', i);
                    if (close < 0)
                    {
                        builder.Append(Regex.Escape(c.ToString()));
                        break;
                    }

                    var options = pattern[(i + 1)..close].Split(',').Select(o => Translate(o));
                    builder.Append("(?:").Append(string.Join('|', options)).Append(')');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return builder.ToString();
    }
}
