using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

public sealed class ScanCommandTests
{
    private static string Shop => Path.Combine(RepositoryPaths.Fixtures, "repos", "shop");

    [Fact]
    public void Scan_prints_only_json_on_stdout_and_the_summary_on_stderr()
    {
        var run = CliRun.Of("scan", Shop);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("gaplens", json.RootElement.GetProperty("tool").GetProperty("name").GetString());
        Assert.Contains("readiness of", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("readiness of", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_directory_receives_the_report_file()
    {
        using var output = FixtureCopy.Empty();

        var run = CliRun.Of("scan", Shop, "--format", "json", "--output", output.Root, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Root, "gaplens-report.json")));
        Assert.Equal(72, json.RootElement.GetProperty("practices").GetArrayLength());
    }

    [Theory]
    [InlineData("scan", "/does/not/exist")]
    [InlineData("scan", ".", "--profile", "galactic")]
    [InlineData("scan", ".", "--format", "pdf")]
    [InlineData("scan", ".", "--practice", "no-such-practice")]
    [InlineData("scan", ".", "--date", "yesterday")]
    [InlineData("scan", ".", "--format", "json,md")]
    [InlineData("scan", ".", "--no-such-option")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_with_2_and_say_why(params string[] args)
    {
        var run = CliRun.Of(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Practice_option_restricts_the_verdict()
    {
        var run = CliRun.Of("scan", Shop, "--practice", "ci-runs-tests,dx-readme", "--quiet");

        using var json = JsonDocument.Parse(run.Stdout);
        var ids = json.RootElement.GetProperty("practices").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToList();
        Assert.Equal(["ci-runs-tests", "dx-readme"], ids);
    }

    [Fact]
    public void Same_tree_gives_byte_identical_reports()
    {
        var first = CliRun.Of("scan", Shop, "--quiet", "--date", "2026-11-24");
        var second = CliRun.Of("scan", Shop, "--quiet", "--date", "2026-11-24");

        Assert.Equal(first.Stdout, second.Stdout);
    }
}
