using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>Scans a fixture for real and builds the report context every writer receives.</summary>
internal static class Reports
{
    public static readonly DateOnly Date = new(2026, 11, 24);

    public static ReportContext For(string root, Profile profile = Profile.Production, AnalysisOptions? options = null)
    {
        var scan = new ReadinessScanner().Scan(root, new ScanOptions { Profile = profile });
        return new ReportContext(Analyzer.Analyze(scan, (options ?? new AnalysisOptions()) with { Today = Date }), Date);
    }

    public static string Fixture(string name) => Path.Combine(RepositoryPaths.Fixtures, "repos", name);
}
