using System.Xml;
using System.Xml.Linq;

namespace Gaplens.Ecosystems.Parsing;

/// <summary>
/// The one guard in front of every parser of text from a repository or a user (YAML, JSON, XML, TOML, HCL): a
/// nesting depth no real file needs, and no expansion without bound. A file beyond a limit is reported as not
/// parsed, like a syntax error; it never costs the scan its stack (a stack overflow cannot be caught) or its time.
/// </summary>
public static class ParseGuard
{
    /// <summary>Deepest nesting read; Kubernetes CRD schemas, the deepest real files, stay well under 40.</summary>
    public const int MaxDepth = 128;

    /// <summary>Most YAML nodes one document may stand for once its aliases are expanded (a "billion laughs" stops here).</summary>
    public const long MaxYamlNodes = 1_000_000;

    /// <summary>The same nesting limit as a message.</summary>
    public static string TooDeep(string format) => $"{format} nested deeper than {MaxDepth} levels; not parsed";

    /// <summary>
    /// Checks the bracket nesting of TOML or HCL text ('[', '{', '(') outside strings and comments, before a
    /// recursive parser sees it. Returns the problem, or null when the text is within the limit.
    /// </summary>
    public static string? CheckBracketNesting(string text, string format)
    {
        var depth = 0;
        var hcl = format == "HCL";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    i = SkipQuoted(text, i, '"', escapes: true);
                    break;
                case '\'' when !hcl:
                    i = SkipQuoted(text, i, '\'', escapes: false);
                    break;
                case '#':
                    i = EndOfLine(text, i);
                    break;
                case '/' when hcl && i + 1 < text.Length && text[i + 1] == '/':
                    i = EndOfLine(text, i);
                    break;
                case '/' when hcl && i + 1 < text.Length && text[i + 1] == '*':
                    var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? text.Length : close + 1;
                    break;
                case '[' or '{' or '(':
                    if (++depth > MaxDepth)
                    {
                        return $"{TooDeep(format)} (line {1 + text.AsSpan(0, i).Count('\n')})";
                    }

                    break;
                case ']' or '}' or ')':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// Parses XML without DTDs or external resources (no entity expansion) and within the nesting limit; returns
    /// null with the problem when the text is not such XML.
    /// </summary>
    public static XDocument? ParseXml(string text, out string? error)
    {
        error = null;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreWhitespace = false,
        };
        try
        {
            // First a forward-only pass for the depth (the reader is not recursive), then the tree.
            using (var check = XmlReader.Create(new StringReader(text), settings))
            {
                while (check.Read())
                {
                    if (check.Depth > MaxDepth)
                    {
                        error = $"{TooDeep("XML")} (line {((IXmlLineInfo)check).LineNumber})";
                        return null;
                    }
                }
            }

            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            error = $"invalid XML at line {ex.LineNumber}: {ex.Message}";
            return null;
        }
    }

    private static int SkipQuoted(string text, int open, char quote, bool escapes)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (escapes && c == '\\')
            {
                i++;
            }
            else if (c == quote)
            {
                return i;
            }
            else if (c == '\n')
            {
                // An unterminated or multi-line string: resume counting on the next line rather than skip the file.
                return i;
            }
        }

        return text.Length;
    }

    private static int EndOfLine(string text, int from)
    {
        var newline = text.IndexOf('\n', from);
        return newline < 0 ? text.Length : newline;
    }
}
