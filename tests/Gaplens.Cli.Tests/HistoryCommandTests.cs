using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>`scan --store`, `history`, `diff` and `scan --baseline --fail-on-new` on real trees and a real SQLite history.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gaplens-cli-history-").FullName;

    private string Db => Path.Combine(folder, "history.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Store_history_and_diff_of_a_repository_that_gains_and_loses_practices()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "shop"));
        var first = CliRun.Of("scan", tree.Root, "--store", "--db", Db, "--date", "2025-01-01");
        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains("Stored scan #1", first.Stderr, StringComparison.Ordinal);
        Assert.Contains("Already stored as scan #1", CliRun.Of("scan", tree.Root, "--store", "--db", Db, "--date", "2025-01-01").Stderr, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(tree.Root, "SECURITY.md"), "# Security policy\n\nReport vulnerabilities to security@example.com.\n");
        File.Delete(Path.Combine(tree.Root, "services", "orders", "Dockerfile"));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("scan", tree.Root, "--store", "--db", Db, "--date", "2025-02-01", "-q").ExitCode);

        var history = CliRun.Of("history", tree.Root, "--db", Db);
        Assert.Equal(ExitCodes.Ok, history.ExitCode);
        Assert.Contains("2025-01-01", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("2025-02-01", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("securi", history.Stdout, StringComparison.Ordinal);

        var diff = CliRun.Of("diff", "previous", "latest", "--repo", tree.Root, "--db", Db);
        Assert.Equal(ExitCodes.Ok, diff.ExitCode);
        Assert.Contains("sec-policy", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("Closed gaps", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("Regressed (present before)", diff.Stdout, StringComparison.Ordinal);
        Assert.Contains("Readiness per service", diff.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.GateFailed, CliRun.Of("diff", "1", "2", "--db", Db, "--fail-on-new").ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("diff", "2", "2", "--db", Db, "--fail-on-new").ExitCode);
        Assert.StartsWith("# Readiness diff", CliRun.Of("diff", "1", "2", "--db", Db, "-f", "md").Stdout, StringComparison.Ordinal);
        Assert.Contains("\"regressed\": 1", CliRun.Of("diff", "1", "2", "--db", Db, "-f", "json").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_gate_fails_only_on_new_gaps()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "shop"));
        var baseline = Path.Combine(folder, "baseline.json");
        File.WriteAllText(baseline, CliRun.Of("scan", tree.Root, "--date", "2025-01-01", "-q").Stdout);

        var same = CliRun.Of("scan", tree.Root, "--date", "2025-01-01", "--baseline", baseline, "--fail-on-new");
        Assert.Equal(ExitCodes.Ok, same.ExitCode);
        Assert.Contains("Gate passed", same.Stderr, StringComparison.Ordinal);

        File.Delete(Path.Combine(tree.Root, "services", "orders", "Dockerfile"));
        var worse = CliRun.Of("scan", tree.Root, "--date", "2025-01-01", "--baseline", baseline, "--fail-on-new");
        Assert.Equal(ExitCodes.GateFailed, worse.ExitCode);
        Assert.Contains("deploy-containerized", worse.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRun.Of("scan", tree.Root, "--date", "2025-01-01", "--baseline", baseline, "--fail-on-new", "critical", "-q").ExitCode);
    }

    [Theory]
    [InlineData("scan", ".", "--fail-on-new")]
    [InlineData("scan", ".", "--baseline", "nope.json", "--fail-on-new", "--db", "/nonexistent/h.db")]
    [InlineData("scan", ".", "--baseline", "x.json", "--fail-on-new", "severe")]
    [InlineData("diff", "1", "2", "--db", "/nonexistent/h.db")]
    [InlineData("diff", "a", "b", "--format", "pdf")]
    [InlineData("history", "--db", "/nonexistent/h.db")]
    public void Usage_errors_exit_2_with_a_message(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("error:", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_stored_scan_is_a_usage_error()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "library"));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("scan", tree.Root, "--store", "--db", Db, "-q").ExitCode);
        var run = CliRun.Of("diff", "1", "99", "--db", Db);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("no stored scan #99", run.Stderr, StringComparison.Ordinal);
    }
}
