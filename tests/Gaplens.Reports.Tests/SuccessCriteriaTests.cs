using Gaplens.Core.Model;
using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>Success criteria: numeric targets for the profile, only where they apply, measured with this repository's tools.</summary>
public sealed class SuccessCriteriaTests
{
    [Fact]
    public void A_deployed_system_with_a_database_gets_latency_coverage_and_recovery_targets_measured_with_its_tools()
    {
        var rows = VerificationChecks.Criteria(Reports.For(Reports.Fixture("shop")).Assessment);

        Assert.Contains(rows, r => r.Metric.StartsWith("p95 latency", StringComparison.Ordinal) && r.Target == "under 500 ms");
        Assert.Contains(rows, r => r.Metric == "Backup retention (PostgreSQL)" && r.Target == "14 days");
        Assert.Contains(rows, r => r.Metric.StartsWith("Recovery point", StringComparison.Ordinal) && r.Target == "RPO 1 h / RTO 4 h");
        var coverage = Assert.Single(rows, r => r.Metric.StartsWith("Test coverage", StringComparison.Ordinal));
        Assert.Contains("pytest-cov", coverage.HowToMeasure, StringComparison.Ordinal);
        Assert.All(rows, r => Assert.All(r.Gaps, g => Assert.StartsWith("GAP-", g, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_library_gets_no_service_targets_and_the_document_says_why()
    {
        var context = Reports.For(Reports.Fixture("library"));

        Assert.Empty(VerificationChecks.Criteria(context.Assessment));
        Assert.Contains("No deployable service was found: the criteria of each gap are the targets.", MarkdownReportWriter.Write(context), StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_follow_the_profile()
    {
        var pilot = VerificationChecks.Criteria(Reports.For(Reports.Fixture("todo-api"), Profile.Pilot).Assessment);
        var production = VerificationChecks.Criteria(Reports.For(Reports.Fixture("todo-api")).Assessment);

        Assert.Equal("under 800 ms", pilot.Single(r => r.Metric.StartsWith("p95", StringComparison.Ordinal)).Target);
        Assert.Equal("under 500 ms", production.Single(r => r.Metric.StartsWith("p95", StringComparison.Ordinal)).Target);
    }
}
