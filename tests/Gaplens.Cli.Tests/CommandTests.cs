using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

public sealed class CommandTests
{
    [Fact]
    public void Explain_describes_detection_and_fixes_per_stack()
    {
        var run = CliRun.Of("explain", "sec-rate-limiting");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Why it matters", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("How it is detected", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("dotnet:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("AddRateLimiter", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_of_an_unknown_practice_suggests_close_ones()
    {
        var run = CliRun.Of("explain", "rate-limiting");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("sec-rate-limiting", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_lists_every_practice_as_table_and_json()
    {
        var table = CliRun.Of("rules");
        var json = CliRun.Of("rules", "--format", "json");

        Assert.Contains("72 practices in 13 domains", table.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(72, document.RootElement.GetArrayLength());
    }

    [Fact]
    public void Init_writes_a_valid_starter_and_never_overwrites_without_force()
    {
        using var tree = FixtureCopy.Empty().With("package.json", "{ \"name\": \"api\", \"dependencies\": { \"express\": \"4\" } }\n");

        var first = CliRun.Of("init", tree.Root);
        var second = CliRun.Of("init", tree.Root);
        var forced = CliRun.Of("init", tree.Root, "--force");
        var scan = CliRun.Of("scan", tree.Root, "--quiet");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Equal(ExitCodes.Usage, second.ExitCode);
        Assert.Contains("--force", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        Assert.Equal(ExitCodes.Ok, scan.ExitCode);
    }

    [Fact]
    public void Fail_on_critical_fails_when_a_critical_gap_is_open()
    {
        var key = "AKIA" + "Q7ZT3RXW5VBN2MLK";
        using var tree = FixtureCopy.Empty().With("src/config.js", $"module.exports = '{key}';\n");

        var run = CliRun.Of("scan", tree.Root, "--fail-on", "critical", "--quiet");

        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
        Assert.Contains("sec-no-committed-secrets", run.Stderr, StringComparison.Ordinal);
    }
}
