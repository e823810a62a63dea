using static Gaplens.History.Tests.Reports;

namespace Gaplens.History.Tests;

public sealed class DiffTests
{
    private static ReportDiff Diff(IEnumerable<P> before, IEnumerable<P> after, double overallBefore = 50, double overallAfter = 50) =>
        ReportDiff.Compute(ReportSnapshot.Parse(Make("aaaaaaa1", "2025-01-01", before, overallBefore)), ReportSnapshot.Parse(Make("bbbbbbb2", "2025-02-01", after, overallAfter)), "#1", "#2");

    [Fact]
    public void Classifies_closed_new_regressed_worsened_and_improved_gaps()
    {
        var diff = Diff(
            [new("closed", "missing"), new("regressed", "present"), new("worsened", "partial"), new("improved", "missing"), new("same", "missing"), new("lapsed", "missing", Accepted: true), new("waived", "missing"), new("na", "not-applicable")],
            [new("closed", "present"), new("regressed", "partial"), new("worsened", "missing"), new("improved", "partial"), new("same", "missing"), new("lapsed", "missing"), new("waived", "missing", Accepted: true), new("na", "missing"), new("added", "missing")]);

        string Kind(string id) => DiffWriter.KindName(diff.Changes.Single(c => c.PracticeId == id).Kind);
        Assert.Equal("closed", Kind("closed"));
        Assert.Equal("regressed", Kind("regressed"));
        Assert.Equal("worsened", Kind("worsened"));
        Assert.Equal("improved", Kind("improved"));
        Assert.Equal("new", Kind("lapsed"));
        Assert.Equal("closed", Kind("waived"));
        Assert.Equal("new", Kind("na"));
        Assert.Equal("new", Kind("added"));
        Assert.DoesNotContain(diff.Changes, c => c.PracticeId == "same");
        Assert.Equal(["added", "lapsed", "na", "regressed"], diff.NewlyOpen().Select(c => c.PracticeId).Order(StringComparer.Ordinal));
        Assert.Equal("accepted", diff.Changes.Single(c => c.PracticeId == "waived").After);
        Assert.Equal("absent", diff.Changes.Single(c => c.PracticeId == "added").Before);
    }

    [Fact]
    public void Gate_severity_counts_only_new_gaps_at_or_above_it()
    {
        var diff = Diff([new("a", "present", "low"), new("b", "present", "critical")], [new("a", "missing", "low"), new("b", "missing", "critical")]);

        Assert.Equal(2, diff.NewlyOpen("low").Count);
        Assert.Single(diff.NewlyOpen("high"));
        Assert.Equal("b", diff.NewlyOpen("critical")[0].PracticeId);
    }

    [Fact]
    public void Identical_reports_have_no_change_and_zero_deltas()
    {
        var practices = new P[] { new("a", "missing"), new("b", "present") };
        var diff = Diff(practices, practices);

        Assert.Empty(diff.Changes);
        Assert.Equal(0, diff.Overall.Delta);
        Assert.All(diff.Domains, d => Assert.Equal(0, d.Delta));
    }

    [Fact]
    public void Score_deltas_per_domain_and_service()
    {
        var before = Make("a", "2025-01-01", [new("x", "missing")], 40, new Dictionary<string, double> { ["security"] = 30, ["data"] = 60 },
            [("api", 40, new Dictionary<string, double?> { ["security"] = 30, ["data"] = 60 }), ("old", 10, new Dictionary<string, double?>())]);
        var after = Make("b", "2025-02-01", [new("x", "present")], 55, new Dictionary<string, double> { ["security"] = 50, ["data"] = 60 },
            [("api", 52.5, new Dictionary<string, double?> { ["security"] = 50, ["data"] = 60 }), ("new", 70, new Dictionary<string, double?>())]);

        var diff = ReportDiff.Compute(ReportSnapshot.Parse(before), ReportSnapshot.Parse(after), "a", "b");

        Assert.Equal(15, diff.Overall.Delta);
        Assert.Equal(20, diff.Domains.Single(d => d.Key == "security").Delta);
        Assert.Equal(0, diff.Domains.Single(d => d.Key == "data").Delta);
        var api = diff.Services.Single(s => s.Service == "api");
        Assert.Equal(12.5, api.Delta);
        Assert.Equal("security", Assert.Single(api.Domains).Key);
        Assert.Null(diff.Services.Single(s => s.Service == "old").After);
        Assert.Null(diff.Services.Single(s => s.Service == "new").Before);
    }

    [Fact]
    public void Writers_escape_report_text_for_markdown_and_terminal()
    {
        var diff = Diff([new("p", "present", Title: "ok")], [new("p", "missing", Title: "<img src=x onerror=alert(1)> | *bold* \u001b[31mred")]);

        var md = DiffWriter.Markdown(diff);
        var text = DiffWriter.Text(diff);
        var json = DiffWriter.Json(diff);

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; \\| \\*bold\\*", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", md, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
        Assert.Contains("?[31mred", text, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(1, document.RootElement.GetProperty("summary").GetProperty("regressed").GetInt32());
        Assert.Equal("regressed", document.RootElement.GetProperty("changes")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Output_is_deterministic()
    {
        var a = Diff([new("a", "missing"), new("b", "present")], [new("a", "present"), new("b", "missing")]);
        var b = Diff([new("a", "missing"), new("b", "present")], [new("a", "present"), new("b", "missing")]);

        Assert.Equal(DiffWriter.Json(a), DiffWriter.Json(b));
        Assert.Equal(DiffWriter.Markdown(a), DiffWriter.Markdown(b));
    }
}
