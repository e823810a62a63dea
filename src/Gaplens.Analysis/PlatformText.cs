using System.Text.RegularExpressions;

namespace Gaplens.Analysis;

/// <summary>
/// Remediation text names a cloud's or a platform's services only where the repository runs there. Such passages are
/// written as <c>[[aws: ...]]</c>, <c>[[azure,aks: ...]]</c> or <c>[[heroku,fly,render: ...]]</c>: a passage is kept
/// (without its marker) when one of its keys is among the repository's platforms, and left out otherwise, so advice
/// for an AWS stack never names Key Vault and a Compose deployment never gets Cloud Run probe advice. The text around
/// the passages reads as a whole without them.
/// </summary>
public static partial class PlatformText
{
    /// <summary>The text with the passages for <paramref name="platforms"/> kept and every other one left out.</summary>
    public static string Select(string text, IReadOnlyCollection<string> platforms)
    {
        if (!text.Contains("[[", StringComparison.Ordinal))
        {
            return text;
        }

        var result = new System.Text.StringBuilder(text.Length);
        var position = 0;
        foreach (Match match in Passage().Matches(text))
        {
            result.Append(text, position, match.Index - position);
            position = match.Index + match.Length;
            if (match.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries).Any(k => platforms.Contains(k, StringComparer.Ordinal)))
            {
                var kept = match.Groups["text"].Value;
                var lead = match.Groups["lead"].Value.Length == 0 && result.Length > 0 && !char.IsWhiteSpace(result[^1]) ? " " : match.Groups["lead"].Value;
                result.Append(kept.Length > 0 && kept[0] is ',' or ';' or ':' or '.' or ')' ? kept : lead + kept);
            }
        }

        result.Append(text, position, text.Length - position);
        return result.ToString().Trim();
    }

    /// <summary>Every passage shown with its platforms, for the catalog's own listing (`gaplens explain`).</summary>
    public static string ShowAll(string text) =>
        Passage().Replace(text, m => $"{m.Groups["lead"].Value}({string.Join("/", m.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries))}: {m.Groups["text"].Value.Trim()})").Trim();

    /// <summary>The keys every passage of the text is written for.</summary>
    public static IEnumerable<string> Keys(string text) =>
        Passage().Matches(text).SelectMany(m => m.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"(?<lead>\s?)\[\[(?<keys>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*):\s?(?<text>[^\[\]]*)\]\]")]
    private static partial Regex Passage();
}
