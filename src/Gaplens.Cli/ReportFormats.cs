using Gaplens.Reports;

namespace Gaplens.Cli;

/// <summary>The output formats: name, file written under --output, and the writer (a pure function of the analysis).</summary>
public static class ReportFormats
{
    public sealed record Format(string Name, string FileName, Func<ReportContext, string> Write);

    public static readonly IReadOnlyList<Format> All =
    [
        new("json", "gaplens-report.json", JsonReportWriter.Write),
        new("md", "gaplens-report.md", MarkdownReportWriter.Write),
        new("sarif", "gaplens-report.sarif", SarifReportWriter.Write),
        new("junit", "gaplens-report.xml", JUnitReportWriter.Write),
        new("html", "gaplens-report.html", HtmlReportWriter.Write),
    ];

    public static Format? Find(string name) => All.FirstOrDefault(f => f.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(f => f.Name));
}
