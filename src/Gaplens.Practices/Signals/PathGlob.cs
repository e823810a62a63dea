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

    public PathGlob(string pattern)
    {
        Pattern = pattern;
        var anchored = pattern.Contains('/', StringComparison.Ordinal);
        var body = Translate(pattern.TrimStart('/'));
        regex = new Regex(anchored ? $"^{body}$" : $"(^|/){body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => regex.IsMatch(path);

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
