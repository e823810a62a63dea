using System.Text;
using Gaplens.Core.Files;

namespace Gaplens.Core.Tests;

public sealed class RepositoryWalkerTests
{
    [Fact]
    public void Walk_lists_files_sorted_with_forward_slashes_and_skips_build_folders()
    {
        using var tree = new TempTree()
            .File("src/b.cs", "class B {}")
            .File("src/a.cs", "class A {}")
            .File("node_modules/x/index.js", "x")
            .File("src/bin/Debug/out.txt", "x")
            .File("README.md", "# r");

        var index = new RepositoryWalker().Walk(tree.Root);

        Assert.Equal(["README.md", "src/a.cs", "src/b.cs"], index.Files.Select(f => f.Path));
        Assert.Equal(FileClass.CSharp, index.Get("src/a.cs")!.Class);
        Assert.True(index.DirectoryExists("src") && index.DirectoryExists("src/") && index.DirectoryExists(string.Empty));
        Assert.False(index.DirectoryExists("node_modules") || index.DirectoryExists("sr"));
    }

    [Fact]
    public void Cargo_src_bin_holds_sources_and_is_walked_while_other_bin_folders_are_output()
    {
        using var tree = new TempTree()
            .File("crates/tool/Cargo.toml", "[package]\nname = \"tool\"\n")
            .File("crates/tool/src/bin/worker.rs", "fn main() {}")
            .File("crates/tool/bin/run.sh", "x")
            .File("dotnet/src/bin/Release/app.json", "{}");

        var paths = new RepositoryWalker().Walk(tree.Root).Files.Select(f => f.Path).ToList();

        Assert.Equal(["crates/tool/Cargo.toml", "crates/tool/src/bin/worker.rs"], paths);
    }

    [Fact]
    public void Walk_honours_gitignore_including_negation_and_nested_files()
    {
        using var tree = new TempTree()
            .File(".gitignore", "*.log\nsecret/\n!keep.log\n")
            .File("app.log", "x")
            .File("keep.log", "x")
            .File("secret/key.txt", "x")
            .File("sub/.gitignore", "local.txt\n")
            .File("sub/local.txt", "x")
            .File("sub/shared.txt", "x");

        var paths = new RepositoryWalker().Walk(tree.Root).Files.Select(f => f.Path).ToList();

        Assert.Equal([".gitignore", "keep.log", "sub/.gitignore", "sub/shared.txt"], paths);
    }

    [Fact]
    public void Links_out_of_the_root_loops_and_dangling_links_are_not_followed_and_become_warnings()
    {
        using var outside = new TempTree().File("secret.txt", "outside");
        using var tree = new TempTree()
            .File("real/a.txt", "inside")
            .Link("escape.txt", outside.Full("secret.txt"))
            .Link("escape-dir", outside.Root)
            .Link("real/loop", "..")
            .Link("dangling.txt", "does-not-exist.txt")
            .Link("inside-link.txt", "real/a.txt");

        var index = new RepositoryWalker().Walk(tree.Root);

        Assert.Equal(["real/a.txt"], index.Files.Select(f => f.Path));
        Assert.Contains(index.Warnings, w => w.Path == "escape.txt" && w.Message.Contains("outside", StringComparison.Ordinal));
        Assert.Contains(index.Warnings, w => w.Path == "escape-dir" && w.Message.Contains("outside", StringComparison.Ordinal));
        Assert.Contains(index.Warnings, w => w.Path == "real/loop" && w.Message.Contains("loop", StringComparison.Ordinal));
        Assert.Contains(index.Warnings, w => w.Path == "dangling.txt" && w.Message.Contains("does not exist", StringComparison.Ordinal));
        Assert.DoesNotContain(index.Warnings, w => w.Path == "inside-link.txt");
    }

    [Fact]
    public void Mutual_link_loop_is_reported_not_followed()
    {
        using var tree = new TempTree()
            .File("a.txt", "x")
            .Link("one", "two")
            .Link("two", "one");

        var index = new RepositoryWalker().Walk(tree.Root);

        Assert.Equal(["a.txt"], index.Files.Select(f => f.Path));
        Assert.Equal(2, index.Warnings.Count(w => w.Message.Contains("not followed", StringComparison.Ordinal)));
    }

    [Fact]
    public void File_names_with_markup_and_quotes_are_listed_as_they_are()
    {
        using var tree = new TempTree()
            .File("<svg onload=alert(1)>.js", "x")
            .File("it's \"quoted\".md", "x");

        var paths = new RepositoryWalker().Walk(tree.Root).Files.Select(f => f.Path).ToList();

        Assert.Contains("<svg onload=alert(1)>.js", paths);
        Assert.Contains("it's \"quoted\".md", paths);
    }

    [Fact]
    public void Missing_root_throws_directory_not_found()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new RepositoryWalker().Walk(Path.Combine(Path.GetTempPath(), "gaplens-none-" + Guid.NewGuid())));
    }
}
