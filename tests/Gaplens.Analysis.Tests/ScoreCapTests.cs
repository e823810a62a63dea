using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Tests;
using static Gaplens.Analysis.Tests.Builders;

namespace Gaplens.Analysis.Tests;

/// <summary>No critical gap is averaged away: scores are capped at 49 while a critical gap is open and at 74 while a high one is.</summary>
public sealed class ScoreCapTests
{
    /// <summary>Ten low-weight passes and one open gap of the given severity: 90%+ earned before any cap.</summary>
    private static List<PracticeAssessment> ManyPassesAnd(Severity gapSeverity, PracticeStatus status = PracticeStatus.Missing, Confidence confidence = Confidence.High)
    {
        var practices = Enumerable.Range(0, 30).Select(i => Practice($"pass-{i}", "ops", PracticeStatus.Present, Severity.Medium)).ToList();
        practices.Add(Practice("open", "ops", status, gapSeverity, confidence: confidence));
        return practices;
    }

    [Fact]
    public void A_critical_gap_caps_the_score_at_49()
    {
        var practices = ManyPassesAnd(Severity.Critical);

        var (score, cap) = Scoring.Capped(Scoring.Score(practices), practices);

        Assert.True(Scoring.Score(practices) > 90);
        Assert.Equal(49, score);
        Assert.Equal(new ScoreCap(49, Severity.Critical, 1), cap);
        Assert.Equal("capped at 49: 1 critical gap open", cap!.Note);
    }

    [Fact]
    public void A_high_gap_caps_the_score_at_74()
    {
        var practices = ManyPassesAnd(Severity.High);

        var (score, cap) = Scoring.Capped(Scoring.Score(practices), practices);

        Assert.Equal(74, score);
        Assert.Equal(Severity.High, cap!.Severity);
        Assert.Equal("capped at 74: 1 high gap open", cap.Note);
    }

    [Fact]
    public void A_partial_critical_practice_is_a_high_gap_and_caps_at_74()
    {
        var practices = ManyPassesAnd(Severity.Critical, PracticeStatus.Partial);

        var (score, cap) = Scoring.Capped(Scoring.Score(practices), practices);

        Assert.Equal(74, score);
        Assert.Equal(Severity.High, cap!.Severity);
    }

    [Theory]
    [InlineData(Severity.Medium)]
    [InlineData(Severity.Low)]
    public void Medium_and_low_gaps_cap_nothing(Severity severity)
    {
        var practices = ManyPassesAnd(severity);

        var (score, cap) = Scoring.Capped(Scoring.Score(practices), practices);

        Assert.Equal(Scoring.Score(practices), score);
        Assert.Null(cap);
    }

    [Fact]
    public void No_cap_when_no_gap_is_open_or_the_score_is_already_below_it()
    {
        var passes = Enumerable.Range(0, 5).Select(i => Practice($"p{i}", "ops", PracticeStatus.Present, Severity.High)).ToList();
        var failing = new[] { Practice("a", "ops", PracticeStatus.Missing, Severity.Critical), Practice("b", "ops", PracticeStatus.Present, Severity.Low) };

        var clean = Scoring.Capped(Scoring.Score(passes), passes);
        Assert.Equal(100, clean.Score);
        Assert.Null(clean.Cap);
        var (score, cap) = Scoring.Capped(Scoring.Score(failing), failing);
        Assert.Equal(11, score);
        Assert.Null(cap);
    }

    [Fact]
    public void Accepted_and_to_confirm_gaps_cap_nothing()
    {
        var accepted = ManyPassesAnd(Severity.Critical);
        accepted[^1] = Practice("open", "ops", PracticeStatus.Missing, Severity.Critical, acceptance: new Acceptance("waiver", "hosted backups", null, []));
        var toConfirm = ManyPassesAnd(Severity.Critical, confidence: Confidence.Low);

        Assert.Null(Scoring.Capped(Scoring.Score(accepted), accepted).Cap);
        Assert.Null(Scoring.Capped(Scoring.Score(toConfirm), toConfirm).Cap);
        Assert.True(toConfirm[^1].IsToConfirm);
    }

    [Fact]
    public void Several_open_gaps_are_counted_in_the_note()
    {
        var practices = ManyPassesAnd(Severity.Critical);
        practices.Add(Practice("open-2", "ops", PracticeStatus.Missing, Severity.Critical));

        Assert.Equal("capped at 49: 2 critical gaps open", Scoring.Capped(Scoring.Score(practices), practices).Cap!.Note);
    }

    /// <summary>A real scan: the library fixture earns 75% overall with one high gap open; todo-api's data domain earns 50% with no backups.</summary>
    [Fact]
    public void The_analysis_caps_the_overall_score_and_each_domain()
    {
        var library = Analyzer.Analyze(new ReadinessScanner().Scan(Path.Combine(RepositoryPaths.Fixtures, "repos", "library")));
        var todo = Analyzer.Analyze(new ReadinessScanner().Scan(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api")));

        Assert.Equal(74, library.Scores.Overall);
        Assert.Equal(74, library.Scores.OverallCap!.Limit);
        Assert.True(library.Scores.OverallUncapped > 74);
        var data = todo.Scores.Domains.Single(d => d.Domain == "data");
        Assert.Equal(49, data.Score);
        Assert.Equal(Severity.Critical, data.Cap!.Severity);
        Assert.Equal(50, data.Uncapped);
        foreach (var domain in library.Scores.Domains.Concat(todo.Scores.Domains).Where(d => d.Score is not null))
        {
            var limit = Scoring.CapFor(domain.GapSeverity);
            Assert.True(limit is null || domain.Score <= limit, $"{domain.Domain}: {domain.Score} with a {domain.GapSeverity} gap open");
            Assert.Equal(domain.Cap is not null, domain.Uncapped is not null);
        }
    }
}
