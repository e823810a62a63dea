using Gaplens.History;
using Gaplens.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaplens.Server.Dashboard;

/// <summary>A scan without its report, for lists, charts and sparklines.</summary>
public sealed record ScanSummary(long Id, int ProjectId, string? Commit, string? Branch, string SortDate, string Source, string Profile, double Overall, double Target, int OpenGaps, int OpenCritical)
{
    public string ShortCommit => Commit is { Length: >= 7 } c ? c[..7] : "no commit";

    public string Label => $"#{Id} {SortDate} {ShortCommit}";
}

public sealed record ServiceRow(string Service, double Readiness, int OpenGaps);

public sealed record PortfolioRow(Project Project, ScanSummary? Latest, IReadOnlyList<double> Trend, IReadOnlyList<string> Owners, IReadOnlyList<ServiceRow> Services);

public sealed record OwnerGap(string Project, long ScanId, string PracticeId, string? GapId, string Title, string Severity, string Status);

public sealed record OwnerGroup(string Owner, IReadOnlyList<OwnerGap> Gaps)
{
    public int Count(string severity) => Gaps.Count(g => g.Severity == severity);
}

/// <summary>The gap page: the practice as the latest report states it, and since when it has been open.</summary>
public sealed record GapView(Project Project, ScanSummary Latest, PracticeEntry Practice, ScanSummary? OpenSince, IReadOnlyList<(ScanSummary Scan, string Status)> Timeline);

/// <summary>The dashboard's reads: light columns for lists and charts, a report parsed only for the page that shows it.</summary>
public sealed class DashboardData(ServerDb db)
{
    public const int TrendLength = 20;

    private static readonly System.Linq.Expressions.Expression<Func<Scan, ScanSummary>> ToSummary = s =>
        new ScanSummary(s.Id, s.ProjectId, s.Commit, s.Branch, s.SortDate, s.Source, s.Profile, s.Overall, s.Target, s.OpenGaps, s.OpenCritical);

    public async Task<IReadOnlyList<ScanSummary>> ScansAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Scans.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.SortDate).ThenBy(s => s.Id).Select(ToSummary).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<PortfolioRow>> PortfolioAsync(CancellationToken cancellationToken)
    {
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var scans = await db.Scans.AsNoTracking().OrderBy(s => s.SortDate).ThenBy(s => s.Id).Select(ToSummary).ToListAsync(cancellationToken);
        var byProject = scans.GroupBy(s => s.ProjectId).ToDictionary(g => g.Key, g => g.ToList());
        var latestIds = byProject.Values.Select(list => list[^1].Id).ToList();
        var owners = (await db.ScanGaps.AsNoTracking().Where(g => latestIds.Contains(g.ScanId) && !g.Accepted && g.Owner != null)
                .Select(g => new { g.ScanId, g.Owner }).ToListAsync(cancellationToken))
            .GroupBy(g => g.ScanId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.GroupBy(x => x.Owner!, StringComparer.Ordinal).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key).ToList());
        var services = (await db.ScanServices.AsNoTracking().Where(s => latestIds.Contains(s.ScanId)).OrderBy(s => s.Id).ToListAsync(cancellationToken))
            .GroupBy(s => s.ScanId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ServiceRow>)g.Select(s => new ServiceRow(s.Service, s.Readiness, s.OpenGaps)).ToList());
        return projects.Select(p =>
        {
            var list = byProject.GetValueOrDefault(p.Id);
            var latest = list?[^1];
            return new PortfolioRow(
                p,
                latest,
                list?.Skip(Math.Max(0, list.Count - TrendLength)).Select(s => s.Overall).ToList() ?? [],
                latest is null ? [] : owners.GetValueOrDefault(latest.Id, []),
                latest is null ? [] : services.GetValueOrDefault(latest.Id, []));
        }).ToList();
    }

    public async Task<string?> ReportAsync(long scanId, int projectId, CancellationToken cancellationToken) =>
        await db.Scans.AsNoTracking().Where(s => s.Id == scanId && s.ProjectId == projectId).Select(s => s.Report).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<OwnerGroup>> OwnersAsync(CancellationToken cancellationToken)
    {
        var latest = (await db.Scans.AsNoTracking().Select(s => new { s.Id, s.ProjectId, s.SortDate }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ProjectId)
            .Select(g => g.OrderBy(s => s.SortDate, StringComparer.Ordinal).ThenBy(s => s.Id).Last().Id)
            .ToList();
        var gaps = await db.ScanGaps.AsNoTracking()
            .Where(g => latest.Contains(g.ScanId) && !g.Accepted)
            .Select(g => new { g.ScanId, Project = g.Scan!.Project!.Name, g.PracticeId, g.GapId, g.Title, g.Severity, g.Status, g.Owner })
            .ToListAsync(cancellationToken);
        return gaps
            .GroupBy(g => g.Owner ?? "(no owner)", StringComparer.Ordinal)
            .Select(g => new OwnerGroup(g.Key, g
                .OrderBy(x => Severities.Rank(x.Severity)).ThenBy(x => x.Project, StringComparer.Ordinal).ThenBy(x => x.GapId, StringComparer.Ordinal)
                .Select(x => new OwnerGap(x.Project, x.ScanId, x.PracticeId, x.GapId, x.Title, x.Severity, x.Status)).ToList()))
            .OrderByDescending(g => g.Count("critical")).ThenByDescending(g => g.Gaps.Count).ThenBy(g => g.Owner, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<GapView?> GapAsync(Project project, string practiceId, CancellationToken cancellationToken)
    {
        var scans = await ScansAsync(project.Id, cancellationToken);
        if (scans.Count == 0)
        {
            return null;
        }

        var latest = scans[^1];
        var report = await ReportAsync(latest.Id, project.Id, cancellationToken);
        var practice = report is null ? null : ReportSnapshot.Parse(report).Practices.FirstOrDefault(p => p.Id == practiceId);
        if (practice is null)
        {
            return null;
        }

        var scanIds = scans.Select(s => s.Id).ToList();
        var states = await db.ScanGaps.AsNoTracking()
            .Where(g => g.PracticeId == practiceId && scanIds.Contains(g.ScanId))
            .Select(g => new { g.ScanId, g.Status, g.Accepted })
            .ToDictionaryAsync(g => g.ScanId, g => g.Accepted ? PracticeStatuses.Accepted : g.Status, cancellationToken);
        var timeline = scans.Select(s => (s, states.GetValueOrDefault(s.Id, "closed"))).ToList();
        ScanSummary? since = null;
        if (practice.IsOpen)
        {
            for (var i = timeline.Count - 1; i >= 0 && timeline[i].Item2 is PracticeStatuses.Partial or PracticeStatuses.Missing; i--)
            {
                since = timeline[i].s;
            }
        }

        return new GapView(project, latest, practice, since, timeline.Skip(Math.Max(0, timeline.Count - 30)).ToList());
    }
}
