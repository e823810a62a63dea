using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Analysis;

/// <summary>
/// The top risks the open gaps leave, scored likelihood × impact on 1-5 scales. Impact follows the practice's
/// severity; likelihood follows how exposed the system is (a missing practice more than a partial one, a public
/// surface more than an internal one, a production launch more than a pilot).
/// </summary>
public static class RiskRegister
{
    public const int Top = 10;

    public static IReadOnlyList<Risk> Assess(IReadOnlyList<PracticeAssessment> practices, RepositoryFacts facts, Profile profile)
    {
        var exposed = facts.HasUi || facts.ExposesHttpApi;
        var risks = new List<Risk>();
        foreach (var gap in practices.Where(p => p.IsOpenGap))
        {
            var impact = gap.BaseSeverity switch
            {
                Severity.Critical => 5,
                Severity.High => 4,
                Severity.Medium => 3,
                _ => 2,
            };
            var likelihood = gap.Status == PracticeStatus.Missing ? 4 : 3;
            if (gap.Domain is "security" or "secrets" && exposed)
            {
                likelihood++;
            }

            if (profile == Profile.Pilot)
            {
                likelihood--;
            }

            if (gap.Id == "sec-no-committed-secrets")
            {
                likelihood = 5;
            }

            likelihood = Math.Clamp(likelihood, 1, 5);
            risks.Add(new Risk(gap.GapId, gap.Title, likelihood, impact, gap.Impact));
        }

        var order = practices.Select((p, i) => (p.GapId, i)).ToDictionary(x => x.GapId, x => x.i, StringComparer.Ordinal);
        return risks.OrderByDescending(r => r.Score).ThenByDescending(r => r.Impact).ThenBy(r => order[r.GapId]).Take(Top).ToList();
    }
}
