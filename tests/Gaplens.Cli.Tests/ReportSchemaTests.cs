using NJsonSchema;

namespace Gaplens.Tests;

/// <summary>The JSON report validates against the contract (spec/report.schema.json) with a real JSON Schema validator.</summary>
public sealed class ReportSchemaTests
{
    [Theory]
    [InlineData("repos/shop")]
    [InlineData("practices/dx-readme/no-readme")]
    [InlineData("seeds/003-node-azure")]
    public async Task Json_report_validates_against_the_schema(string fixture)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Spec, "report.schema.json"));
        var run = CliRun.Of("scan", Path.Combine(RepositoryPaths.Fixtures, fixture), "--quiet");

        var errors = schema.Validate(run.Stdout);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task Schema_rejects_a_report_without_practices()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Spec, "report.schema.json"));

        var errors = schema.Validate("""{ "schemaVersion": 1, "tool": { "name": "gaplens", "version": "1" }, "repository": { "root": "." }, "profile": "production", "facts": { "languages": [], "services": [] }, "scores": { "overall": 1, "domains": {} } }""");

        Assert.NotEmpty(errors);
    }
}
