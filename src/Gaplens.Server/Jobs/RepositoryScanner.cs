using Gaplens.Analysis;
using Gaplens.Analysis.Configuration;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;
using Gaplens.Reports;

namespace Gaplens.Server.Jobs;

/// <summary>Scans a checked-out repository with the library (the same steps as `gaplens scan`, no process) and returns the JSON report.</summary>
public static class RepositoryScanner
{
    /// <summary>The JSON report of the tree at root, dated by the commit date; an invalid .gaplens.yml fails the scan with its message.</summary>
    public static string ScanToJson(string root, DateOnly date, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.LoadFor(root, PracticeCatalog.Default);
        var scanner = new ReadinessScanner(PracticeCatalog.Default.With(config.Rules));
        var scan = scanner.Scan(root, new ScanOptions { Profile = config.Profile ?? Profile.Production, Disabled = config.Disabled }, null, cancellationToken);
        var assessment = Analyzer.Analyze(scan, new AnalysisOptions
        {
            TeamSize = config.TeamSize ?? 3,
            Today = date,
            Waivers = config.Waivers,
            Owners = config.Owners,
            EffortOverrides = config.Effort,
        });
        return JsonReportWriter.Write(new ReportContext(assessment, date));
    }
}
