using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Gaplens.Server.Dashboard;

/// <summary>
/// A fragment of HTML. Built only through <see cref="Of"/>, whose interpolation encodes every value that is not
/// already <see cref="Html"/>: text from a report cannot become markup by accident.
/// </summary>
public readonly record struct Html(string Value)
{
    public static readonly Html Empty = new(string.Empty);

    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static Html Of([InterpolatedStringHandlerArgument] ref HtmlBuilder builder) => builder.ToHtml();

    public static Html Text(string? value) => new(Encoder.Encode(value ?? string.Empty));

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html Join(string separator, IEnumerable<Html> parts) => new(string.Join(separator, parts.Select(p => p.Value)));

    /// <summary>Markup written by this program (never repository text): constant tags, numbers already formatted.</summary>
    public static Html Trusted(string markup) => new(markup);

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public override string ToString() => Value;
}

[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    private readonly StringBuilder builder;

    public HtmlBuilder(int literalLength, int formattedCount) => builder = new StringBuilder(literalLength + formattedCount * 16);

    public readonly void AppendLiteral(string value) => builder.Append(value);

    public readonly void AppendFormatted(Html value) => builder.Append(value.Value);

    public readonly void AppendFormatted(string? value) => builder.Append(Html.Encoder.Encode(value ?? string.Empty));

    public readonly void AppendFormatted(int value) => builder.Append(value.ToString(CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(long value) => builder.Append(value.ToString(CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(double value) => builder.Append(value.ToString("0.#", CultureInfo.InvariantCulture));

    public readonly void AppendFormatted(double value, string format) => builder.Append(value.ToString(format, CultureInfo.InvariantCulture));

    public readonly void AppendFormatted<T>(T value) =>
        builder.Append(Html.Encoder.Encode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? string.Empty));

    public readonly Html ToHtml() => new(builder.ToString());
}
