namespace Gaplens.Core.Files;

/// <summary>The decoded text of one file with a line index built on first use.</summary>
public sealed class SourceText
{
    private int[]? lineStarts;

    public SourceText(RepoFile file, string text)
    {
        File = file;
        Text = text;
    }

    public RepoFile File { get; }

    public string Text { get; }

    public int LineCount => LineStarts.Length;

    private int[] LineStarts => lineStarts ??= BuildLineStarts(Text);

    /// <summary>1-based line of a character offset.</summary>
    public int LineOf(int offset)
    {
        var starts = LineStarts;
        var index = Array.BinarySearch(starts, offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>Text of a 1-based line without its line break.</summary>
    public string Line(int line)
    {
        var starts = LineStarts;
        if (line < 1 || line > starts.Length)
        {
            return string.Empty;
        }

        var start = starts[line - 1];
        var end = line < starts.Length ? starts[line] : Text.Length;
        return Text[start..end].TrimEnd('\r', '\n');
    }

    /// <summary>1-based line of the first occurrence of <paramref name="value"/>, or null.</summary>
    public int? FindLine(string value, StringComparison comparison = StringComparison.Ordinal, int fromLine = 1)
    {
        var starts = LineStarts;
        var from = fromLine <= 1 ? 0 : fromLine > starts.Length ? Text.Length : starts[fromLine - 1];
        var index = Text.IndexOf(value, from, comparison);
        return index < 0 ? null : LineOf(index);
    }

    public IEnumerable<string> Lines()
    {
        for (var i = 1; i <= LineCount; i++)
        {
            yield return Line(i);
        }
    }

    private static int[] BuildLineStarts(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        var span = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var next = span[offset..].IndexOf('\n');
            if (next < 0)
            {
                break;
            }

            offset += next + 1;
            if (offset < text.Length)
            {
                starts.Add(offset);
            }
            else
            {
                break;
            }
        }

        return [.. starts];
    }
}
