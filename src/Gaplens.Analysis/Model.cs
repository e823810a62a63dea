using Gaplens.Core.Model;

namespace Gaplens.Analysis;

/// <summary>
/// One practice with everything the documents need. <see cref="BaseSeverity"/> is the practice's severity under the
/// profile and facts (used for weights); <see cref="Severity"/> is the severity of its gap (none when there is none).
/// </summary>
public sealed record PracticeAssessment(
    string Id,
    string Domain,
    string Title,
    Verdict Verdict,
    Severity BaseSeverity,
    Severity Severity,
    string? SeverityNote,
    string GapId,
    Acceptance? Acceptance,
    EffortRange Effort,
    int ServicesTouched,
    string Owner,
    string Recommendation,
    string Impact,
    string SuccessCriterion,
    IReadOnlyList<string> DependsOn)
{
    public PracticeStatus Status => Verdict.Status;

    /// <summary>An open gap: missing or partial and not accepted.</summary>
    public bool IsOpenGap => Verdict.IsGap && Acceptance is null;

    public bool IsAccepted => Verdict.IsGap && Acceptance is not null;

    /// <summary>What drives the effort estimate of a gap (base and per-service ranges, services and stacks, what exists); null when no gap.</summary>
    public string? EffortBasis { get; init; }

    /// <summary>Low when the verdict rests on something the scan could not see (<see cref="Verdict.ConfidenceReason"/>).</summary>
    public Confidence Confidence => Verdict.Confidence;

    /// <summary>An open gap that rests on something the scan could not see: to confirm by hand before acting on it.</summary>
    public bool IsToConfirm => IsOpenGap && Verdict.IsLowConfidence;
}

/// <summary>Why a gap is accepted for now: a profile defers it, or a waiver in the configuration.</summary>
public sealed record Acceptance(string Kind, string Reason, DateOnly? Expires, IReadOnlyList<string> Services);

/// <summary>Effort in hours as a range.</summary>
public sealed record EffortRange(int Low, int High)
{
    public static readonly EffortRange Zero = new(0, 0);

    public EffortRange Add(EffortRange other) => new(Low + other.Low, High + other.High);

    public double Midpoint => (Low + High) / 2.0;

    public override string ToString() => Low == High ? $"{Low} h" : $"{Low}-{High} h";
}

/// <summary>
/// Score of one domain: null when nothing in it applies. <see cref="Cap"/> is set when an open critical or high gap
/// held the score below what its passes earned (<see cref="Uncapped"/>).
/// </summary>
public sealed record DomainScore(string Domain, string Title, double? Score, double Target, Severity GapSeverity, int Present, int Partial, int Missing, int NotApplicable, int Accepted, ScoreCap? Cap = null, double? Uncapped = null);

/// <summary>The overall score (capped like a domain's, see <see cref="ScoreCap"/>), the target and the domains.</summary>
public sealed record Scores(double Overall, double Target, IReadOnlyList<DomainScore> Domains, ScoreCap? OverallCap = null, double? OverallUncapped = null);

/// <summary>
/// A ceiling on a score while a severe gap is open: 49 while a critical gap is open, 74 while a high one is, so that
/// many small passes never average a blocker away. <see cref="Gaps"/> counts the open gaps at that severity.
/// </summary>
public sealed record ScoreCap(int Limit, Severity Severity, int Gaps)
{
    /// <summary>"capped at 49: 1 critical gap open".</summary>
    public string Note => $"capped at {Limit}: {Gaps} {Severity.ToWire()} gap{(Gaps == 1 ? string.Empty : "s")} open";
}

public sealed record PlanTask(string GapId, string PracticeId, string Title, Severity Severity, EffortRange Effort, string Owner, string SuccessCriterion, string Verify, IReadOnlyList<string> DependsOn);

public sealed record PlanPhase(int Number, string Name, string Goal, IReadOnlyList<PlanTask> Tasks)
{
    public EffortRange Effort => Tasks.Aggregate(EffortRange.Zero, (sum, t) => sum.Add(t.Effort));
}

public sealed record Risk(string GapId, string Title, int Likelihood, int Impact, string Description)
{
    public int Score => Likelihood * Impact;
}

/// <summary>A per-service row: readiness of each service on the practices judged per service.</summary>
public sealed record ServiceRow(string Service, string Path, string Kind, IReadOnlyDictionary<string, double?> DomainScores, double Readiness, IReadOnlyList<string> Gaps);
