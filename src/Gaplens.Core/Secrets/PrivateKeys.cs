using System.Text;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Core.Secrets;

/// <summary>
/// Private key material is a key only with its body: a PEM header followed by base64 (on the next lines, or after
/// escaped "\n" in a JSON or code string), a PuTTY file with private lines, a JSON Web Key with "d" (or "k"). A header in
/// a replace() call, a regular expression, a template placeholder or a documentation stub ("...") is not a key.
/// </summary>
public static partial class PrivateKeys
{
    private const int MinBody = 64;
    private const int MaxLines = 120;

    /// <summary>The start of the key body after a header that ends at <paramref name="after"/> on <paramref name="line"/>, or null.</summary>
    public static string? Body(SourceText text, int line, int after, string type)
    {
        if (type.StartsWith("PuTTY", StringComparison.Ordinal) || text.Line(line).Contains("PuTTY-User-Key-File-", StringComparison.Ordinal))
        {
            return PuttyBody(text, line);
        }

        if (type is "RSA" or "EC" or "OKP" or "oct")
        {
            return JwkBody(text, line, type);
        }

        return PemBody(text, line, after);
    }

    private static string? PemBody(SourceText text, int line, int after)
    {
        var first = text.Line(line);
        var stream = new StringBuilder(first.Length - Math.Min(after, first.Length));
        stream.Append(first, Math.Min(after, first.Length), first.Length - Math.Min(after, first.Length));
        for (var i = line + 1; i <= text.LineCount && i <= line + MaxLines && stream.Length < 16_384; i++)
        {
            stream.Append('\n').Append(text.Line(i));
        }

        var normalised = Escapes().Replace(stream.ToString(), "\n");
        var body = new StringBuilder();
        var started = false;
        foreach (var raw in normalised.Split('\n'))
        {
            var piece = raw.Trim().Trim('"', '\'', ',', '+', ';', '`', '(', ')', '|', '>').Trim();
            if (piece.StartsWith("-----END", StringComparison.Ordinal))
            {
                break;
            }

            if (piece.Length == 0 || !started && HeaderField().IsMatch(piece))
            {
                continue;
            }

            if (!Base64Line().IsMatch(piece))
            {
                break;
            }

            body.Append(piece);
            started = true;
        }

        return IsKeyBody(body.ToString()) ? body.ToString() : null;
    }

    private static string? PuttyBody(SourceText text, int line)
    {
        for (var i = line + 1; i <= text.LineCount && i <= line + 40; i++)
        {
            if (!text.Line(i).StartsWith("Private-Lines:", StringComparison.Ordinal))
            {
                continue;
            }

            var body = new StringBuilder();
            for (var j = i + 1; j <= text.LineCount && j <= i + 40; j++)
            {
                var piece = text.Line(j).Trim();
                if (!Base64Line().IsMatch(piece))
                {
                    break;
                }

                body.Append(piece);
            }

            return IsKeyBody(body.ToString(), minimum: 40) ? body.ToString() : null;
        }

        return null;
    }

    /// <summary>The private member of a JSON Web Key within the object around the "kty" line ("d", or "k" for a symmetric key).</summary>
    private static string? JwkBody(SourceText text, int line, string type)
    {
        var member = type == "oct" ? JwkSymmetric() : JwkPrivate();
        for (var i = Math.Max(1, line - 20); i <= Math.Min(text.LineCount, line + 20); i++)
        {
            var match = member.Match(text.Line(i));
            if (match.Success && SecretValues.Entropy(match.Groups["value"].Value) >= 3.5)
            {
                return match.Groups["value"].Value;
            }
        }

        return null;
    }

    private static bool IsKeyBody(string body, int minimum = MinBody) =>
        body.Length >= minimum && body.Distinct().Count() >= 16 && SecretValues.Entropy(body) >= 4.0 &&
        !body.Contains("XXXX", StringComparison.OrdinalIgnoreCase);

    /// <summary>Escaped line breaks inside a string literal: "\n", "\\n", "\r\n".</summary>
    [GeneratedRegex(@"(?:\\\\|\\)r(?:\\\\|\\)n|(?:\\\\|\\)n|\r", RegexOptions.CultureInvariant)]
    private static partial Regex Escapes();

    [GeneratedRegex(@"^(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset|MessageID):", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"^[A-Za-z0-9+/]{16,}={0,2}$|^={1,2}[A-Za-z0-9+/]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Line();

    [GeneratedRegex(@"""d""\s*:\s*""(?<value>[A-Za-z0-9_\-]{20,})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex JwkPrivate();

    [GeneratedRegex(@"""k""\s*:\s*""(?<value>[A-Za-z0-9_\-]{16,})""", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex JwkSymmetric();
}
