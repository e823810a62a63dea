namespace Gaplens.History;

/// <summary>How a practice changed between two reports.</summary>
public enum ChangeKind
{
    /// <summary>Open before, not open now: present, not applicable, accepted, or no longer judged.</summary>
    Closed,

    /// <summary>Open now, and neither open nor present before: a newly judged practice, or a waiver that lapsed.</summary>
    New,

    /// <summary>Present before, partial or missing now.</summary>
    Regressed,

    /// <summary>Still open, and worse: partial before, missing now.</summary>
    Worsened,

    /// <summary>Still open, and better: missing before, partial now.</summary>
    Improved,
}

/// <summary>One practice whose verdict changed.</summary>
public sealed record GapChange(
    ChangeKind Kind,
    string PracticeId,
    string Title,
    string Domain,
    string? GapId,
    string Before,
    string After,
    string SeverityBefore,
    string SeverityAfter,
    string? Owner,
    string Reason)
{
    /// <summary>The severity that matters for gating: the one now for an open gap, the one before for a closed gap.</summary>
    public string Severity => Kind == ChangeKind.Closed ? SeverityBefore : SeverityAfter;

    /// <summary>New and regressed gaps are the ones a "no new gap" gate fails on.</summary>
    public bool IsNewlyOpen => Kind is ChangeKind.New or ChangeKind.Regressed;
}

/// <summary>A score before and after; null when the domain or service is absent from one side.</summary>
public sealed record ScoreDelta(string Key, string Title, double? Before, double? After)
{
    public double? Delta => Before is { } b && After is { } a ? Math.Round(a - b, 1) : null;
}

/// <summary>A service's readiness and domain scores before and after.</summary>
public sealed record ServiceDelta(string Service, double? Before, double? After, IReadOnlyList<ScoreDelta> Domains)
{
    public double? Delta => Before is { } b && After is { } a ? Math.Round(a - b, 1) : null;
}

/// <summary>What a report side of a diff is: a label (stored id or file name), its commit and date.</summary>
public sealed record DiffSide(string Label, string? Commit, string? Date, string Profile);

/// <summary>Gaps closed, new, regressed and changed, and score deltas per domain and per service, between two reports.</summary>
public sealed record ReportDiff(
    DiffSide From,
    DiffSide To,
    ScoreDelta Overall,
    IReadOnlyList<GapChange> Changes,
    IReadOnlyList<ScoreDelta> Domains,
    IReadOnlyList<ServiceDelta> Services)
{
    public IEnumerable<GapChange> Of(ChangeKind kind) => Changes.Where(c => c.Kind == kind);

    /// <summary>New or regressed gaps at or above the severity (critical, high, medium, low).</summary>
    public IReadOnlyList<GapChange> NewlyOpen(string atOrAbove = "low") =>
        Changes.Where(c => c.IsNewlyOpen && Severities.Rank(c.SeverityAfter) <= Severities.Rank(atOrAbove)).ToList();

    public bool ProfilesDiffer => !string.Equals(From.Profile, To.Profile, StringComparison.Ordinal);

    public static ReportDiff Compute(ReportSnapshot before, ReportSnapshot after, string beforeLabel, string afterLabel)
    {
        var beforeById = before.Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var afterById = after.Practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var changes = new List<GapChange>();

        // Order: the later report's practice order, then practices only the earlier one has.
        var ids = after.Practices.Select(p => p.Id).Concat(before.Practices.Select(p => p.Id).Where(id => !afterById.ContainsKey(id)));
        foreach (var id in ids)
        {
            beforeById.TryGetValue(id, out var b);
            afterById.TryGetValue(id, out var a);
            var kind = Classify(b, a);
            if (kind is not { } k)
            {
                continue;
            }

            var practice = a ?? b!;
            changes.Add(new GapChange(
                k,
                id,
                practice.Title,
                practice.Domain,
                a?.GapId ?? b?.GapId,
                b?.EffectiveStatus ?? PracticeStatuses.Absent,
                a?.EffectiveStatus ?? PracticeStatuses.Absent,
                b?.Severity ?? "none",
                a?.Severity ?? "none",
                a?.Owner ?? b?.Owner,
                a?.Reason ?? b?.Reason ?? string.Empty));
        }

        changes.Sort((x, y) =>
        {
            var byKind = x.Kind.CompareTo(y.Kind);
            return byKind != 0 ? byKind : Severities.Rank(x.Severity).CompareTo(Severities.Rank(y.Severity));
        });

        var domainTitles = after.Domains.Concat(before.Domains).GroupBy(d => d.Domain, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal);
        var domainOrder = after.Domains.Select(d => d.Domain).Concat(before.Domains.Select(d => d.Domain)).Distinct(StringComparer.Ordinal);
        var domains = domainOrder.Select(d => new ScoreDelta(
                d,
                domainTitles[d],
                before.Domains.FirstOrDefault(x => x.Domain == d)?.Score,
                after.Domains.FirstOrDefault(x => x.Domain == d)?.Score))
            .ToList();

        var serviceOrder = after.Services.Select(s => s.Service).Concat(before.Services.Select(s => s.Service)).Distinct(StringComparer.Ordinal);
        var services = serviceOrder.Select(name =>
        {
            var b = before.Services.FirstOrDefault(s => s.Service == name);
            var a = after.Services.FirstOrDefault(s => s.Service == name);
            var keys = (a?.Domains.Keys ?? []).Concat(b?.Domains.Keys ?? []).Distinct(StringComparer.Ordinal);
            var serviceDomains = keys
                .Select(k => new ScoreDelta(k, domainTitles.GetValueOrDefault(k, k), b?.Domains.GetValueOrDefault(k), a?.Domains.GetValueOrDefault(k)))
                .Where(d => d.Before != d.After)
                .ToList();
            return new ServiceDelta(name, b?.Readiness, a?.Readiness, serviceDomains);
        }).ToList();

        return new ReportDiff(
            new DiffSide(beforeLabel, before.Commit, before.Date, before.Profile),
            new DiffSide(afterLabel, after.Commit, after.Date, after.Profile),
            new ScoreDelta("overall", "Overall", before.Overall, after.Overall),
            changes,
            domains,
            services);
    }

    private static ChangeKind? Classify(PracticeEntry? before, PracticeEntry? after)
    {
        var wasOpen = before?.IsOpen ?? false;
        var isOpen = after?.IsOpen ?? false;
        if (wasOpen && !isOpen)
        {
            return ChangeKind.Closed;
        }

        if (!wasOpen && isOpen)
        {
            return before?.Status == PracticeStatuses.Present ? ChangeKind.Regressed : ChangeKind.New;
        }

        if (wasOpen && isOpen && before!.Status != after!.Status)
        {
            return after.Status == PracticeStatuses.Missing ? ChangeKind.Worsened : ChangeKind.Improved;
        }

        return null;
    }
}
