using Gaplens.Analysis;
using Gaplens.Core.Model;
using static Gaplens.Analysis.Tests.Builders;

namespace Gaplens.Analysis.Tests;

public sealed class PlannerTests
{
    [Fact]
    public void Phases_follow_severity()
    {
        var plan = Planner.Plan(
        [
            Practice("low", "a", PracticeStatus.Missing, Severity.Low),
            Practice("crit", "a", PracticeStatus.Missing, Severity.Critical),
            Practice("high", "a", PracticeStatus.Missing, Severity.High),
            Practice("med", "a", PracticeStatus.Missing, Severity.Medium),
            Practice("done", "a", PracticeStatus.Present, Severity.Critical),
        ]);

        Assert.Equal([1, 2, 3], plan.Select(p => p.Number));
        Assert.Equal(["crit"], plan[0].Tasks.Select(t => t.PracticeId));
        Assert.Equal(["high"], plan[1].Tasks.Select(t => t.PracticeId));
        Assert.Equal(["med", "low"], plan[2].Tasks.Select(t => t.PracticeId));
    }

    [Fact]
    public void A_dependency_of_a_critical_gap_moves_into_phase_one_and_comes_first()
    {
        var plan = Planner.Plan(
        [
            Practice("authz", "sec", PracticeStatus.Missing, Severity.Critical, dependsOn: ["authn"]),
            Practice("authn", "sec", PracticeStatus.Missing, Severity.Medium),
        ]);

        var phase = Assert.Single(plan);
        Assert.Equal(["authn", "authz"], phase.Tasks.Select(t => t.PracticeId));
        Assert.Equal(new EffortRange(4, 8), phase.Effort);
    }

    [Fact]
    public void Accepted_gaps_are_not_planned()
    {
        var plan = Planner.Plan([Practice("load", "test", PracticeStatus.Missing, Severity.High, acceptance: new Acceptance("deferred", "pilot", null, []))]);

        Assert.Empty(plan);
    }

    [Fact]
    public void Tasks_carry_a_verify_command_for_their_practice()
    {
        var task = Planner.Plan([Practice("ci-sast", "cicd", PracticeStatus.Missing, Severity.High)]).Single().Tasks.Single();

        Assert.Equal("gaplens scan . --practice ci-sast", task.Verify);
    }
}
