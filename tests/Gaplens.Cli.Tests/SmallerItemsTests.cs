using System.Text;
using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>The smaller findings of issue #8, each pinned on a real scan.</summary>
public sealed class SmallerItemsTests
{
    [Fact]
    public void Empty_tree_does_not_score_no_committed_secrets_as_present()
    {
        using var tree = FixtureCopy.Empty();

        var run = CliRun.Of("scan", tree.Root, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var secrets = json.RootElement.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "sec-no-committed-secrets");
        Assert.Equal("not-applicable", secrets.GetProperty("status").GetString());
        Assert.DoesNotContain(json.RootElement.GetProperty("practices").EnumerateArray(),
            p => p.GetProperty("status").GetString() == "present" && p.GetProperty("evidence").GetArrayLength() == 0);
    }

    [Fact]
    public void Tree_with_text_still_judges_no_committed_secrets()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# App\n").With("src/app.js", "console.log('hi')\n");

        var run = CliRun.Of("scan", tree.Root, "--quiet", "--practice", "sec-no-committed-secrets");

        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("present", json.RootElement.GetProperty("practices")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void Escape_bytes_from_file_names_never_reach_markdown_or_html()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r")
            .With("k8s/\u001b[31mred\u0007.yaml", "apiVersion: v1\nkind: Deployment\nmetadata: [unclosed\n");
        var output = Path.Combine(tree.Root, "..", Path.GetFileName(tree.Root) + "-out");

        var run = CliRun.Of("scan", tree.Root, "--format", "md,html", "--output", output, "--quiet");

        try
        {
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
            foreach (var file in new[] { "gaplens-report.md", "gaplens-report.html" })
            {
                var text = File.ReadAllText(Path.Combine(output, file));
                Assert.DoesNotContain('\u001b', text);
                Assert.DoesNotContain('\u0007', text);
                Assert.Contains("\u241b[31mred\u2407.yaml", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Waivers_that_match_nothing_are_warned_about()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# App\nMIT licensed.\n").With("LICENSE", "MIT License\n")
            .With(".gaplens.yml", "waivers:\n  - practice: comp-license\n    reason: not needed\n");

        var run = CliRun.Of("scan", tree.Root, "--practice", "comp-license");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("waiver for comp-license at .gaplens.yml:2 matches nothing: the practice is present", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("matches nothing", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_and_rules_honour_custom_rules_of_the_configuration()
    {
        using var tree = FixtureCopy.Empty().With("team.yml", """
            rules:
              - id: feature-flags
                title: Feature flags
                domain: cicd
                severity: medium
                signals:
                  - package: npm:launchdarkly-node-server-sdk
            """);
        var config = Path.Combine(tree.Root, "team.yml");

        var explain = CliRun.Of("explain", "feature-flags", "--config", config);
        var rules = CliRun.Of("rules", "--config", config);
        var json = CliRun.Of("rules", "--format", "json", "--config", config);

        Assert.Equal(ExitCodes.Ok, explain.ExitCode);
        Assert.StartsWith("feature-flags: Feature flags", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("launchdarkly-node-server-sdk", explain.Stdout, StringComparison.Ordinal);
        Assert.Contains("feature-flags", rules.Stdout, StringComparison.Ordinal);
        Assert.Contains("73 practices", rules.Stdout, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json.Stdout);
        Assert.Equal(73, parsed.RootElement.GetArrayLength());
    }

    [Fact]
    public void Markdown_does_not_count_a_latin1_file_it_read_among_files_it_could_not_read()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# App\n");
        File.WriteAllBytes(Path.Combine(tree.Root, "notes.md"), Encoding.Latin1.GetBytes("R\u00e9sum\u00e9 of the runbook\n"));

        var run = CliRun.Of("scan", tree.Root, "--format", "md", "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("1 file was read with a note (such as a guessed encoding); its content counts.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be read", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Subfolder_of_a_git_work_tree_says_it_has_no_commit()
    {
        using var tree = FixtureCopy.Empty().With(".git/HEAD", "ref: refs/heads/main\n").With("services/api/README.md", "# Api\n");

        var run = CliRun.Of("scan", Path.Combine(tree.Root, "services", "api"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("2 folder(s) below the root of its git work tree", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2 folder(s) below the root of its git work tree", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Domain_names_are_never_cut_short_in_the_terminal()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api"));

        var run = CliRun.Of("scan", tree.Root, "--format", "json");

        Assert.Contains("Application and supply-chain security", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Logging, metrics, tracing, alerting", run.Stderr, StringComparison.Ordinal);
    }
}
