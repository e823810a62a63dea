using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>Every number the Markdown shows equals its counterpart in the JSON report of the same analysis.</summary>
public sealed partial class MarkdownJsonConsistencyTests
{
    [Theory]
    [InlineData("shop", ReportDetail.Full)]
    [InlineData("todo-api", ReportDetail.Full)]
    [InlineData("library", ReportDetail.Full)]
    [InlineData("shop", ReportDetail.Summary)]
    [InlineData("fleet", ReportDetail.Summary)]
    [InlineData("todo-api", ReportDetail.Summary)]
    public void Markdown_numbers_equal_json_numbers(string fixture, ReportDetail detail)
    {
        var context = Reports.For(Reports.Fixture(fixture)) with { Detail = detail };
        var markdown = MarkdownReportWriter.Write(context);
        using var json = JsonDocument.Parse(JsonReportWriter.Write(context));
        var root = json.RootElement;
        var scores = root.GetProperty("scores");
        var summary = root.GetProperty("summary");

        var headline = Headline().Match(markdown);
        Assert.True(headline.Success, "headline not found");
        Assert.Equal(scores.GetProperty("overall").GetDouble(), double.Parse(headline.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(scores.GetProperty("target").GetDouble(), double.Parse(headline.Groups[2].Value, CultureInfo.InvariantCulture));

        var gaps = GapCounts().Match(markdown);
        Assert.True(gaps.Success, "gap counts not found");
        var jsonGaps = summary.GetProperty("gaps");
        Assert.Equal(jsonGaps.GetProperty("total").GetInt32(), int.Parse(gaps.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(jsonGaps.GetProperty("critical").GetInt32(), int.Parse(gaps.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(jsonGaps.GetProperty("high").GetInt32(), int.Parse(gaps.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.Equal(jsonGaps.GetProperty("medium").GetInt32(), int.Parse(gaps.Groups[4].Value, CultureInfo.InvariantCulture));
        Assert.Equal(jsonGaps.GetProperty("low").GetInt32(), int.Parse(gaps.Groups[5].Value, CultureInfo.InvariantCulture));

        var effort = summary.GetProperty("effortHours");
        Assert.Contains($"**Effort**: {Hours(effort.GetProperty("low").GetInt32(), effort.GetProperty("high").GetInt32())}", markdown, StringComparison.Ordinal);

        var domains = scores.GetProperty("domains");
        foreach (var row in markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            var domain = domains.EnumerateObject().FirstOrDefault(d => d.Value.GetProperty("title").GetString() == cells[1]);
            if (domain.Value.ValueKind == JsonValueKind.Undefined || cells.Length < 11 || !cells[2].EndsWith('%'))
            {
                continue;
            }

            Assert.Equal(domain.Value.GetProperty("score").GetDouble(), double.Parse(cells[2].TrimEnd('%'), CultureInfo.InvariantCulture));
            Assert.Equal(domain.Value.GetProperty("target").GetDouble(), double.Parse(cells[3].TrimEnd('%'), CultureInfo.InvariantCulture));
            Assert.Equal(domain.Value.GetProperty("present").GetInt32(), int.Parse(cells[5], CultureInfo.InvariantCulture));
            Assert.Equal(domain.Value.GetProperty("partial").GetInt32(), int.Parse(cells[6], CultureInfo.InvariantCulture));
            Assert.Equal(domain.Value.GetProperty("missing").GetInt32(), int.Parse(cells[7], CultureInfo.InvariantCulture));
        }

        foreach (var phase in root.GetProperty("plan").EnumerateArray())
        {
            var hours = phase.GetProperty("effortHours");
            var line = $"| {phase.GetProperty("phase").GetInt32()}. {phase.GetProperty("name").GetString()} | {phase.GetProperty("tasks").GetArrayLength()} | {Hours(hours.GetProperty("low").GetInt32(), hours.GetProperty("high").GetInt32())} | {phase.GetProperty("weeks").GetDouble().ToString("0.#", CultureInfo.InvariantCulture)} |";
            Assert.Contains(line, markdown, StringComparison.Ordinal);
        }

        var gapIds = root.GetProperty("practices").EnumerateArray().Where(p => p.TryGetProperty("gapId", out _) && !p.TryGetProperty("accepted", out _)).Select(p => p.GetProperty("gapId").GetString()!).ToList();
        if (detail == ReportDetail.Full)
        {
            Assert.Equal(gapIds.Count, Regex.Matches(markdown, "^#### GAP-", RegexOptions.Multiline).Count);
            Assert.Equal(gapIds.Count, Regex.Matches(markdown, @"^- \[ \] GAP-", RegexOptions.Multiline).Count);
        }
        else
        {
            // The summary keeps every open gap: exactly one table row each, with its effort.
            foreach (var practice in root.GetProperty("practices").EnumerateArray().Where(p => p.TryGetProperty("gapId", out _) && !p.TryGetProperty("accepted", out _)))
            {
                var id = practice.GetProperty("gapId").GetString()!;
                var rows = markdown.Split('\n').Where(l => l.StartsWith($"| {id} ", StringComparison.Ordinal)).ToList();
                Assert.Single(rows);
                var hours = practice.GetProperty("effortHours");
                Assert.Contains($"| {Hours(hours.GetProperty("low").GetInt32(), hours.GetProperty("high").GetInt32())} |", rows[0], StringComparison.Ordinal);
            }
        }
    }

    private static string Hours(int low, int high) => low == high ? $"{low} h" : $"{low}-{high} h";

    [GeneratedRegex(@"\*\*Readiness (\d+)% → target (\d+)%\*\*")]
    private static partial Regex Headline();

    [GeneratedRegex(@"\*\*(\d+) open gaps?\*\*: 🔴 (\d+) critical · 🟠 (\d+) high · 🟡 (\d+) medium · 🟢 (\d+) low")]
    private static partial Regex GapCounts();
}
