using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>Nothing in a tree or a configuration can hang a scan: FIFOs are never opened, user expressions are bounded.</summary>
public sealed class HangTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public void Fifo_in_the_tree_does_not_block_the_scan()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        Fifo.Make(Path.Combine(tree.Root, "docs", "runbook.md"));
        Fifo.Make(Path.Combine(tree.Root, ".github", "workflows", "ci.yml"));

        var run = Bounded.Run(Bound, "the scan blocked on a FIFO", () => CliRun.Of("scan", tree.Root, "--quiet"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("named pipe (FIFO)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifo_as_git_head_does_not_block_the_scan()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        Fifo.Make(Path.Combine(tree.Root, ".git", "HEAD"));

        var run = Bounded.Run(Bound, "a scan with a FIFO as .git/HEAD", () => CliRun.Of("scan", tree.Root, "--quiet"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
    }

    [Fact]
    public void Nested_quantifier_rule_is_evaluated_in_linear_time()
    {
        using var tree = ManyMatchingFiles("""
            rules:
              - id: all-a
                title: All a
                domain: devex
                severity: low
                signals:
                  - { text: aaaa, in: docs, match: "(a+)+$" }
            """);

        var run = Bounded.Run(Bound, "the rule took minutes", () => CliRun.Of("scan", tree.Root, "--practice", "all-a", "--quiet"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("missing", json.RootElement.GetProperty("practices")[0].GetProperty("status").GetString());
    }

    [Fact]
    public void Backtracking_rule_that_times_out_is_warned_about_once_and_given_up()
    {
        using var tree = ManyMatchingFiles("""
            rules:
              - id: all-a
                title: All a
                domain: devex
                severity: low
                signals:
                  - { text: aaaa, in: docs, match: "^(a+)+\\1$" }
            """);

        var run = Bounded.Run(Bound, "the rule took minutes", () => CliRun.Of("scan", tree.Root, "--practice", "all-a", "--quiet"));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var timeouts = json.RootElement.GetProperty("warnings").EnumerateArray()
            .Count(w => w.GetProperty("message").GetString()!.Contains("took longer than", StringComparison.Ordinal));
        Assert.Equal(1, timeouts);
    }

    /// <summary>100 files whose lines make a nested quantifier backtrack: "aaaa…a!".</summary>
    private static FixtureCopy ManyMatchingFiles(string config)
    {
        var tree = FixtureCopy.Empty().With(".gaplens.yml", config);
        for (var i = 0; i < 100; i++)
        {
            tree.With($"docs/page{i:000}.md", string.Concat(Enumerable.Repeat(new string('a', 60) + "!\n", 30)));
        }

        return tree;
    }
}
