using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>The HTML report carries every section of the Markdown document, and counts warnings the same way.</summary>
public sealed class HtmlParityTests
{
    [Theory]
    [InlineData("shop")]
    [InlineData("fleet")]
    [InlineData("library")]
    public void Every_markdown_section_is_in_the_html(string fixture)
    {
        var context = Reports.For(Reports.Fixture(fixture));
        var html = HtmlReportWriter.Write(context);

        foreach (var section in MarkdownReportWriter.Sections(context.Assessment, ReportDetail.Full))
        {
            Assert.Contains($"<h2>{section}</h2>", html, StringComparison.Ordinal);
        }

        // Working material is there, folded: what was searched for and each criterion.
        if (context.Assessment.Gaps.Any(g => g.Verdict.Searched.Count > 0))
        {
            Assert.Contains("<details class=\"searched\"><summary>Searched for", html, StringComparison.Ordinal);
        }

        Assert.All(context.Assessment.Gaps, gap => Assert.Contains(System.Net.WebUtility.HtmlEncode(gap.SuccessCriterion), html, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_read_with_a_guessed_encoding_is_a_note_not_a_file_the_scan_went_without()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", "{ \"name\": \"app\", \"scripts\": { \"start\": \"node server.js\" }, \"dependencies\": { \"express\": \"4\" } }\n");
        // "Café crème" in Latin-1: not valid UTF-8, read with a guessed encoding.
        File.WriteAllBytes(Path.Combine(tree.Root, "NOTES.md"), [0x43, 0x61, 0x66, 0xE9, 0x20, 0x63, 0x72, 0xE8, 0x6D, 0x65, 0x0A]);
        var context = Reports.For(tree.Root);
        Assert.Contains(context.Assessment.Scan.Warnings, w => w.Kind == Core.Model.ScanWarningKind.Note);

        var html = HtmlReportWriter.Write(context);
        var markdown = MarkdownReportWriter.Write(context);

        Assert.Contains("1 file was read with a note", html, StringComparison.Ordinal);
        Assert.Contains("1 file was read with a note", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be read", html, StringComparison.Ordinal);
    }
}
