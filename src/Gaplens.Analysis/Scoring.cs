using Gaplens.Core.Model;

namespace Gaplens.Analysis;

/// <summary>
/// The scoring formula, in one place so that the report's appendix and the README describe exactly this:
/// each applicable practice weighs by its severity under the profile (critical 8, high 5, medium 3, low 1) and
/// earns 1 when present, 0.5 when partial, 0 when missing. Accepted gaps (deferred by the profile or waived) and
/// not-applicable practices are left out. A score is 100 × earned / possible, rounded to a whole number.
/// </summary>
public static class Scoring
{
    public static int Weight(Severity severity) => severity switch
    {
        Severity.Critical => 8,
        Severity.High => 5,
        Severity.Medium => 3,
        Severity.Low => 1,
        _ => 0,
    };

    public static double Credit(PracticeStatus status) => status switch
    {
        PracticeStatus.Present => 1.0,
        PracticeStatus.Partial => 0.5,
        _ => 0.0,
    };

    /// <summary>Target readiness per profile; security, secrets and data ask ten points more (at most 100).</summary>
    public static double Target(Profile profile, string? domain = null)
    {
        var target = profile switch
        {
            Profile.Pilot => 60,
            Profile.Production => 80,
            _ => 90,
        };
        if (domain is "security" or "secrets" or "data")
        {
            target += 10;
        }

        return Math.Min(100, target);
    }

    /// <summary>Score of a set of assessments, or null when none counts.</summary>
    public static double? Score(IEnumerable<PracticeAssessment> assessments)
    {
        double earned = 0;
        double possible = 0;
        foreach (var a in assessments)
        {
            if (a.Status == PracticeStatus.NotApplicable || a.IsAccepted)
            {
                continue;
            }

            var weight = Weight(a.BaseSeverity);
            possible += weight;
            earned += weight * Credit(a.Status);
        }

        return possible == 0 ? null : Math.Round(100.0 * earned / possible, MidpointRounding.AwayFromZero);
    }

    /// <summary>Ceiling of a score while an open, confirmed gap of this severity remains (none below high).</summary>
    public static int? CapFor(Severity severity) => severity switch
    {
        Severity.Critical => 49,
        Severity.High => 74,
        _ => null,
    };

    /// <summary>
    /// The score held under the ceiling of the most severe open gap among <paramref name="assessments"/>: at most 49
    /// while a critical gap is open, at most 74 while a high one is. Gaps to confirm (low confidence) cap nothing: they
    /// may not be gaps. Returns the cap only when it lowered the score.
    /// </summary>
    public static (double? Score, ScoreCap? Cap) Capped(double? score, IEnumerable<PracticeAssessment> assessments)
    {
        if (score is not { } value)
        {
            return (null, null);
        }

        var open = assessments.Where(a => a.IsOpenGap && !a.IsToConfirm).ToList();
        foreach (var severity in new[] { Severity.Critical, Severity.High })
        {
            var count = open.Count(a => a.Severity == severity);
            if (count > 0 && CapFor(severity) is { } limit)
            {
                return value > limit ? (limit, new ScoreCap(limit, severity, count)) : (value, null);
            }
        }

        return (value, null);
    }

    /// <summary>Written description of the formula, for the appendix and the README.</summary>
    public const string Description =
        "Each applicable practice weighs by its severity under the profile (critical 8, high 5, medium 3, low 1) and earns " +
        "its full weight when present, half when partial and nothing when missing. Practices that do not apply and gaps " +
        "accepted by the profile or by a waiver are left out. A domain's score is 100 × earned ÷ possible weight over its " +
        "practices; the overall score is the same sum over all practices, so a domain with more severe practices counts " +
        "for more. A score is capped at 49 while a critical gap is open in its scope and at 74 while a high one is (gaps to " +
        "confirm, resting on what the scan could not see, cap nothing), so many small passes never hide one blocker. Targets: pilot 60, production 80, enterprise 90, ten points more for security, secrets and data (at most 100).";
}
