using System.Text;

namespace Gaplens.Core.Files;

/// <summary>Turns file bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 with a note.</summary>
public static class TextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when the first 8000 bytes hold a NUL byte and no UTF-16 byte-order mark: the file is binary.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return false;
        }

        var head = bytes.Length > 8000 ? bytes[..8000] : bytes;
        return head.IndexOf((byte)0) >= 0;
    }

    /// <summary>Decodes; <paramref name="note"/> says when the bytes were not valid UTF-8.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out string? note)
    {
        note = null;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            note = "not valid UTF-8; read as Latin-1";
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
