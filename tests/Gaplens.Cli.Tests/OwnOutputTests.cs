using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>Gaplens's own reports and configuration are never evidence, wherever they lie and whatever they are called.</summary>
public sealed class OwnOutputTests
{
    private static readonly string[] AllFormats = ["--format", "json,md,sarif,junit,html"];

    [Fact]
    public void Scanning_twice_with_output_inside_the_tree_gives_identical_reports()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "shop"));
        var output = Path.Combine(tree.Root, "out");

        var first = CliRun.Of(["scan", tree.Root, .. AllFormats, "--output", output, "--date", "2026-11-24", "--quiet"]);
        var firstReports = Snapshot(output);
        // The reports also copied elsewhere under other names, as people commit them.
        Directory.CreateDirectory(Path.Combine(tree.Root, "docs"));
        File.Copy(Path.Combine(output, "gaplens-report.md"), Path.Combine(tree.Root, "docs", "gap-analysis.md"));
        File.Copy(Path.Combine(output, "gaplens-report.json"), Path.Combine(tree.Root, "readiness.json"));
        File.Copy(Path.Combine(output, "gaplens-report.sarif"), Path.Combine(tree.Root, "docs", "scan.sarif"));
        var second = CliRun.Of(["scan", tree.Root, .. AllFormats, "--output", output, "--date", "2026-11-24", "--quiet"]);
        var secondReports = Snapshot(output);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Equal(5, firstReports.Count);
        foreach (var (name, content) in firstReports)
        {
            Assert.True(content == secondReports[name], $"{name} changed on the second scan");
        }
    }

    [Fact]
    public void Waiver_reason_in_the_configuration_is_not_evidence()
    {
        const string Waiver = "waivers:\n  - practice: test-load\n    reason: checkmarx and semgrep cover this; CodeQL too\n";
        using var withDefault = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api")).With(".gaplens.yml", Waiver);
        using var withNamed = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api")).With("ci/team.yml", Waiver);

        var byDefault = CliRun.Of("scan", withDefault.Root, "--practice", "ci-sast", "--quiet");
        var named = CliRun.Of("scan", withNamed.Root, "--practice", "ci-sast", "--config", Path.Combine(withNamed.Root, "ci", "team.yml"), "--quiet");

        foreach (var run in new[] { byDefault, named })
        {
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            using var json = JsonDocument.Parse(run.Stdout);
            var practice = json.RootElement.GetProperty("practices")[0];
            Assert.Equal("missing", practice.GetProperty("status").GetString());
            Assert.DoesNotContain("gaplens.yml", run.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("ci/team.yml", run.Stdout, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory, "gaplens-report.*").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f));
}
