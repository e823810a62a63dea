using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gaplens.History;

/// <summary>`gaplens history` output: stored scans with the overall score and the score per domain.</summary>
public static class HistoryWriter
{
    public static string Write(IReadOnlyList<StoredScan> scans, string format) => format switch
    {
        "md" => Markdown(scans),
        "json" => Json(scans),
        _ => Text(scans),
    };

    private static IReadOnlyList<string> DomainsOf(IReadOnlyList<StoredScan> scans)
    {
        var order = new List<string>();
        foreach (var scan in scans)
        {
            foreach (var domain in scan.Domains.Keys)
            {
                if (!order.Contains(domain, StringComparer.Ordinal))
                {
                    order.Add(domain);
                }
            }
        }

        return order;
    }

    private static string Short(string? commit) => commit is { Length: >= 7 } c ? c[..7] : "–";

    public static string Text(IReadOnlyList<StoredScan> scans)
    {
        var text = new StringBuilder();
        foreach (var group in scans.GroupBy(s => s.RepositoryKey, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var domains = DomainsOf(list);
            text.AppendLine(CultureInfo.InvariantCulture, $"{TextSafety.Terminal(list[0].RepositoryName)} ({TextSafety.Terminal(group.Key)}): {list.Count} scan(s)");
            text.Append(CultureInfo.InvariantCulture, $"{"ID",5}  {"DATE",-10}  {"COMMIT",-7}  {"PROFILE",-10}  {"OVERALL",7}  {"CRIT",4}");
            foreach (var d in domains)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {Truncate(d, 6),6}");
            }

            text.AppendLine();
            foreach (var s in list)
            {
                text.Append(CultureInfo.InvariantCulture, $"{s.Id,5}  {s.Date ?? "undated",-10}  {Short(s.Commit),-7}  {s.Profile,-10}  {DiffWriter.Number(s.Overall) + "/" + DiffWriter.Number(s.Target),7}  {s.OpenCritical,4}");
                foreach (var d in domains)
                {
                    text.Append(CultureInfo.InvariantCulture, $"  {(s.Domains.TryGetValue(d, out var v) ? DiffWriter.Number(v) : "–"),6}");
                }

                text.AppendLine();
            }

            text.AppendLine();
        }

        text.AppendLine("`gaplens diff <id> <id>` compares two scans.");
        return text.ToString();
    }

    public static string Markdown(IReadOnlyList<StoredScan> scans)
    {
        var md = new StringBuilder();
        md.AppendLine("# Readiness history");
        foreach (var group in scans.GroupBy(s => s.RepositoryKey, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var domains = DomainsOf(list);
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {TextSafety.Markdown(list[0].RepositoryName)}");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"| ID | Date | Commit | Profile | Overall | Open critical | {string.Join(" | ", domains.Select(TextSafety.Markdown))} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"|---:|---|---|---|---:|---:|{string.Concat(domains.Select(_ => "---:|"))}");
            foreach (var s in list)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Id} | {s.Date ?? "undated"} | {Short(s.Commit)} | {s.Profile} | {DiffWriter.Number(s.Overall)}/{DiffWriter.Number(s.Target)} | {s.OpenCritical} | {string.Join(" | ", domains.Select(d => s.Domains.TryGetValue(d, out var v) ? DiffWriter.Number(v) : "–"))} |");
            }
        }

        return md.ToString();
    }

    public static string Json(IReadOnlyList<StoredScan> scans)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var s in scans)
            {
                json.WriteStartObject();
                json.WriteNumber("id", s.Id);
                json.WriteString("repository", s.RepositoryKey);
                json.WriteString("name", s.RepositoryName);
                if (s.Commit is null)
                {
                    json.WriteNull("commit");
                }
                else
                {
                    json.WriteString("commit", s.Commit);
                }

                if (s.Date is null)
                {
                    json.WriteNull("date");
                }
                else
                {
                    json.WriteString("date", s.Date);
                }

                json.WriteString("storedAt", s.StoredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                json.WriteString("profile", s.Profile);
                json.WriteNumber("overall", s.Overall);
                json.WriteNumber("target", s.Target);
                json.WriteNumber("openGaps", s.OpenGaps);
                json.WriteNumber("openCritical", s.OpenCritical);
                json.WriteStartObject("domains");
                foreach (var (domain, score) in s.Domains)
                {
                    json.WriteNumber(domain, score);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
