using System.Text.Json;
using Gaplens.Analysis.Configuration;
using Gaplens.Cli;
using Gaplens.Practices.Model;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace Gaplens.Tests;

public sealed class ConfigTests
{
    private const string Valid = """
        profile: pilot
        teamSize: 4
        failOn: high
        waivers:
          - practice: test-load
            reason: Load tests are planned after the pilot
            expires: 2027-01-31
        disabled:
          - comp-privacy
          - { practice: ops-slo, reason: no SLOs for an internal tool }
        owners:
          security: AppSec team
          "services/catalog/**": Catalog team
        effort:
          ci-sast: [2, 3]
        rules:
          - id: feature-flags
            title: Feature flags
            domain: cicd
            severity: medium
            signals:
              - package: npm:launchdarkly-node-server-sdk
          - practice: ci-sast
            signals:
              - { text: checkmarx, in: yaml }
        """;

    [Fact]
    public void Waivers_owners_and_effort_may_name_a_practice_the_rules_define()
    {
        const string yaml = """
            waivers:
              - practice: feature-flags
                reason: flags arrive with the next release
            owners:
              feature-flags: Platform team
            effort:
              feature-flags: [1, 2]
            rules:
              - id: feature-flags
                title: Feature flags
                domain: cicd
                severity: medium
                signals:
                  - package: npm:launchdarkly-node-server-sdk
            """;

        var config = ConfigLoader.Parse(yaml, ".gaplens.yml", PracticeCatalog.Default);

        Assert.Equal("feature-flags", Assert.Single(config.Waivers).Practice);
        Assert.Equal("Platform team", config.Owners["feature-flags"]);
        Assert.Equal(2, config.Effort["feature-flags"].High);
    }

    [Fact]
    public void Valid_configuration_is_read()
    {
        var config = ConfigLoader.Parse(Valid, ".gaplens.yml", PracticeCatalog.Default);

        Assert.Equal(Core.Model.Profile.Pilot, config.Profile);
        Assert.Equal(4, config.TeamSize);
        Assert.Equal(new DateOnly(2027, 1, 31), Assert.Single(config.Waivers).Expires);
        Assert.Equal("no SLOs for an internal tool", config.Disabled["ops-slo"]);
        Assert.Equal("Catalog team", config.Owners["services/catalog/**"]);
        Assert.Equal(2, config.Rules.Count);
        Assert.Contains(config.Rules, r => r.Id == "ci-sast" && r.Signals.Count == PracticeCatalog.Default["ci-sast"].Signals.Count + 1);
    }

    [Theory]
    [InlineData("profile: galactic\n", 1, "profile")]
    [InlineData("teamSize: 3\nwaivers:\n  - practice: no-such-thing\n    reason: x\n", 3, "unknown practice")]
    [InlineData("waivers:\n  - practice: test-load\n", 2, "reason")]
    [InlineData("waivers:\n  - practice: test-load\n    reason: later\n    expires: next year\n", 4, "yyyy-MM-dd")]
    [InlineData("colour: blue\n", 1, "unknown setting")]
    [InlineData("rules:\n  - id: x-rule\n    domain: nowhere\n    severity: low\n    signals:\n      - file: x\n", 3, "domain")]
    [InlineData("failOn: [\n", 2, "YAML")]
    [InlineData("rules:\n  - practice: ci-sast\n    severity: low\n    signals:\n      - file: x\n", 3, "only 'practice' and 'signals'")]
    [InlineData("rules:\n  - id: Feature Flags\n    domain: cicd\n    severity: low\n    signals:\n      - file: x\n", 2, "lower-case")]
    public void Invalid_configuration_names_file_line_and_problem(string yaml, int line, string problem)
    {
        var error = Assert.Throws<ConfigError>(() => ConfigLoader.Parse(yaml, ".gaplens.yml", PracticeCatalog.Default));

        Assert.Equal(".gaplens.yml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Invalid_configuration_exits_with_2_naming_the_line()
    {
        using var tree = FixtureCopy.Empty().With(".gaplens.yml", "profile: production\nfailOn: sometimes\n").With("README.md", "# x\n");

        var run = CliRun.Of("scan", tree.Root, "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(".gaplens.yml:2", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipped_schema_accepts_the_valid_example_and_rejects_unknown_settings()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Spec, "gaplens-config.schema.json"));

        Assert.Empty(schema.Validate(ToJson(Valid)));
        Assert.NotEmpty(schema.Validate(ToJson("colour: blue\n")));
    }

    [Fact]
    public void Waiver_accepts_a_gap_and_lets_the_gate_pass_an_expired_one_reopens_it()
    {
        var gap = "sec-no-committed-secrets";
        var key = "AKIA" + "Q7ZT3RXW5VBN2MLK";
        using var tree = FixtureCopy.Empty()
            .With("src/config.js", $"module.exports = '{key}';\n")
            .With(".gaplens.yml", $"waivers:\n  - practice: {gap}\n    reason: key is revoked; history rewrite scheduled\n    expires: 2030-01-01\n");

        var waived = CliRun.Of("scan", tree.Root, "--practice", gap, "--fail-on", "critical", "--quiet", "--date", "2026-11-24");
        File.WriteAllText(Path.Combine(tree.Root, ".gaplens.yml"), $"waivers:\n  - practice: {gap}\n    reason: key is revoked\n    expires: 2026-01-01\n");
        var expired = CliRun.Of("scan", tree.Root, "--practice", gap, "--fail-on", "critical", "--date", "2026-11-24");

        Assert.Equal(ExitCodes.Ok, waived.ExitCode);
        using var json = JsonDocument.Parse(waived.Stdout);
        var practice = json.RootElement.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("id").GetString() == gap);
        Assert.Equal("waiver", practice.GetProperty("accepted").GetProperty("kind").GetString());
        Assert.Equal(ExitCodes.GateFailed, expired.ExitCode);
        Assert.Contains("expired", expired.Stderr, StringComparison.Ordinal);
        Assert.Contains("gate failed", expired.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_practice_is_reported_not_applicable_with_the_reason()
    {
        using var tree = FixtureCopy.Empty().With(".gaplens.yml", "disabled:\n  - { practice: dx-contributing, reason: single maintainer }\n");

        var run = CliRun.Of("scan", tree.Root, "--quiet", "--practice", "dx-contributing");

        using var json = JsonDocument.Parse(run.Stdout);
        var practice = json.RootElement.GetProperty("practices")[0];
        Assert.Equal("not-applicable", practice.GetProperty("status").GetString());
        Assert.Contains("single maintainer", practice.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_rule_adds_a_practice_judged_like_the_others()
    {
        using var tree = FixtureCopy.Empty()
            .With(".gaplens.yml", "rules:\n  - id: feature-flags\n    title: Feature flags\n    domain: cicd\n    severity: medium\n    signals:\n      - file: \"flags/*.yml\"\n")
            .With("flags/checkout.yml", "enabled: true\n");

        var run = CliRun.Of("scan", tree.Root, "--quiet", "--practice", "feature-flags");

        using var json = JsonDocument.Parse(run.Stdout);
        var practice = json.RootElement.GetProperty("practices")[0];
        Assert.Equal("present", practice.GetProperty("status").GetString());
        Assert.Equal("flags/checkout.yml", practice.GetProperty("evidence")[0].GetProperty("path").GetString());
    }

    private static string ToJson(string yaml)
    {
        var data = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return JsonSerializer.Serialize(data);
    }

    [Fact]
    public void Owner_names_and_rule_titles_from_the_configuration_are_escaped_in_every_report()
    {
        using var tree = FixtureCopy.Empty()
            .With("README.md", "# api\n")
            .With(".gaplens.yml", """
                owners:
                  cicd: "Ops | <b>on call</b>"
                rules:
                  - id: feature-flags
                    title: "Flags <script>alert(1)</script> \u0001"
                    domain: cicd
                    severity: medium
                    signals:
                      - package: npm:launchdarkly-node-server-sdk
                """);
        var output = Path.Combine(tree.Root, "out");

        var run = CliRun.Of("scan", tree.Root, "--format", "md,junit", "--output", output, "--quiet", "--date", "2026-12-01");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var markdown = File.ReadAllText(Path.Combine(output, "gaplens-report.md"));
        Assert.Contains("Ops \\| &lt;b&gt;on call&lt;/b&gt;", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", markdown, StringComparison.Ordinal);
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(output, "gaplens-report.xml"));
        Assert.Contains(junit.Descendants("testcase"), t => ((string?)t.Attribute("name"))!.StartsWith("feature-flags: Flags <script>", StringComparison.Ordinal));
    }
}
