using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gaplens.History;

/// <summary>A diff for people (terminal, Markdown) and for machines (JSON). Pure functions of the diff.</summary>
public static class DiffWriter
{
    public static readonly IReadOnlyList<string> Formats = ["text", "md", "json"];

    public static string Write(ReportDiff diff, string format) => format switch
    {
        "md" => Markdown(diff),
        "json" => Json(diff),
        _ => Text(diff),
    };

    private static readonly (ChangeKind Kind, string Heading, string Symbol)[] Sections =
    [
        (ChangeKind.New, "New gaps", "+"),
        (ChangeKind.Regressed, "Regressed (present before)", "!"),
        (ChangeKind.Worsened, "Worsened (partial → missing)", "v"),
        (ChangeKind.Improved, "Improved (missing → partial)", "^"),
        (ChangeKind.Closed, "Closed gaps", "-"),
    ];

    public static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";

    public static string Signed(double? value) => value switch
    {
        null => "–",
        > 0 => "+" + Number(value),
        < 0 => "−" + Number(-value),
        _ => "±0",
    };

    public static string Side(DiffSide side) =>
        $"{side.Label} ({(side.Commit is { Length: >= 7 } c ? c[..7] : "no commit")}, {side.Date ?? "undated"}, {side.Profile})";

    public static string Summary(ReportDiff diff) =>
        $"{diff.Of(ChangeKind.New).Count()} new, {diff.Of(ChangeKind.Regressed).Count()} regressed, {diff.Of(ChangeKind.Worsened).Count()} worsened, " +
        $"{diff.Of(ChangeKind.Improved).Count()} improved, {diff.Of(ChangeKind.Closed).Count()} closed; overall {Number(diff.Overall.Before)} → {Number(diff.Overall.After)} ({Signed(diff.Overall.Delta)})";

    public static string Text(ReportDiff diff)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"From {TextSafety.Terminal(Side(diff.From))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"To   {TextSafety.Terminal(Side(diff.To))}");
        if (diff.ProfilesDiffer)
        {
            text.AppendLine("Note: the two reports use different profiles, so severities and targets differ.");
        }

        text.AppendLine(Summary(diff));
        foreach (var (kind, heading, symbol) in Sections)
        {
            var items = diff.Of(kind).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{heading} ({items.Count})");
            foreach (var c in items)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {symbol} {c.GapId ?? c.PracticeId,-13} {c.Severity,-8} {TextSafety.Terminal(c.Title)} [{c.PracticeId}]: {c.Before} → {c.After}");
            }
        }

        text.AppendLine();
        text.AppendLine("Scores per domain");
        foreach (var d in diff.Domains)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {TextSafety.Terminal(d.Title),-42} {Number(d.Before),5} → {Number(d.After),-5} {Signed(d.Delta)}");
        }

        if (diff.Services.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Readiness per service");
            foreach (var s in diff.Services)
            {
                var domains = s.Domains.Count == 0 ? string.Empty : "  (" + string.Join(", ", s.Domains.Select(d => $"{d.Key} {Signed(d.Delta ?? d.After ?? -d.Before)}")) + ")";
                text.AppendLine(CultureInfo.InvariantCulture, $"  {TextSafety.Terminal(s.Service),-30} {Number(s.Before),5} → {Number(s.After),-5} {Signed(s.Delta)}{TextSafety.Terminal(domains)}");
            }
        }

        return text.ToString();
    }

    public static string Markdown(ReportDiff diff)
    {
        var md = new StringBuilder();
        md.AppendLine("# Readiness diff");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- From: {TextSafety.Markdown(Side(diff.From))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- To: {TextSafety.Markdown(Side(diff.To))}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {TextSafety.Markdown(Summary(diff))}");
        if (diff.ProfilesDiffer)
        {
            md.AppendLine("- Note: the two reports use different profiles, so severities and targets differ.");
        }

        foreach (var (kind, heading, _) in Sections)
        {
            var items = diff.Of(kind).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {heading} ({items.Count})");
            md.AppendLine();
            md.AppendLine("| Gap | Severity | Practice | Before | After | Owner |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var c in items)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {TextSafety.Markdown(c.GapId ?? "–")} | {c.Severity} | {TextSafety.Markdown(c.Title)} ({Code(c.PracticeId)}) | {c.Before} | {c.After} | {TextSafety.Markdown(c.Owner ?? "–")} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Scores per domain");
        md.AppendLine();
        md.AppendLine("| Domain | Before | After | Change |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **Overall** | {Number(diff.Overall.Before)} | {Number(diff.Overall.After)} | {Signed(diff.Overall.Delta)} |");
        foreach (var d in diff.Domains)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {TextSafety.Markdown(d.Title)} | {Number(d.Before)} | {Number(d.After)} | {Signed(d.Delta)} |");
        }

        if (diff.Services.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Readiness per service");
            md.AppendLine();
            md.AppendLine("| Service | Before | After | Change | Domains that moved |");
            md.AppendLine("|---|---:|---:|---:|---|");
            foreach (var s in diff.Services)
            {
                var moved = string.Join(", ", s.Domains.Select(d => $"{TextSafety.Markdown(d.Key)} {Number(d.Before)} → {Number(d.After)}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {TextSafety.Markdown(s.Service)} | {Number(s.Before)} | {Number(s.After)} | {Signed(s.Delta)} | {(moved.Length == 0 ? "–" : moved)} |");
            }
        }

        return md.ToString();
    }

    public static string Json(ReportDiff diff)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            WriteSide(json, "from", diff.From);
            WriteSide(json, "to", diff.To);
            json.WriteStartObject("summary");
            foreach (var kind in Enum.GetValues<ChangeKind>())
            {
                json.WriteNumber(KindName(kind), diff.Of(kind).Count());
            }

            json.WriteEndObject();
            json.WriteStartObject("overall");
            WriteDelta(json, diff.Overall);
            json.WriteEndObject();
            json.WriteStartArray("changes");
            foreach (var c in diff.Changes)
            {
                json.WriteStartObject();
                json.WriteString("kind", KindName(c.Kind));
                json.WriteString("practice", c.PracticeId);
                json.WriteString("title", c.Title);
                json.WriteString("domain", c.Domain);
                WriteOptional(json, "gapId", c.GapId);
                json.WriteString("before", c.Before);
                json.WriteString("after", c.After);
                json.WriteString("severityBefore", c.SeverityBefore);
                json.WriteString("severityAfter", c.SeverityAfter);
                WriteOptional(json, "owner", c.Owner);
                json.WriteString("reason", c.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("domains");
            foreach (var d in diff.Domains)
            {
                json.WriteStartObject();
                json.WriteString("domain", d.Key);
                json.WriteString("title", d.Title);
                WriteDelta(json, d);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("services");
            foreach (var s in diff.Services)
            {
                json.WriteStartObject();
                json.WriteString("service", s.Service);
                WriteNumber(json, "before", s.Before);
                WriteNumber(json, "after", s.After);
                WriteNumber(json, "delta", s.Delta);
                json.WriteStartArray("domains");
                foreach (var d in s.Domains)
                {
                    json.WriteStartObject();
                    json.WriteString("domain", d.Key);
                    WriteDelta(json, d);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Code(string value) => "`" + TextSafety.Terminal(value).Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";

    public static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.Closed => "closed",
        ChangeKind.New => "new",
        ChangeKind.Regressed => "regressed",
        ChangeKind.Worsened => "worsened",
        _ => "improved",
    };

    private static void WriteSide(Utf8JsonWriter json, string name, DiffSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("label", side.Label);
        WriteOptional(json, "commit", side.Commit);
        WriteOptional(json, "date", side.Date);
        json.WriteString("profile", side.Profile);
        json.WriteEndObject();
    }

    private static void WriteDelta(Utf8JsonWriter json, ScoreDelta delta)
    {
        WriteNumber(json, "before", delta.Before);
        WriteNumber(json, "after", delta.After);
        WriteNumber(json, "delta", delta.Delta);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
