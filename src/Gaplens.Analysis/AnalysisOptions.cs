namespace Gaplens.Analysis;

/// <summary>Inputs of the analysis beyond the scan: waivers and planning assumptions.</summary>
public sealed record AnalysisOptions
{
    /// <summary>People working on the plan, for the weeks estimate.</summary>
    public int TeamSize { get; init; } = 3;

    /// <summary>Focused hours per person per week.</summary>
    public int HoursPerWeek { get; init; } = 30;

    /// <summary>The day the report speaks of (waiver expiry is judged against it).</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UnixEpoch);

    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    /// <summary>Effort overrides per practice id, in hours.</summary>
    public IReadOnlyDictionary<string, EffortRange> EffortOverrides { get; init; } = new Dictionary<string, EffortRange>();

    /// <summary>Owner overrides per domain or per practice id.</summary>
    public IReadOnlyDictionary<string, string> Owners { get; init; } = new Dictionary<string, string>();
}

/// <summary>An accepted risk: the practice's gap is reported as accepted until the waiver expires.</summary>
public sealed record Waiver(string Practice, string Reason, DateOnly? Expires, IReadOnlyList<string> Services, string? Source = null, int? Line = null);
