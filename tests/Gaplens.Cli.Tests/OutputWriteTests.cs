using System.Text.Json;
using System.Xml.Linq;
using Gaplens.Cli;
using Gaplens.Core.Files;

namespace Gaplens.Tests;

/// <summary>Reports are replaced as one set by renames, never written through a link, and concurrent runs take turns.</summary>
public sealed class OutputWriteTests
{
    [Fact]
    public void A_link_at_a_report_path_is_replaced_never_followed()
    {
        using var outside = FixtureCopy.Empty().With("victim.sarif", "precious");
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        var output = Path.Combine(tree.Root, "out");
        Directory.CreateDirectory(output);
        File.CreateSymbolicLink(Path.Combine(output, "gaplens-report.sarif"), Path.Combine(outside.Root, "victim.sarif"));

        var run = CliRun.Of("scan", tree.Root, "--format", "json,sarif", "--output", output, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("precious", File.ReadAllText(Path.Combine(outside.Root, "victim.sarif")));
        var written = new FileInfo(Path.Combine(output, "gaplens-report.sarif"));
        Assert.Null(written.LinkTarget);
        Assert.Contains("\"2.1.0\"", File.ReadAllText(written.FullName), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output, OwnFiles.TemporaryPrefix + "*"));
    }

    [Fact]
    public void A_run_waits_while_another_holds_the_folder_and_then_writes_every_format()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r");
        var output = Path.Combine(tree.Root, "out");
        Directory.CreateDirectory(output);
        var held = new FileStream(Path.Combine(output, OwnFiles.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        CliRun? result = null;
        var thread = new Thread(() => result = CliRun.Of("scan", tree.Root, "--format", "json,md", "--output", output, "--quiet")) { IsBackground = true };
        thread.Start();
        // An empty tree scans in well under a second; eight seconds leave room for a loaded machine.
        var finishedWhileHeld = thread.Join(TimeSpan.FromSeconds(8));
        var writtenWhileHeld = Directory.GetFiles(output, "gaplens-report.*").Length;
        held.Dispose();

        Assert.False(finishedWhileHeld, "the run did not wait for the folder's lock");
        Assert.Equal(0, writtenWhileHeld);
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)));
        Assert.Equal(ExitCodes.Ok, result!.ExitCode);
        Assert.Equal(2, Directory.GetFiles(output, "gaplens-report.*").Length);
    }

    [Fact]
    public void Concurrent_runs_into_one_folder_leave_one_consistent_set()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api"));
        var output = Path.Combine(tree.Root, "out");
        string[] profiles = ["pilot", "production", "enterprise", "pilot", "enterprise", "production"];

        var results = new CliRun?[profiles.Length];
        var threads = profiles.Select((p, i) => new Thread(() => results[i] = CliRun.Of("scan", tree.Root, "--format", "json,sarif,junit,md", "--profile", p, "--output", output, "--quiet")) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromMinutes(3))));

        Assert.All(results, r => Assert.Equal(ExitCodes.Ok, r!.ExitCode));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "gaplens-report.json")));
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "gaplens-report.sarif")));
        var profile = json.RootElement.GetProperty("profile").GetString();
        Assert.Equal(profile, sarif.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("profile").GetString());
        Assert.Contains($"| Profile | {profile} |", File.ReadAllText(Path.Combine(output, "gaplens-report.md")), StringComparison.Ordinal);
        Assert.NotNull(XDocument.Load(Path.Combine(output, "gaplens-report.xml")).Root);
        Assert.Empty(Directory.GetFiles(output, OwnFiles.TemporaryPrefix + "*"));
    }

    [Fact]
    public void Output_that_is_a_file_is_a_usage_error()
    {
        using var tree = FixtureCopy.Empty().With("README.md", "# r").With("out.txt", "x");

        var run = CliRun.Of("scan", tree.Root, "--format", "json", "--output", Path.Combine(tree.Root, "out.txt"), "--quiet");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        ExitCodeTests.AssertOneCleanLine(run.Stderr);
    }
}
