using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Practices.Model;
using static Gaplens.Analysis.Tests.Builders;

namespace Gaplens.Analysis.Tests;

public sealed class ScoringTests
{
    [Fact]
    public void Score_weighs_by_severity_and_gives_half_credit_for_partial()
    {
        var practices = new[]
        {
            Practice("a", "cicd", PracticeStatus.Present, Severity.Critical),  // 8 of 8
            Practice("b", "cicd", PracticeStatus.Partial, Severity.High),      // 2.5 of 5
            Practice("c", "cicd", PracticeStatus.Missing, Severity.Low),       // 0 of 1
            Practice("d", "cicd", PracticeStatus.NotApplicable, Severity.Critical),
        };

        // 10.5 / 14 = 75%
        Assert.Equal(75, Scoring.Score(practices));
    }

    [Fact]
    public void Accepted_gaps_and_not_applicable_practices_are_left_out()
    {
        var practices = new[]
        {
            Practice("a", "ops", PracticeStatus.Present, Severity.Medium),
            Practice("b", "ops", PracticeStatus.Missing, Severity.High, acceptance: new Acceptance("deferred", "pilot", null, [])),
        };

        Assert.Equal(100, Scoring.Score(practices));
        Assert.Null(Scoring.Score([Practice("x", "ops", PracticeStatus.NotApplicable, Severity.High)]));
    }

    [Theory]
    [InlineData(Profile.Pilot, "cicd", 60)]
    [InlineData(Profile.Production, "cicd", 80)]
    [InlineData(Profile.Production, "security", 90)]
    [InlineData(Profile.Enterprise, "secrets", 100)]
    public void Targets_depend_on_profile_and_domain(Profile profile, string domain, double target) =>
        Assert.Equal(target, Scoring.Target(profile, domain));

    [Fact]
    public void Partial_gap_is_one_level_less_severe_than_missing()
    {
        Assert.Equal(Severity.High, SeverityRules.GapSeverity(Severity.Critical, PracticeStatus.Partial));
        Assert.Equal(Severity.Critical, SeverityRules.GapSeverity(Severity.Critical, PracticeStatus.Missing));
        Assert.Equal(Severity.None, SeverityRules.GapSeverity(Severity.Critical, PracticeStatus.Present));
    }

    [Fact]
    public void Effort_scales_with_the_services_a_gap_touches()
    {
        var effort = new Effort(4, 8, 2, 3);

        Assert.Equal(new EffortRange(4, 8), Analyzer.Effort(effort, 1));
        Assert.Equal(new EffortRange(10, 17), Analyzer.Effort(effort, 4));
    }
}
