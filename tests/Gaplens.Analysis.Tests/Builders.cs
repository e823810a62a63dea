using Gaplens.Analysis;
using Gaplens.Core.Model;

namespace Gaplens.Analysis.Tests;

/// <summary>Assessments built directly, to test the arithmetic without a scan.</summary>
internal static class Builders
{
    public static PracticeAssessment Practice(string id, string domain, PracticeStatus status, Severity baseSeverity,
        EffortRange? effort = null, IReadOnlyList<string>? dependsOn = null, Acceptance? acceptance = null, Confidence confidence = Confidence.High)
    {
        var verdict = new Verdict(id, domain, status, [], "reason", [], [], [], confidence, confidence == Confidence.Low ? "a step could not be followed" : null);
        return new PracticeAssessment(id, domain, id, verdict, baseSeverity, SeverityRules.GapSeverity(baseSeverity, status), null,
            $"GAP-{domain.ToUpperInvariant()}-01", acceptance, effort ?? new EffortRange(2, 4), 1, "DevOps", "do it", "impact", "done", dependsOn ?? []);
    }
}
