using System.Globalization;
using System.Text.Json;

namespace Gaplens.History;

/// <summary>One piece of evidence: a path, a line when known, what was found there.</summary>
public sealed record EvidenceItem(string Path, int? Line, string Detail);

/// <summary>A waiver or a profile deferral that keeps a gap out of the score.</summary>
public sealed record Acceptance(string Kind, string Reason, string? Expires);

/// <summary>A practice's verdict as the JSON report states it.</summary>
public sealed record PracticeEntry(
    string Id,
    string Domain,
    string Title,
    string Status,
    string Severity,
    string? GapId,
    string? Owner,
    string Reason,
    string? Recommendation,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<string> ServicesWithout,
    Acceptance? Accepted)
{
    /// <summary>A gap is partial or missing; an accepted gap (waived or deferred) is not open.</summary>
    public bool IsGap => Status is PracticeStatuses.Partial or PracticeStatuses.Missing;

    public bool IsOpen => IsGap && Accepted is null;

    /// <summary>The status as a diff speaks of it: a waived gap reads "accepted".</summary>
    public string EffectiveStatus => IsGap && Accepted is not null ? PracticeStatuses.Accepted : Status;
}

/// <summary>A domain's score in one report.</summary>
public sealed record DomainScore(string Domain, string Title, double Score, double Target);

/// <summary>A row of the report's per-service matrix.</summary>
public sealed record ServiceScore(string Service, string Path, double Readiness, IReadOnlyDictionary<string, double?> Domains, IReadOnlyList<string> Gaps);

/// <summary>The status words of the report.</summary>
public static class PracticeStatuses
{
    public const string Present = "present";
    public const string Partial = "partial";
    public const string Missing = "missing";
    public const string NotApplicable = "not-applicable";
    public const string Accepted = "accepted";
    public const string Absent = "absent";
}

/// <summary>The severity words of the report, most severe first.</summary>
public static class Severities
{
    public static readonly IReadOnlyList<string> Ordered = ["critical", "high", "medium", "low", "none"];

    /// <summary>0 for critical … 4 for none; unknown words rank after none.</summary>
    public static int Rank(string? severity)
    {
        for (var i = 0; i < Ordered.Count; i++)
        {
            if (string.Equals(Ordered[i], severity, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Ordered.Count;
    }

    public static bool IsKnown(string? severity) => severity is not null && Ordered.Contains(severity, StringComparer.Ordinal) && severity != "none";
}

/// <summary>A report that is not a Gaplens JSON report (or not one this version can read).</summary>
public sealed class ReportFormatException(string message) : Exception(message);

/// <summary>
/// What history, diff and the server need from a JSON report, read leniently with System.Text.Json: fields the
/// writer adds later are ignored, so stored reports stay readable as the format grows.
/// </summary>
public sealed record ReportSnapshot(
    string Root,
    string? Commit,
    string? Date,
    string Profile,
    string ToolVersion,
    double Overall,
    double Target,
    IReadOnlyList<DomainScore> Domains,
    IReadOnlyList<PracticeEntry> Practices,
    IReadOnlyList<ServiceScore> Services)
{
    public IEnumerable<PracticeEntry> OpenGaps => Practices.Where(p => p.IsOpen);

    public int OpenGapCount(string severity) => Practices.Count(p => p.IsOpen && string.Equals(p.Severity, severity, StringComparison.Ordinal));

    public static ReportSnapshot Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new ReportFormatException($"not valid JSON: {ex.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static ReportSnapshot Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ReportFormatException("a Gaplens report is a JSON object");
        }

        if (!root.TryGetProperty("tool", out var tool) || tool.ValueKind != JsonValueKind.Object || Str(tool, "name") != "gaplens")
        {
            throw new ReportFormatException("not a Gaplens report (tool.name is not \"gaplens\")");
        }

        if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
        {
            throw new ReportFormatException("unsupported report schemaVersion (this version reads 1)");
        }

        var repository = Obj(root, "repository") ?? throw new ReportFormatException("the report has no repository");
        var scores = Obj(root, "scores") ?? throw new ReportFormatException("the report has no scores");
        if (!root.TryGetProperty("practices", out var practicesElement) || practicesElement.ValueKind != JsonValueKind.Array)
        {
            throw new ReportFormatException("the report has no practices");
        }

        var domains = new List<DomainScore>();
        if (Obj(scores, "domains") is { } domainsElement)
        {
            foreach (var domain in domainsElement.EnumerateObject())
            {
                if (domain.Value.ValueKind == JsonValueKind.Object && Num(domain.Value, "score") is { } score)
                {
                    domains.Add(new DomainScore(domain.Name, Str(domain.Value, "title") ?? domain.Name, score, Num(domain.Value, "target") ?? 0));
                }
            }
        }

        var practices = new List<PracticeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in practicesElement.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Object || Str(p, "id") is not { } id || !seen.Add(id))
            {
                continue;
            }

            practices.Add(new PracticeEntry(
                id,
                Str(p, "domain") ?? string.Empty,
                Str(p, "title") ?? id,
                Str(p, "status") ?? PracticeStatuses.Missing,
                Str(p, "severity") ?? "none",
                Str(p, "gapId"),
                Str(p, "owner"),
                Str(p, "reason") ?? string.Empty,
                Str(p, "recommendation"),
                Evidence(p),
                Strings(p, "servicesWithout"),
                Obj(p, "accepted") is { } accepted ? new Acceptance(Str(accepted, "kind") ?? "waiver", Str(accepted, "reason") ?? string.Empty, Str(accepted, "expires")) : null));
        }

        var services = new List<ServiceScore>();
        if (root.TryGetProperty("serviceMatrix", out var matrix) && matrix.ValueKind == JsonValueKind.Array)
        {
            foreach (var row in matrix.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object || Str(row, "service") is not { } name)
                {
                    continue;
                }

                var serviceDomains = new SortedDictionary<string, double?>(StringComparer.Ordinal);
                if (Obj(row, "domains") is { } d)
                {
                    foreach (var property in d.EnumerateObject())
                    {
                        serviceDomains[property.Name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetDouble() : null;
                    }
                }

                services.Add(new ServiceScore(name, Str(row, "path") ?? ".", Num(row, "readiness") ?? 0, serviceDomains, Strings(row, "gaps")));
            }
        }

        return new ReportSnapshot(
            Str(repository, "root") ?? ".",
            Str(repository, "commit"),
            Str(root, "date"),
            Str(root, "profile") ?? "production",
            Str(tool, "version") ?? "unknown",
            Num(scores, "overall") ?? 0,
            Num(scores, "target") ?? 0,
            domains,
            practices,
            services);
    }

    /// <summary>The report date as a date, when it has one in yyyy-MM-dd form.</summary>
    public DateOnly? DateValue =>
        Date is not null && DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    private static IReadOnlyList<EvidenceItem> Evidence(JsonElement practice)
    {
        if (!practice.TryGetProperty("evidence", out var evidence) || evidence.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = new List<EvidenceItem>();
        foreach (var e in evidence.EnumerateArray())
        {
            if (e.ValueKind == JsonValueKind.Object && Str(e, "path") is { } path)
            {
                int? line = e.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : null;
                items.Add(new EvidenceItem(path, line, Str(e, "detail") ?? string.Empty));
            }
        }

        return items;
    }

    private static JsonElement? Obj(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Num(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
