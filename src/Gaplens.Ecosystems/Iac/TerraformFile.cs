using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Iac;

/// <summary>
/// Top-level blocks of a Terraform (HCL) file with their nested blocks, found by a small brace-matching reader that
/// understands strings, comments and heredocs. No HCL parser is available for .NET; this reads structure, not values.
/// </summary>
public sealed class TerraformFile
{
    private TerraformFile(string path, IReadOnlyList<HclBlock> blocks, string text)
    {
        Path = path;
        Blocks = blocks;
        Text = text;
    }

    public string Path { get; }

    public IReadOnlyList<HclBlock> Blocks { get; }

    public string Text { get; }

    public IEnumerable<HclBlock> Resources(string? typePrefix = null) =>
        Blocks.Where(b => b.Type is "resource" or "data" && (typePrefix is null || b.Labels.Count > 0 && b.Labels[0].StartsWith(typePrefix, StringComparison.Ordinal)));

    /// <summary>Reads the blocks; a text nested beyond <see cref="Parsing.ParseGuard.MaxDepth"/> gives no blocks and the problem.</summary>
    public static TerraformFile Parse(SourceText source) => Parse(source, out _);

    public static TerraformFile Parse(SourceText source, out string? error)
    {
        error = Parsing.ParseGuard.CheckBracketNesting(source.Text, "HCL");
        if (error is not null)
        {
            return new TerraformFile(source.File.Path, [], source.Text);
        }

        var reader = new HclReader(source.Text);
        return new TerraformFile(source.File.Path, reader.ReadBlocks(0, source.Text.Length, source), source.Text);
    }

    private sealed class HclReader(string text)
    {
        public List<HclBlock> ReadBlocks(int start, int end, SourceText source)
        {
            var blocks = new List<HclBlock>();
            var i = start;
            while (i < end)
            {
                var lineEnd = text.IndexOf('\n', i);
                if (lineEnd < 0 || lineEnd > end)
                {
                    lineEnd = end;
                }

                var line = text[i..lineEnd];
                var trimmed = line.Trim();
                var brace = FindOpeningBrace(line);
                if (brace >= 0 && !trimmed.StartsWith('#') && !trimmed.StartsWith("//", StringComparison.Ordinal))
                {
                    var header = line[..brace].Trim();
                    var open = i + brace;
                    var close = FindClose(open, end);
                    if (header.Length > 0 && !header.Contains('=', StringComparison.Ordinal))
                    {
                        var (type, labels) = SplitHeader(header);
                        var children = ReadBlocks(open + 1, close, source);
                        blocks.Add(new HclBlock(type, labels, source.LineOf(i), source.LineOf(Math.Max(i, close)), text[(open + 1)..close], children));
                    }

                    i = close + 1;
                    continue;
                }

                i = lineEnd + 1;
            }

            return blocks;
        }

        private static int FindOpeningBrace(string line)
        {
            var inString = false;
            for (var k = 0; k < line.Length; k++)
            {
                var c = line[k];
                if (c == '"' && (k == 0 || line[k - 1] != '\\'))
                {
                    inString = !inString;
                }
                else if (!inString && c == '#')
                {
                    return -1;
                }
                else if (!inString && c == '{')
                {
                    return k;
                }
            }

            return -1;
        }

        private int FindClose(int open, int end)
        {
            var depth = 0;
            var i = open;
            while (i < end)
            {
                var c = text[i];
                if (c == '"')
                {
                    i = SkipString(i + 1, end);
                    continue;
                }

                if (c == '#' || (c == '/' && i + 1 < end && text[i + 1] == '/'))
                {
                    var nl = text.IndexOf('\n', i);
                    i = nl < 0 ? end : nl;
                    continue;
                }

                if (c == '/' && i + 1 < end && text[i + 1] == '*')
                {
                    var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = close < 0 ? end : close + 2;
                    continue;
                }

                if (c == '<' && i + 1 < end && text[i + 1] == '<')
                {
                    i = SkipHeredoc(i, end);
                    continue;
                }

                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                }

                i++;
            }

            return end;
        }

        private int SkipString(int i, int end)
        {
            while (i < end)
            {
                if (text[i] == '\\')
                {
                    i += 2;
                    continue;
                }

                if (text[i] == '"' || text[i] == '\n')
                {
                    return i + 1;
                }

                i++;
            }

            return end;
        }

        private int SkipHeredoc(int i, int end)
        {
            var nl = text.IndexOf('\n', i);
            if (nl < 0)
            {
                return end;
            }

            var marker = text[(i + 2)..nl].Trim().TrimStart('-', '~').Trim();
            if (marker.Length == 0 || !marker.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
            {
                return i + 2;
            }

            var pos = nl + 1;
            while (pos < end)
            {
                var lineEnd = text.IndexOf('\n', pos);
                if (lineEnd < 0)
                {
                    lineEnd = end;
                }

                if (text[pos..lineEnd].Trim() == marker)
                {
                    return lineEnd;
                }

                pos = lineEnd + 1;
            }

            return end;
        }

        private static (string Type, List<string> Labels) SplitHeader(string header)
        {
            var parts = new List<string>();
            var current = new System.Text.StringBuilder();
            var inString = false;
            foreach (var c in header)
            {
                if (c == '"')
                {
                    inString = !inString;
                    continue;
                }

                if (!inString && char.IsWhiteSpace(c))
                {
                    if (current.Length > 0)
                    {
                        parts.Add(current.ToString());
                        current.Clear();
                    }

                    continue;
                }

                current.Append(c);
            }

            if (current.Length > 0)
            {
                parts.Add(current.ToString());
            }

            return parts.Count == 0 ? (string.Empty, []) : (parts[0], parts.Skip(1).ToList());
        }
    }
}

/// <summary>An HCL block such as <c>resource "aws_db_instance" "main" { ... }</c>.</summary>
public sealed record HclBlock(string Type, IReadOnlyList<string> Labels, int Line, int EndLine, string Body, IReadOnlyList<HclBlock> Children)
{
    public string? Label(int index) => index < Labels.Count ? Labels[index] : null;

    public IEnumerable<HclBlock> Descendants() => Children.SelectMany(c => new[] { c }.Concat(c.Descendants()));
}
