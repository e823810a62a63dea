using System.Globalization;
using Gaplens.History;
using Gaplens.Server.Data;

namespace Gaplens.Server.Dashboard;

/// <summary>What every page needs besides its body: who is signed in and the form token of the logout button.</summary>
public sealed record PageContext(string? User, string FormToken, bool JobsEnabled);

/// <summary>The dashboard's pages: server-rendered HTML, no script, charts as inline SVG, every report string encoded.</summary>
public static class Pages
{
    public static string Layout(string title, PageContext page, Html body) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} · Gaplens</title>
        <link rel="stylesheet" href="/static/site.css">
        </head>
        <body>
        <header>
        <a class="brand" href="/">Gaplens</a>
        <nav><a href="/">Portfolio</a><a href="/owners">Owners</a><a href="/jobs">Jobs</a></nav>
        {(page.User is null ? Html.Empty : Html.Of($"<form class=\"logout\" method=\"post\" action=\"/logout\"><span>{page.User}</span><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{page.FormToken}\"><button type=\"submit\">Sign out</button></form>"))}
        </header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """).Value;

    public static string Login(string formToken, string? returnUrl, string? error) => Layout("Sign in", new PageContext(null, formToken, false), Html.Of($"""
        <h1>Sign in</h1>
        {(error is null ? Html.Empty : Html.Of($"<p class=\"error\" role=\"alert\">{error}</p>"))}
        <form method="post" action="/login" class="login">
        <input type="hidden" name="__RequestVerificationToken" value="{formToken}">
        <input type="hidden" name="returnUrl" value="{returnUrl ?? "/"}">
        <label>User name <input name="username" autocomplete="username" required autofocus></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button>
        </form>
        <p class="muted">The first administrator is created on the server: <code>gaplens server admin create --user NAME</code>.</p>
        """));

    private static string Score(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static Html Badge(string severity) => Html.Of($"<span class=\"sev sev-{severity}\">{severity}</span>");

    private static Html Status(string status) => Html.Of($"<span class=\"status status-{status}\">{status}</span>");

    private static Html Readiness(double score, double target) =>
        Html.Of($"<span class=\"{(score >= target ? "ok" : "below")}\">{Score(score)}</span> <span class=\"muted\">/ {Score(target)}</span>");

    public static string Portfolio(PageContext page, IReadOnlyList<PortfolioRow> rows)
    {
        var body = rows.Count == 0
            ? Html.Of($"<p>No repositories yet. Create an upload token with <code>gaplens server token create --project NAME</code> and upload a report from CI, or add a repository for the workers with <code>gaplens server repo add NAME --url URL</code>.</p>")
            : Html.Of($"""
                <table class="portfolio">
                <thead><tr><th>Repository / service</th><th>Readiness vs target</th><th>Trend</th><th>Open critical</th><th>Open gaps</th><th>Owners</th><th>Last scan</th></tr></thead>
                <tbody>
                {Html.Join(rows.Select(PortfolioRows))}
                </tbody>
                </table>
                """);
        var below = rows.Count(r => r.Latest is { } l && l.Overall < l.Target);
        var critical = rows.Sum(r => r.Latest?.OpenCritical ?? 0);
        return Layout("Portfolio", page, Html.Of($"""
            <h1>Portfolio</h1>
            <p class="summary">{rows.Count} repositories · {below} below target · {critical} open critical gaps</p>
            {body}
            """));
    }

    private static Html PortfolioRows(PortfolioRow row)
    {
        var name = row.Project.Name;
        var latest = row.Latest;
        var head = latest is null
            ? Html.Of($"<tr class=\"repo\"><td><a href=\"/projects/{name}\">{name}</a></td><td colspan=\"6\" class=\"muted\">no scan yet{JobNote(row.Project)}</td></tr>")
            : Html.Of($"<tr class=\"repo\"><td><a href=\"/projects/{name}\">{name}</a></td><td>{Readiness(latest.Overall, latest.Target)}</td><td>{Charts.Sparkline(row.Trend)}</td><td class=\"{(latest.OpenCritical > 0 ? "crit" : string.Empty)}\">{latest.OpenCritical}</td><td>{latest.OpenGaps}</td><td>{string.Join(", ", row.Owners.Take(3))}{(row.Owners.Count > 3 ? $" +{row.Owners.Count - 3}" : string.Empty)}</td><td>{latest.SortDate} <span class=\"muted\">{latest.ShortCommit}</span>{JobNote(row.Project)}</td></tr>");
        var services = row.Services.Select(s => Html.Of($"<tr class=\"service\"><td>↳ {s.Service}</td><td>{Readiness(s.Readiness, latest?.Target ?? 0)}</td><td></td><td></td><td>{s.OpenGaps}</td><td></td><td></td></tr>"));
        return Html.Join([head, .. services]);
    }

    private static Html JobNote(Project project) => project.LastJobStatus == "failed"
        ? Html.Of($" <span class=\"crit\" title=\"{project.LastJobMessage}\">last scan job failed</span>")
        : Html.Empty;

    public static string Repository(PageContext page, Project project, IReadOnlyList<ScanSummary> scans, ScanSummary shown, ReportSnapshot report)
    {
        var open = report.Practices.Where(p => p.IsOpen).OrderBy(p => Severities.Rank(p.Severity)).ToList();
        var accepted = report.Practices.Where(p => p.IsGap && p.Accepted is not null).ToList();
        var previous = scans.Count >= 2 ? scans[^2] : scans[0];
        var name = project.Name;
        var gaps = open.Select(p => Html.Of($"""
            <tr><td><a href="/projects/{name}/gaps/{p.Id}">{p.GapId ?? p.Id}</a></td><td>{Badge(p.Severity)}</td><td>{p.Title}</td><td>{Status(p.Status)}</td><td>{p.Owner ?? "–"}</td><td>{Evidence(p, 2)}<div class="reason">{p.Reason}</div></td></tr>
            """));
        var waivers = accepted.Select(p => Html.Of($"<tr><td><a href=\"/projects/{name}/gaps/{p.Id}\">{p.GapId ?? p.Id}</a></td><td>{p.Title}</td><td>{p.Accepted!.Kind}</td><td>{p.Accepted.Reason}</td><td>{p.Accepted.Expires ?? "–"}</td></tr>"));
        var services = report.Services.Select(s => Html.Of($"<tr><td>{s.Service}</td><td><code>{s.Path}</code></td><td>{Readiness(s.Readiness, report.Target)}</td><td>{s.Gaps.Count}</td></tr>"));
        var options = (long selected) => Html.Join(scans.AsEnumerable().Reverse().Select(s => Html.Of($"<option value=\"{s.Id}\"{Html.Trusted(s.Id == selected ? " selected" : string.Empty)}>{s.Label}</option>")));
        var history = scans.Skip(Math.Max(0, scans.Count - 60)).Select(s => new ChartPoint(s.Label, s.Overall, s.Target)).ToList();
        return Layout(name, page, Html.Of($"""
            <h1>{name}</h1>
            <p class="summary">Scan #{shown.Id} of {shown.SortDate} · commit <code>{shown.Commit ?? "none"}</code>{(shown.Branch is null ? Html.Empty : Html.Of($" · branch <code>{shown.Branch}</code>"))} · {shown.Profile} · {shown.Source} · readiness {Readiness(report.Overall, report.Target)} · {open.Count} open gaps ({report.OpenGapCount("critical")} critical)</p>
            {RepoJob(page, project)}
            <section><h2>Score per domain</h2>{Charts.DomainBars(report.Domains.Select(d => new ChartBar(d.Title, d.Score, d.Target)).ToList())}</section>
            <section><h2>History</h2>{Charts.History(history)}
            <form class="diff" method="get" action="/projects/{name}/diff">
            <label>From <select name="from">{options(previous.Id)}</select></label>
            <label>To <select name="to">{options(scans[^1].Id)}</select></label>
            <button type="submit">Compare</button>
            </form>
            <details><summary>All {scans.Count} scans</summary><ul class="scans">{Html.Join(scans.AsEnumerable().Reverse().Select(s => Html.Of($"<li><a href=\"/projects/{name}?scan={s.Id}\">{s.Label}</a> · {Score(s.Overall)} · {s.OpenCritical} critical · {s.Source}</li>")))}</ul></details>
            </section>
            <section><h2>Open gaps ({open.Count})</h2>
            <table class="gaps"><thead><tr><th>Gap</th><th>Severity</th><th>Practice</th><th>Status</th><th>Owner</th><th>Evidence and reason</th></tr></thead><tbody>{Html.Join(gaps)}</tbody></table>
            </section>
            {Html.When(accepted.Count > 0, Html.Of($"<section><h2>Waived and deferred ({accepted.Count})</h2><table><thead><tr><th>Gap</th><th>Practice</th><th>Kind</th><th>Reason</th><th>Expires</th></tr></thead><tbody>{Html.Join(waivers)}</tbody></table></section>"))}
            {Html.When(report.Services.Count > 0, Html.Of($"<section><h2>Services</h2><table><thead><tr><th>Service</th><th>Path</th><th>Readiness</th><th>Gaps</th></tr></thead><tbody>{Html.Join(services)}</tbody></table></section>"))}
            """));
    }

    private static Html RepoJob(PageContext page, Project project)
    {
        if (project.GitUrl is null)
        {
            return Html.Empty;
        }

        var last = project.LastJobStatus is null
            ? Html.Of($"no worker job has run yet")
            : Html.Of($"last job <span class=\"status status-{project.LastJobStatus}\">{project.LastJobStatus}</span> {project.LastJobAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty} UTC: {project.LastJobMessage ?? string.Empty}");
        var button = page.JobsEnabled
            ? Html.Of($"<form class=\"inline\" method=\"post\" action=\"/projects/{project.Name}/scan-now\"><input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"{page.FormToken}\"><button type=\"submit\">Scan now</button></form>")
            : Html.Empty;
        return Html.Of($"<p class=\"job\">Scanned by workers from <code>{RepositoryIdentity.WithoutCredentials(project.GitUrl)}</code>{(project.Branch is null ? Html.Empty : Html.Of($" at <code>{project.Branch}</code>"))}{(project.Schedule is null ? Html.Empty : Html.Of($", schedule <code>{project.Schedule}</code>"))}; {last} {button}</p>");
    }

    private static Html Evidence(PracticeEntry practice, int limit)
    {
        if (practice.Evidence.Count == 0)
        {
            return Html.Empty;
        }

        var items = practice.Evidence.Take(limit).Select(e => Html.Of($"<li><code>{e.Path}{(e.Line is { } line ? ":" + line.ToString(CultureInfo.InvariantCulture) : string.Empty)}</code> {e.Detail}</li>"));
        var more = practice.Evidence.Count > limit ? Html.Of($"<li class=\"muted\">and {practice.Evidence.Count - limit} more</li>") : Html.Empty;
        return Html.Of($"<ul class=\"evidence\">{Html.Join(items)}{more}</ul>");
    }

    public static string Gap(PageContext page, GapView view)
    {
        var p = view.Practice;
        var name = view.Project.Name;
        var since = view.OpenSince is { } s
            ? Html.Of($"Open since scan <a href=\"/projects/{name}?scan={s.Id}\">#{s.Id}</a> of {s.SortDate} (commit <code>{s.ShortCommit}</code>).")
            : p.IsOpen ? Html.Empty : Html.Of($"Not open in the latest scan.");
        var timeline = view.Timeline.Select(t => Html.Of($"<li><a href=\"/projects/{name}?scan={t.Scan.Id}\">{t.Scan.Label}</a> {Status(t.Status)}</li>"));
        return Layout($"{p.GapId ?? p.Id} · {name}", page, Html.Of($"""
            <p><a href="/projects/{name}">← {name}</a></p>
            <h1>{p.GapId ?? p.Id}: {p.Title}</h1>
            <p class="summary">{Badge(p.Severity)} {Status(p.EffectiveStatus)} · practice <code>{p.Id}</code> · domain {p.Domain} · owner {p.Owner ?? "–"}</p>
            <p>{since}</p>
            <section><h2>Current state</h2><p>{p.Reason}</p>
            {Html.When(p.ServicesWithout.Count > 0, Html.Of($"<p>Services without it: {string.Join(", ", p.ServicesWithout)}</p>"))}
            {(p.Evidence.Count == 0 ? Html.Of($"<p class=\"muted\">No evidence found in the repository.</p>") : Evidence(p, 50))}</section>
            {Html.When(p.Recommendation is not null, Html.Of($"<section><h2>Recommendation</h2><p>{p.Recommendation}</p></section>"))}
            {Html.When(p.Accepted is not null, Html.Of($"<section><h2>Accepted</h2><p>{p.Accepted?.Kind}: {p.Accepted?.Reason}{(p.Accepted?.Expires is { } e ? $" (expires {e})" : string.Empty)}</p></section>"))}
            <section><h2>Status per scan</h2><ul class="timeline">{Html.Join(timeline)}</ul></section>
            """));
    }

    public static string Owners(PageContext page, IReadOnlyList<OwnerGroup> groups)
    {
        var sections = groups.Select(g => Html.Of($"""
            <section class="owner"><h2>{g.Owner}</h2>
            <p class="summary">{g.Gaps.Count} open gaps: {g.Count("critical")} critical, {g.Count("high")} high, {g.Count("medium")} medium, {g.Count("low")} low</p>
            <table><thead><tr><th>Repository</th><th>Gap</th><th>Severity</th><th>Practice</th><th>Status</th></tr></thead><tbody>
            {Html.Join(g.Gaps.Select(x => Html.Of($"<tr><td><a href=\"/projects/{x.Project}\">{x.Project}</a></td><td><a href=\"/projects/{x.Project}/gaps/{x.PracticeId}\">{x.GapId ?? x.PracticeId}</a></td><td>{Badge(x.Severity)}</td><td>{x.Title}</td><td>{Status(x.Status)}</td></tr>")))}
            </tbody></table></section>
            """));
        return Layout("Owners", page, Html.Of($"""
            <h1>Owners</h1>
            <p class="summary">Open gaps of the latest scan of every repository, per owner (from each repository's <code>owners</code> in .gaplens.yml, else the practice's owner role).</p>
            {(groups.Count == 0 ? Html.Of($"<p>No open gaps.</p>") : Html.Join(sections))}
            """));
    }

    public static string Diff(PageContext page, Project project, ReportDiff diff)
    {
        var name = project.Name;
        var sections = new[]
        {
            (ChangeKind.New, "New gaps"), (ChangeKind.Regressed, "Regressed (present before)"), (ChangeKind.Worsened, "Worsened (partial → missing)"),
            (ChangeKind.Improved, "Improved (missing → partial)"), (ChangeKind.Closed, "Closed gaps"),
        }.Select(section =>
        {
            var items = diff.Of(section.Item1).ToList();
            return Html.When(items.Count > 0, Html.Of($"""
                <section class="change change-{DiffWriter.KindName(section.Item1)}"><h2>{section.Item2} ({items.Count})</h2>
                <table><thead><tr><th>Gap</th><th>Severity</th><th>Practice</th><th>Before</th><th>After</th><th>Owner</th></tr></thead><tbody>
                {Html.Join(items.Select(c => Html.Of($"<tr><td><a href=\"/projects/{name}/gaps/{c.PracticeId}\">{c.GapId ?? c.PracticeId}</a></td><td>{Badge(c.Severity)}</td><td>{c.Title}</td><td>{Status(c.Before)}</td><td>{Status(c.After)}</td><td>{c.Owner ?? "–"}</td></tr>")))}
                </tbody></table></section>
                """));
        });
        var domains = diff.Domains.Select(d => Html.Of($"<tr><td>{d.Title}</td><td>{DiffWriter.Number(d.Before)}</td><td>{DiffWriter.Number(d.After)}</td><td class=\"{Trend(d.Delta)}\">{DiffWriter.Signed(d.Delta)}</td></tr>"));
        var services = diff.Services.Select(s => Html.Of($"<tr><td>{s.Service}</td><td>{DiffWriter.Number(s.Before)}</td><td>{DiffWriter.Number(s.After)}</td><td class=\"{Trend(s.Delta)}\">{DiffWriter.Signed(s.Delta)}</td><td>{string.Join(", ", s.Domains.Select(d => $"{d.Key} {DiffWriter.Number(d.Before)} → {DiffWriter.Number(d.After)}"))}</td></tr>"));
        return Layout($"Diff · {name}", page, Html.Of($"""
            <p><a href="/projects/{name}">← {name}</a></p>
            <h1>What changed in {name}</h1>
            <p class="summary">From {DiffWriter.Side(diff.From)} to {DiffWriter.Side(diff.To)}</p>
            <p class="diff-summary">{DiffWriter.Summary(diff)}</p>
            {Html.When(diff.ProfilesDiffer, Html.Of($"<p class=\"error\">The two scans use different profiles, so severities and targets differ.</p>"))}
            {Html.When(diff.Changes.Count == 0, Html.Of($"<p>No practice changed.</p>"))}
            {Html.Join(sections)}
            <section><h2>Scores per domain</h2><table><thead><tr><th>Domain</th><th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>
            <tr><td><strong>Overall</strong></td><td>{DiffWriter.Number(diff.Overall.Before)}</td><td>{DiffWriter.Number(diff.Overall.After)}</td><td class="{Trend(diff.Overall.Delta)}">{DiffWriter.Signed(diff.Overall.Delta)}</td></tr>
            {Html.Join(domains)}</tbody></table></section>
            {Html.When(diff.Services.Count > 0, Html.Of($"<section><h2>Readiness per service</h2><table><thead><tr><th>Service</th><th>Before</th><th>After</th><th>Change</th><th>Domains that moved</th></tr></thead><tbody>{Html.Join(services)}</tbody></table></section>"))}
            """));
    }

    private static string Trend(double? delta) => delta switch { > 0 => "ok", < 0 => "below", _ => string.Empty };

    public static string Message(PageContext page, string title, string message, int status = 404) =>
        Layout(title, page, Html.Of($"<h1>{title}</h1><p>{message}</p>"));

    public static string JobsUnavailable(PageContext page) => Layout("Jobs", page, Html.Of($"""
        <h1>Jobs</h1>
        <p>Org-wide scans run on Hangfire with PostgreSQL storage. This server uses its embedded SQLite database, so it has no job queue.</p>
        <p>Start the server and the workers with a PostgreSQL connection string: <code>gaplens serve --db "Host=…;Database=gaplens;Username=…"</code> and <code>gaplens worker --db "…"</code>.</p>
        """));

    public const string Css = """
        :root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --accent: #2563eb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #f9fafb; }
        header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #111827; color: #fff; }
        header a { color: #fff; text-decoration: none; margin-right: 16px; }
        header .brand { font-weight: 700; font-size: 16px; }
        header nav { flex: 1; }
        .logout { display: flex; gap: 8px; align-items: center; }
        main { padding: 16px 24px 48px; max-width: 1280px; }
        h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 17px; margin: 20px 0 8px; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-weight: 600; background: #f3f4f6; }
        tr.service td { color: #374151; padding-left: 20px; font-size: 13px; }
        a { color: var(--accent); }
        code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
        .muted { color: var(--muted); } .summary { color: #374151; } .ok { color: #15803d; font-weight: 600; } .below { color: #b91c1c; font-weight: 600; }
        .crit { color: #b91c1c; font-weight: 600; } .error { color: #b91c1c; }
        .sev { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #e5e7eb; }
        .sev-critical { background: #fecaca; color: #7f1d1d; } .sev-high { background: #fed7aa; color: #7c2d12; } .sev-medium { background: #fef08a; color: #713f12; } .sev-low { background: #dbeafe; color: #1e3a8a; }
        .status { font-size: 12px; } .status-present, .status-succeeded { color: #15803d; } .status-missing, .status-failed { color: #b91c1c; } .status-partial, .status-skipped { color: #b45309; }
        .evidence { margin: 0; padding-left: 16px; } .reason { color: #374151; font-size: 13px; }
        .login { display: grid; gap: 10px; max-width: 320px; } .login input { width: 100%; padding: 6px; }
        button { padding: 5px 12px; border: 1px solid #9ca3af; border-radius: 4px; background: #fff; cursor: pointer; }
        form.diff, form.inline { display: inline-flex; gap: 12px; align-items: center; margin: 8px 0; }
        svg.chart { background: #fff; border: 1px solid var(--line); max-width: 100%; height: auto; }
        svg.spark { vertical-align: middle; }
        """;
}
