using Gaplens.Analysis;

namespace Gaplens.Reports;

/// <summary>What every writer receives: the analysis and the date the report speaks of (never the wall clock).</summary>
public sealed record ReportContext(Assessment Assessment, DateOnly? Date)
{
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
