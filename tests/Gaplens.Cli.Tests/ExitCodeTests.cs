using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>
/// Exit codes as the README documents them (2 usage, 3 could not run), one clean line per error, a stack trace only
/// with --verbose, and no .NET type name in any message.
/// </summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Config_that_is_a_device_is_a_usage_error_not_out_of_memory()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");

        var run = CliRun.Of("scan", tree.Root, "--config", "/dev/zero", "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("not a regular file", run.Stderr, StringComparison.Ordinal);
        AssertOneCleanLine(run.Stderr);
    }

    [Fact]
    public void Config_that_is_a_fifo_is_a_usage_error_and_never_blocks()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        var fifo = Path.Combine(tree.Root, "config.yml");
        Fifo.Make(fifo);

        var run = Bounded.Run(TimeSpan.FromSeconds(60), "--config on a FIFO", () => CliRun.Of("scan", tree.Root, "--config", fifo, "--quiet"));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("FIFO", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_nested_50000_deep_is_a_usage_error_with_its_line()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r")
            .With(".gaplens.yml", "profile: pilot\nowners: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var run = CliRun.Of("scan", tree.Root, "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(".gaplens.yml:2:", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nested deeper", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("--config")]
    public void Empty_path_options_are_usage_errors(string option)
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");

        var run = CliRun.Of("scan", tree.Root, option, "", "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"{option} is empty", run.Stderr, StringComparison.Ordinal);
        AssertOneCleanLine(run.Stderr);
    }

    [Fact]
    public void Team_size_out_of_range_is_a_usage_error_never_negative_weeks()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");

        var huge = CliRun.Of("scan", tree.Root, "--team-size", "2147483647", "--quiet");
        var inConfig = CliRun.Of("scan", FixtureCopy.Empty().With(".gaplens.yml", "teamSize: 2147483647").Root, "--quiet");

        Assert.Equal(ExitCodes.Usage, huge.ExitCode);
        Assert.Contains("--team-size must be between 1 and 10,000", huge.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, inConfig.ExitCode);
        Assert.Contains("teamSize must be a whole number from 1 to 10,000", inConfig.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Largest_team_size_gives_a_sane_weeks_estimate()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api"));

        var run = CliRun.Of("scan", tree.Root, "--team-size", "10000", "--format", "md");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain("~-", run.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"~0\.5 weeks for a team of 10000", run.Stderr);
    }

    [Theory]
    [InlineData("--team-size", "many")]
    [InlineData("--max-file-size", "big")]
    [InlineData("--quiet=maybe", null)]
    public void Parse_errors_name_the_kind_of_value_never_a_dotnet_type(string option, string? value)
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");

        var run = value is null ? CliRun.Of("scan", tree.Root, option) : CliRun.Of("scan", tree.Root, option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.DoesNotContain("System.", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unexpected_error_is_exit_3_with_one_line_and_the_trace_only_with_verbose()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");

        var plain = RunWithFailingStderr("scan", tree.Root);
        var verbose = RunWithFailingStderr("scan", tree.Root, "--verbose");

        Assert.Equal(ExitCodes.ScanError, plain.ExitCode);
        Assert.Contains("error: gaplens failed unexpectedly: InvalidOperationException: the terminal went away", plain.Stderr, StringComparison.Ordinal);
        AssertOneCleanLine(plain.Stderr);
        Assert.Equal(ExitCodes.ScanError, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Unreadable_root_is_exit_3()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r").With("src/app.js", "x");
        var root = Path.Combine(tree.Root, "locked");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "a.md"), "x");
        Unprivileged.DenyAll(root);
        try
        {
            var run = Unprivileged.Run("scan", root, "--quiet");

            Assert.Equal(ExitCodes.ScanError, run.ExitCode);
            Assert.Contains("the scan could not run", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Stdout);
        }
        finally
        {
            Unprivileged.Restore(root);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Init_into_an_unwritable_folder_is_exit_3_with_one_line()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        Unprivileged.ReadOnly(tree.Root);
        try
        {
            var run = Unprivileged.Run("init", tree.Root);

            Assert.Equal(ExitCodes.ScanError, run.ExitCode);
            Assert.Contains("could not write", run.Stderr, StringComparison.Ordinal);
            AssertOneCleanLine(run.Stderr);
            Assert.False(File.Exists(Path.Combine(tree.Root, ".gaplens.yml")));
        }
        finally
        {
            Unprivileged.Restore(tree.Root);
        }
    }

    [Fact]
    public void Init_never_writes_through_a_link()
    {
        using var outside = FixtureCopy.Empty().With("victim.txt", "keep me");
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        File.CreateSymbolicLink(Path.Combine(tree.Root, ".gaplens.yml"), Path.Combine(outside.Root, "victim.txt"));

        var run = CliRun.Of("init", tree.Root, "--force");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside.Root, "victim.txt")));
        Assert.Null(new FileInfo(Path.Combine(tree.Root, ".gaplens.yml")).LinkTarget);
    }

    internal static void AssertOneCleanLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got:\n{stderr}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>stderr that fails on the first progress line, as a terminal that goes away mid-run.</summary>
    private static CliRun RunWithFailingStderr(params string[] args)
    {
        var output = new StringWriter();
        var error = new FailingOnce();
        var code = GaplensCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed class FailingOnce : StringWriter
    {
        private bool failed;

        public override void WriteLine(string? value)
        {
            if (!failed && value is not null && value.StartsWith("gaplens: ", StringComparison.Ordinal))
            {
                failed = true;
                throw new InvalidOperationException("the terminal went away\nsecond line of the message");
            }

            base.WriteLine(value);
        }

        public override void Write(string? value)
        {
            if (!failed && value is not null && value.Contains("Walking", StringComparison.Ordinal))
            {
                failed = true;
                throw new InvalidOperationException("the terminal went away\nsecond line of the message");
            }

            base.Write(value);
        }
    }
}
