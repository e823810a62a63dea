using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Engine;

namespace Gaplens.Analysis;

/// <summary>The analysis of one scan: assessments per practice, scores, gaps, plan, risks and per-service rows.</summary>
public sealed class Assessment
{
    public required ScanResult Scan { get; init; }

    public required AnalysisOptions Options { get; init; }

    public required IReadOnlyList<PracticeAssessment> Practices { get; init; }

    public required Scores Scores { get; init; }

    public required IReadOnlyList<PlanPhase> Plan { get; init; }

    public required IReadOnlyList<Risk> Risks { get; init; }

    public required IReadOnlyList<ServiceRow> Services { get; init; }

    /// <summary>Warnings of the analysis itself (an expired waiver, a waiver for an unknown practice).</summary>
    public required IReadOnlyList<ScanWarning> Warnings { get; init; }

    public Profile Profile => Scan.Profile;

    public RepositoryFacts Facts => Scan.Facts;

    /// <summary>Open gaps, most severe first, then in catalog order (computed once: every writer reads it).</summary>
    public IReadOnlyList<PracticeAssessment> Gaps => gaps ??= Practices
        .Select((practice, index) => (Practice: practice, Index: index))
        .Where(p => p.Practice.IsOpenGap)
        .OrderBy(p => p.Practice.Severity).ThenBy(p => p.Index)
        .Select(p => p.Practice).ToList();

    private IReadOnlyList<PracticeAssessment>? gaps;

    public IEnumerable<PracticeAssessment> Accepted => Practices.Where(p => p.IsAccepted);

    public IEnumerable<PracticeAssessment> Strengths => Practices.Where(p => p.Status == PracticeStatus.Present);

    /// <summary>Gaps that block the launch: critical ones, open and confirmed (one to confirm is listed with <see cref="ToConfirm"/>).</summary>
    public IEnumerable<PracticeAssessment> Blockers => Gaps.Where(g => g.Severity == Severity.Critical && !g.IsToConfirm);

    /// <summary>Open gaps resting on something the scan could not see (low confidence): the reports list them apart.</summary>
    public IEnumerable<PracticeAssessment> ToConfirm => Gaps.Where(g => g.IsToConfirm);

    /// <summary>Open gaps the scan saw for itself (high confidence).</summary>
    public IEnumerable<PracticeAssessment> ConfirmedGaps => Gaps.Where(g => !g.IsToConfirm);

    public int GapCount(Severity severity) => Gaps.Count(g => g.Severity == severity);

    public EffortRange TotalEffort => Plan.Aggregate(EffortRange.Zero, (sum, phase) => sum.Add(phase.Effort));

    /// <summary>Weeks for the team to close every planned gap, to the half week.</summary>
    public double Weeks(EffortRange effort) => Math.Ceiling(effort.Midpoint / ((double)Options.TeamSize * Options.HoursPerWeek) * 2) / 2;

    public int Order(string practiceId)
    {
        for (var i = 0; i < Practices.Count; i++)
        {
            if (Practices[i].Id == practiceId)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
