namespace Gaplens.Reports;

/// <summary>
/// Control characters from the repository (an ESC in a file name, a bell, a C1 code) never reach a document raw:
/// a terminal that shows the Markdown or the HTML source would obey them. Each becomes its visible picture
/// (ESC as U+241B "␛"), so the reader still sees that the name holds one.
/// </summary>
public static class ControlCharacters
{
    public static string Visible(string text)
    {
        var index = text.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (index < 0 && text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = Visible(source[i]);
            }
        });
    }

    /// <summary>Tabs and line breaks stay (the callers decide about them); other C0 codes become their pictures, DEL and C1 codes a replacement mark.</summary>
    public static char Visible(char c) => c switch
    {
        '\t' or '\n' or '\r' => c,
        < '\u0020' => (char)(0x2400 + c),
        '\u007f' => '\u2421',
        >= '\u0080' and <= '\u009f' => '\ufffd',
        _ => c,
    };
}
