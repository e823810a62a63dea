using System.Text;
using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Core.Tests;

public sealed class ContentScannerTests
{
    private static readonly Term Limiter = new("AddRateLimiter", FileClass.CSharp);
    private static readonly Term Heading = new("# runbook", FileClass.Docs, IgnoreCase: true);

    [Fact]
    public void Finds_terms_with_line_numbers_only_in_their_file_classes()
    {
        using var tree = new TempTree()
            .File("src/Program.cs", "var b = WebApplication.CreateBuilder();\n\nb.Services.AddRateLimiter(o => {});\n")
            .File("docs/notes.md", "AddRateLimiter is mentioned here\n## Runbook\n");

        var content = Scan(tree, [Limiter, Heading]);

        var hit = Assert.Single(content.Hits(Limiter));
        Assert.Equal("src/Program.cs", hit.File.Path);
        Assert.Equal(3, hit.Line);
        Assert.Equal("b.Services.AddRateLimiter(o => {});", hit.LineText);
        var heading = Assert.Single(content.Hits(Heading));
        Assert.Equal(2, heading.Line);
    }

    [Fact]
    public void A_file_without_a_hit_is_not_kept_unless_asked_for()
    {
        using var tree = new TempTree()
            .File("a.cs", "class A {}")
            .File("b.cs", "AddRateLimiter")
            .File("c.yml", "x: 1");

        var content = new ContentScanner([Limiter], f => f.Name.EndsWith(".yml", StringComparison.Ordinal), 1 << 20).Scan(new RepositoryWalker().Walk(tree.Root));

        Assert.Null(content.Text("a.cs"));
        Assert.NotNull(content.Text("b.cs"));
        Assert.NotNull(content.Text("c.yml"));
        Assert.Equal(3, content.FilesRead);
    }

    [Fact]
    public void Binary_content_in_a_text_file_is_skipped_with_a_warning()
    {
        using var tree = new TempTree().Bytes("data.js", [0x41, 0x00, 0x42, 0x00]);

        var content = Scan(tree, [Limiter]);

        Assert.Null(content.Text("data.js"));
        Assert.Contains(content.Warnings, w => w.Path == "data.js" && w.Message.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void Latin1_file_is_read_with_a_warning()
    {
        using var tree = new TempTree().Bytes("notes.md", Encoding.Latin1.GetBytes("caf\u00e9 # Runbook\n"));

        var content = Scan(tree, [Heading]);

        Assert.Single(content.Hits(Heading));
        Assert.Equal("caf\u00e9 # Runbook\n", content.Text("notes.md")!.Text);
        Assert.Contains(content.Warnings, w => w.Path == "notes.md" && w.Message.Contains("Latin-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_over_the_size_cap_are_not_read_and_reported()
    {
        using var tree = new TempTree().File("big.cs", new string('x', 5000) + "AddRateLimiter");

        var content = new ContentScanner([Limiter], _ => true, 1000).Scan(new RepositoryWalker().Walk(tree.Root));

        Assert.Empty(content.Hits(Limiter));
        Assert.Contains(content.Warnings, w => w.Path == "big.cs" && w.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_tree_gives_the_same_hits_in_the_same_order()
    {
        using var tree = new TempTree();
        for (var i = 0; i < 200; i++)
        {
            tree.File($"src/f{i:000}.cs", i % 3 == 0 ? "AddRateLimiter();\nAddRateLimiter();" : "class X {}");
        }

        var first = Scan(tree, [Limiter]).Hits(Limiter).Select(h => $"{h.File.Path}:{h.Line}").ToList();
        var second = Scan(tree, [Limiter]).Hits(Limiter).Select(h => $"{h.File.Path}:{h.Line}").ToList();

        Assert.Equal(134, first.Count);
        Assert.Equal(first, second);
    }

    private static ContentIndex Scan(TempTree tree, Term[] terms) =>
        new ContentScanner(terms, _ => false, 1 << 20).Scan(new RepositoryWalker().Walk(tree.Root));
}
