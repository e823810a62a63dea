using System.Text;

namespace Gaplens.Reports;

/// <summary>Escaping for GitHub-flavoured Markdown: text from the scanned repository must never become markup.</summary>
public static class Markdown
{
    /// <summary>Escapes text for a paragraph or a table cell (pipes, brackets, emphasis, HTML, line breaks).</summary>
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                case '\r':
                    break;
                case '\n':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(ControlCharacters.Visible(c));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>An inline code span that survives backticks and pipes in the value (pipes would split a table cell).</summary>
    public static string Code(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var clean = ControlCharacters.Visible(value.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ')).Replace("|", "\\|", StringComparison.Ordinal);
        var fence = clean.Contains('`', StringComparison.Ordinal) ? "``" : "`";
        var pad = clean.StartsWith('`') || clean.EndsWith('`') ? " " : string.Empty;
        return $"{fence}{pad}{clean}{pad}{fence}";
    }

    /// <summary>The anchor GitHub generates for a heading: lower case, punctuation dropped, spaces to dashes.</summary>
    public static string Anchor(string heading)
    {
        var builder = new StringBuilder();
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('-');
            }
        }

        return builder.ToString();
    }
}
