using System.Text.Json;
using Gaplens.Reports;
using NJsonSchema;

namespace Gaplens.Tests;

public sealed class SarifTests
{
    [Fact]
    public async Task Sarif_validates_against_the_official_2_1_0_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Spec, "schemas", "sarif-schema-2.1.0.json"));
        var sarif = SarifReportWriter.Write(Reports.For(Reports.Fixture("shop")));

        var errors = schema.Validate(sarif);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void One_rule_per_practice_one_result_per_open_gap_each_located_at_a_file()
    {
        var context = Reports.For(Reports.Fixture("shop"));
        using var sarif = JsonDocument.Parse(SarifReportWriter.Write(context));
        var run = sarif.RootElement.GetProperty("runs")[0];

        Assert.Equal(context.Assessment.Practices.Count, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(context.Assessment.Gaps.Count(), results.Count);
        foreach (var result in results)
        {
            var uri = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!;
            Assert.True(File.Exists(Path.Combine(Reports.Fixture("shop"), Uri.UnescapeDataString(uri))), $"{uri} does not exist");
        }
    }

    [Fact]
    public void A_repository_wide_gap_of_several_services_is_not_pinned_on_one_of_them()
    {
        var context = Reports.For(Reports.Fixture("shop"));
        var assessment = context.Assessment;
        Assert.True(assessment.Facts.Services.Count > 1);

        var repositoryWide = assessment.Gaps.Where(g => g.Verdict.Evidence.Count == 0 && g.Verdict.ServicesWithout.Count == 0).ToList();
        Assert.NotEmpty(repositoryWide);
        foreach (var gap in repositoryWide)
        {
            var location = Assert.Single(SarifReportWriter.Locations(gap, assessment));
            Assert.DoesNotContain("missing for", location.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Core.Model.Severity.Critical, "error")]
    [InlineData(Core.Model.Severity.Medium, "warning")]
    [InlineData(Core.Model.Severity.Low, "note")]
    public void Levels_follow_severity(Core.Model.Severity severity, string level) => Assert.Equal(level, SarifReportWriter.Level(severity));
}
