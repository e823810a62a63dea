using System.Diagnostics;
using System.Text;
using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Core.Tests;

/// <summary>
/// The walker never opens a FIFO, a socket or a device (a FIFO blocks forever, /dev/zero never ends), and Gaplens's
/// own files (configuration, output-folder lock and temporary files, reports recognised by their first bytes) are
/// never part of the index.
/// </summary>
public sealed class SpecialAndOwnFilesTests
{
    [Fact]
    public void Fifo_in_the_tree_is_a_warning_and_never_opened()
    {
        using var tree = new TempTree().File("README.md", "# r").File("docs/runbook.md", "# Runbook");
        MakeFifo(tree.Full("docs/pipe.md"));

        var (index, content) = Bounded.Run(TimeSpan.FromSeconds(60), "the walk and the content pass", () =>
        {
            var index = new RepositoryWalker().Walk(tree.Root);
            return (index, new ContentScanner([new Term("Runbook", FileClass.Docs)], _ => true, 1 << 20).Scan(index));
        });

        Assert.DoesNotContain(index.Files, f => f.Path == "docs/pipe.md");
        Assert.Contains(index.Warnings, w => w.Path == "docs/pipe.md" && w.Message.Contains("FIFO", StringComparison.Ordinal));
        Assert.Single(content.Hits(new Term("Runbook", FileClass.Docs)));
    }

    [Fact]
    public void Fifo_named_gitignore_is_not_read()
    {
        using var tree = new TempTree().File("a.txt", "x");
        MakeFifo(tree.Full(".gitignore"));

        var walk = Bounded.Run(TimeSpan.FromSeconds(60), "the walk", () => new RepositoryWalker().Walk(tree.Root));

        Assert.Contains(walk.Files, f => f.Path == "a.txt");
    }

    [Fact]
    public void File_kinds_tell_regular_files_from_devices_and_fifos()
    {
        using var tree = new TempTree().File("a.txt", "x");
        MakeFifo(tree.Full("p"));

        Assert.Equal(FileKind.Regular, FileKinds.Of(tree.Full("a.txt")));
        Assert.Equal(FileKind.Fifo, FileKinds.Of(tree.Full("p")));
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/zero"));
        Assert.Throws<InvalidDataException>(() => FileKinds.ReadRegularFile("/dev/zero", 1024));
        Assert.Throws<InvalidDataException>(() => FileKinds.ReadRegularFile(tree.Full("p"), 1024));
    }

    [Fact]
    public void Configuration_lock_and_temporary_files_are_never_listed()
    {
        using var tree = new TempTree()
            .File(".gaplens.yml", "waivers: []")
            .File("sub/.gaplens.yaml", "profile: pilot")
            .File("out/.gaplens-report.lock", string.Empty)
            .File("out/.gaplens-tmp.gaplens-report.json.0a1b2c.tmp", "{")
            .File("config/team.yml", "profile: pilot")
            .File("src/app.js", "x");

        var index = new RepositoryWalker(new WalkOptions { ExcludedPaths = [tree.Full("config/team.yml")] }).Walk(tree.Root);

        Assert.Equal(["src/app.js"], index.Files.Select(f => f.Path));
    }

    [Fact]
    public void Reports_are_recognised_by_their_first_bytes_and_left_out_of_the_index()
    {
        using var tree = new TempTree()
            .File("out/report.md", OwnFiles.MarkerComment("markdown", "1.0") + "\n# Production-readiness gap analysis\npgBackRest backups\n")
            .File("gap.html", "<!DOCTYPE html>\n" + OwnFiles.MarkerComment("html", "1.0") + "\n<html>pgBackRest</html>")
            .File("r.json", "{\n  \"schemaVersion\": 1,\n  \"tool\": {\n    \"name\": \"gaplens\",\n    \"version\": \"1.0\"\n  },\n  \"x\": \"pgBackRest\"\n}\n")
            .File("r.sarif", "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"Gaplens\",\n          \"x\": \"pgBackRest\"\n")
            .File("docs/backup.md", "We use pgBackRest backups. Reports come from gaplens-report and the tool gaplens.\n");

        var index = new RepositoryWalker().Walk(tree.Root);
        var content = new ContentScanner([new Term("pgBackRest", FileClass.AnyText)], _ => true, 1 << 20).Scan(index);

        Assert.Equal(["docs/backup.md"], content.Files.Files.Select(f => f.Path));
        Assert.Equal(["docs/backup.md"], content.Hits(new Term("pgBackRest", FileClass.AnyText)).Select(h => h.File.Path));
    }

    [Fact]
    public void A_large_report_over_the_size_limit_is_still_recognised()
    {
        var big = OwnFiles.MarkerComment("markdown", "1.0") + "\n" + new string('x', 5000);
        using var tree = new TempTree().File("gap-analysis.md", big).File("big.md", new string('y', 5000));

        var index = new RepositoryWalker().Walk(tree.Root);
        var content = new ContentScanner([], _ => false, 1000).Scan(index);

        Assert.Equal(["big.md"], content.Files.Files.Select(f => f.Path));
        Assert.Equal(["big.md"], content.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void Text_that_only_mentions_gaplens_is_not_a_report()
    {
        Assert.False(OwnFiles.IsOwnReport("# Readiness\nRun `gaplens scan .` in CI; see gaplens-report.json.\n"));
        Assert.False(OwnFiles.IsOwnReport("{\"name\": \"gaplens\", \"tool\": {\"name\": \"gaplens\"}}"));
        Assert.False(OwnFiles.IsOwnReport("intro\nmore\n" + OwnFiles.MarkerComment("markdown", "1")));
        Assert.True(OwnFiles.IsOwnReport(Encoding.UTF8.GetBytes("\uFEFF" + OwnFiles.MarkerComment("markdown", "1"))));
    }

    internal static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
