using Gaplens.Analysis;

namespace Gaplens.Reports;

/// <summary>
/// What every writer receives: the analysis, the date the report speaks of (never the wall clock) and how much of
/// the working material the documents spell out.
/// </summary>
public sealed record ReportContext(Assessment Assessment, DateOnly? Date, ReportDetail Detail = ReportDetail.Summary)
{
    public bool Full => Detail == ReportDetail.Full;

    public string DateText => Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "undated";

    /// <summary>The scanned folder's name (what a reader calls the repository), never its full path.</summary>
    public string RepositoryName
    {
        get
        {
            var root = Assessment.Scan.Root;
            var name = Path.GetFileName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar));
            return string.IsNullOrEmpty(name) ? root : name;
        }
    }
}

/// <summary>
/// How much the Markdown and HTML documents spell out. The summary keeps every finding (status, evidence, severity,
/// effort, owner, criterion) once, groups gaps that share a fix and leaves out the working material (searched-for
/// lists, every stack's advice, the checklist); full writes everything. JSON, SARIF and JUnit always carry everything.
/// </summary>
public enum ReportDetail
{
    Summary,
    Full,
}
