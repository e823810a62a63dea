using System.Text;

namespace Gaplens.History;

/// <summary>Text from a report (so from a scanned repository) made safe for a terminal or for Markdown.</summary>
public static class TextSafety
{
    /// <summary>Control characters (escape sequences, carriage returns) become '?', so a report cannot drive the terminal.</summary>
    public static string Terminal(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>Escapes text for a Markdown paragraph or table cell: no markup, no HTML, one line.</summary>
    public static string Markdown(string? value)
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
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~' or '!':
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
                case '\n' or '\r' or '\t':
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(char.IsControl(c) ? '?' : c);
                    break;
            }
        }

        return builder.ToString();
    }
}
