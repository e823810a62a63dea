using Gaplens.Core.Model;
using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>
/// The Markdown document of fixture repositories against golden files under tests/fixtures/golden/. Golden files
/// are updated on purpose only: run the tests with GAPLENS_UPDATE_GOLDEN=1 locally and review the diff; CI never
/// sets it, so an unreviewed change of the document fails the build.
/// </summary>
public sealed class MarkdownGoldenTests
{
    [Theory]
    [InlineData("shop", Profile.Production)]
    [InlineData("todo-api", Profile.Production)]
    [InlineData("todo-api", Profile.Pilot)]
    [InlineData("library", Profile.Production)]
    [InlineData("fleet", Profile.Production)]
    [InlineData("shop", Profile.Production, ReportDetail.Full)]
    public void Markdown_matches_its_golden_file(string fixture, Profile profile, ReportDetail detail = ReportDetail.Summary)
    {
        var markdown = MarkdownReportWriter.Write(Reports.For(Reports.Fixture(fixture), profile) with { Detail = detail });
        var golden = Path.Combine(RepositoryPaths.Fixtures, "golden", $"{fixture}.{profile.ToWire()}{(detail == ReportDetail.Full ? ".full" : string.Empty)}.md");

        if (Environment.GetEnvironmentVariable("GAPLENS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.WriteAllText(golden, markdown);
        }

        Assert.True(File.Exists(golden), $"{golden} is missing; create it with GAPLENS_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(golden);
        if (expected != markdown)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = markdown.Split('\n');
            var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{Path.GetFileName(golden)} differs at line {first + 1}:\n- {expectedLines.ElementAtOrDefault(first)}\n+ {actualLines.ElementAtOrDefault(first)}");
        }
    }

    [Fact]
    public void Markdown_is_deterministic_and_holds_no_machine_path_or_wall_clock()
    {
        var first = MarkdownReportWriter.Write(Reports.For(Reports.Fixture("shop")));
        var second = MarkdownReportWriter.Write(Reports.For(Reports.Fixture("shop")));

        Assert.Equal(first, second);
        Assert.DoesNotContain(RepositoryPaths.Root, first, StringComparison.Ordinal);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T", first, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', first);
    }

    [Theory]
    [InlineData("shop", ReportDetail.Summary)]
    [InlineData("shop", ReportDetail.Full)]
    [InlineData("fleet", ReportDetail.Summary)]
    public void Table_of_contents_links_resolve_to_headings(string fixture, ReportDetail detail)
    {
        var markdown = MarkdownReportWriter.Write(Reports.For(Reports.Fixture(fixture)) with { Detail = detail });
        var anchors = markdown.Split('\n').Where(l => l.StartsWith('#')).Select(l => Markdown.Anchor(l.TrimStart('#').Trim())).ToHashSet(StringComparer.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(markdown, @"\]\(#([^)]+)\)").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Contains(link, anchors));
    }
}
