using Gaplens.Analysis;

namespace Gaplens.Reports;

/// <summary>What every writer receives: the analysis and the date the report speaks of (never the wall clock).</summary>
public sealed record ReportContext(Assessment Assessment, DateOnly? Date)
{
    public string DateText => Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "undated";
}
