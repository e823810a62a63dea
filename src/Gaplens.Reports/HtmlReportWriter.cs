using System.Globalization;
using System.Net;
using System.Text;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Core.Secrets;

namespace Gaplens.Reports;

/// <summary>
/// One self-contained HTML file (inline CSS and SVG, no script, no network): summary, a chart of domain scores
/// against targets, the per-service matrix and the gaps, collapsible per domain. Every string from the scanned
/// repository is HTML-encoded (and secret-masked) before it is written.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(ReportContext context)
    {
        var a = context.Assessment;
        var name = context.RepositoryName;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n").Append(Core.Files.OwnFiles.MarkerComment("html", ToolInfo.Version)).Append("\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        html.Append($"<title>Gaplens: {E(name)}</title>\n<style>{Css}</style>\n</head>\n<body>\n<main>\n");
        html.Append($"<h1>Production-readiness gap analysis: {E(name)}</h1>\n");
        html.Append($"<p class=\"meta\">{E(name)}{(a.Scan.Commit is { } c ? $" at <code>{E(c[..Math.Min(12, c.Length)])}</code>" : string.Empty)} · {E(context.DateText)} · profile <b>{E(a.Profile.ToWire())}</b> · {a.Scan.FilesScanned.ToString("N0", Invariant)} files · gaplens {E(ToolInfo.Version)}</p>\n");
        Summary(html, a);
        Chart(html, a);
        Overview(html, a);
        if (a.Services.Count > 0)
        {
            Services(html, a);
        }

        Strengths(html, a);
        Gaps(html, a);
        Plan(html, a);
        SuccessCriteria(html, a);
        Verification(html, a);
        SinglePoints(html, a);
        Risks(html, a);
        Accepted(html, a);
        Checklist(html, a);
        NotApplicable(html, a);
        Appendix(html, a);
        Warnings(html, a);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"summary\">\n<h2>Executive summary</h2>\n<div class=\"cards\">\n");
        var cap = a.Scores.OverallCap is { } overallCap ? $"<div class=\"cap\">{E(overallCap.Note)}</div>" : string.Empty;
        html.Append($"<div class=\"card\"><div class=\"big\">{Pct(a.Scores.Overall)}</div><div>readiness (target {Pct(a.Scores.Target)})</div>{cap}</div>\n");
        foreach (var severity in new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low })
        {
            html.Append($"<div class=\"card sev-{severity.ToWire()}\"><div class=\"big\">{a.GapCount(severity)}</div><div>{severity.ToWire()} gaps</div></div>\n");
        }

        html.Append($"<div class=\"card\"><div class=\"big\">{E(a.TotalEffort.ToString())}</div><div>about {a.Weeks(a.TotalEffort).ToString("0.#", Invariant)} weeks for {a.Options.TeamSize}</div></div>\n");
        html.Append("</div>\n");
        var blockers = a.Blockers.ToList();
        if (blockers.Count > 0)
        {
            html.Append("<h3>Launch blockers</h3>\n<ul class=\"blockers\">\n");
            foreach (var blocker in blockers)
            {
                html.Append($"<li><a href=\"#{E(blocker.GapId)}\">{E(blocker.GapId)}</a> {E(blocker.Title)}: {E(blocker.Verdict.Reason)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        var toConfirm = a.ToConfirm.ToList();
        if (toConfirm.Count > 0)
        {
            html.Append($"<p class=\"to-confirm\"><b>To confirm:</b> {toConfirm.Count} gap{(toConfirm.Count == 1 ? string.Empty : "s")} rest on something the scan could not see: " +
                        $"{string.Join(", ", toConfirm.Select(g => $"<a href=\"#{E(g.GapId)}\">{E(g.GapId)}</a>"))}.</p>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>Horizontal bars: score per domain, with a tick at its target.</summary>
    private static void Chart(StringBuilder html, Assessment a)
    {
        var domains = a.Scores.Domains.Where(d => d.Score is not null).ToList();
        const int rowHeight = 26;
        const int labelWidth = 300;
        const int barWidth = 420;
        var height = domains.Count * rowHeight + 30;
        html.Append("<section id=\"scores\">\n<h2>Domain scores against targets</h2>\n");
        html.Append($"<svg id=\"score-chart\" role=\"img\" aria-label=\"Domain scores against targets\" width=\"{labelWidth + barWidth + 70}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 70} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        var y = 10;
        foreach (var d in domains)
        {
            var score = d.Score!.Value;
            var width = (int)Math.Round(barWidth * score / 100.0);
            var target = labelWidth + (int)Math.Round(barWidth * d.Target / 100.0);
            var color = score >= d.Target ? "#2e7d32" : score >= d.Target - 20 ? "#f9a825" : "#c62828";
            html.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{E(d.Title)}</text>\n");
            html.Append($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{barWidth}\" height=\"18\" fill=\"#eceff1\"/>\n");
            html.Append($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{width}\" height=\"18\" fill=\"{color}\"><title>{E(d.Title)}: {Pct(score)} (target {Pct(d.Target)})</title></rect>\n");
            html.Append($"<line x1=\"{target}\" x2=\"{target}\" y1=\"{y - 3}\" y2=\"{y + 21}\" stroke=\"#263238\" stroke-width=\"2\"/>\n");
            html.Append($"<text x=\"{labelWidth + barWidth + 8}\" y=\"{y + 15}\" class=\"value\">{Pct(score)}</text>\n");
            y += rowHeight;
        }

        html.Append($"<text x=\"{labelWidth}\" y=\"{y + 12}\" class=\"legend\">bar: score · black tick: target</text>\n");
        html.Append("</svg>\n</section>\n");
    }

    private static void Services(StringBuilder html, Assessment a)
    {
        var titles = a.Scores.Domains.ToDictionary(d => d.Domain, d => d.Title, StringComparer.Ordinal);
        html.Append("<section id=\"services\">\n<h2>Service readiness</h2>\n<table>\n<thead><tr><th>Service</th><th>Kind</th>");
        foreach (var column in ServiceMatrix.Columns)
        {
            html.Append($"<th>{E(titles.GetValueOrDefault(column, column))}</th>");
        }

        html.Append("<th>Readiness</th><th>Open gaps</th></tr></thead>\n<tbody>\n");
        foreach (var row in a.Services)
        {
            html.Append($"<tr><td>{E(row.Service)}<div class=\"path\">{E(row.Path.Length == 0 ? "." : row.Path)}</div></td><td>{E(row.Kind)}</td>");
            foreach (var column in ServiceMatrix.Columns)
            {
                html.Append($"<td class=\"num\">{(row.DomainScores.GetValueOrDefault(column) is { } s ? Pct(s) : "n/a")}</td>");
            }

            html.Append($"<td class=\"num\"><b>{Pct(row.Readiness)}</b></td><td class=\"num\">{row.Gaps.Count}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Gaps(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"gaps\">\n<h2>Gaps by domain</h2>\n");
        foreach (var domain in a.Scores.Domains)
        {
            var gaps = a.Gaps.Where(g => g.Domain == domain.Domain && !g.IsToConfirm).ToList();
            if (gaps.Count == 0)
            {
                continue;
            }

            var capNote = domain.Cap is { } cap ? $", {E(cap.Note)}" : string.Empty;
            html.Append($"<details class=\"domain\" open><summary>{E(domain.Title)} <span class=\"count\">{gaps.Count} gap{(gaps.Count == 1 ? string.Empty : "s")}, score {(domain.Score is { } s ? Pct(s) : "n/a")}{capNote}</span></summary>\n");
            foreach (var gap in gaps)
            {
                GapArticle(html, gap);
            }

            html.Append("</details>\n");
        }

        var toConfirm = a.ToConfirm.ToList();
        if (toConfirm.Count > 0)
        {
            html.Append($"<details class=\"domain to-confirm\" id=\"to-confirm\" open><summary>To confirm <span class=\"count\">{toConfirm.Count} gap{(toConfirm.Count == 1 ? string.Empty : "s")} resting on what the scan could not see</span></summary>\n");
            foreach (var gap in toConfirm)
            {
                GapArticle(html, gap);
            }

            html.Append("</details>\n");
        }

        html.Append("</section>\n");
    }

    private static void GapArticle(StringBuilder html, PracticeAssessment gap)
    {
        var v = gap.Verdict;
        html.Append($"<article class=\"gap\" id=\"{E(gap.GapId)}\">\n<h4><span class=\"badge sev-{gap.Severity.ToWire()}\">{gap.Severity.ToWire()}</span> {E(gap.GapId)}: {E(gap.Title)} <span class=\"status\">{v.Status.ToWire()}</span></h4>\n");
        if (gap.IsToConfirm)
        {
            html.Append($"<p class=\"confidence-low\"><b>To confirm.</b> Confidence low: {E(v.ConfidenceReason ?? string.Empty)}.</p>\n");
        }

        html.Append($"<p><b>Current state.</b> {E(v.Reason)}</p>\n");
        if (v.Evidence.Count > 0)
        {
            html.Append($"<details class=\"evidence\"{(v.Evidence.Count <= 5 ? " open" : string.Empty)}><summary>Evidence ({v.Evidence.Count})</summary><ul class=\"evidence\">");
            foreach (var e in v.Evidence)
            {
                html.Append($"<li><code>{E(e.ToString())}</code> {E(e.Detail)}</li>");
            }

            html.Append("</ul></details>\n");
        }

        if (v.ServicesWithout.Count > 0)
        {
            html.Append($"<p><b>Lacking in:</b> {E(string.Join(", ", v.ServicesWithout))}</p>\n");
        }

        if (v.ServicesWith.Count > 0)
        {
            html.Append($"<p><b>In place in:</b> {E(string.Join(", ", v.ServicesWith))}</p>\n");
        }

        html.Append($"<p><b>Impact.</b> {E(gap.Impact)}{(gap.SeverityNote is { } note ? $" <i>(Severity {E(note)}.)</i>" : string.Empty)}</p>\n<p><b>Recommendation.</b> {E(gap.Recommendation)}</p>\n");
        html.Append($"<p><b>Done when.</b> {E(gap.SuccessCriterion)}</p>\n");
        if (v.Searched.Count > 0)
        {
            html.Append($"<details class=\"searched\"><summary>Searched for ({v.Searched.Count})</summary><p>{E(string.Join("; ", v.Searched))}</p></details>\n");
        }

        html.Append($"<p class=\"meta\">Owner {E(gap.Owner)} · effort {E(gap.Effort.ToString())} · confidence {gap.Confidence.ToWire()} · verify with <code>gaplens scan . --practice {E(gap.Id)}</code></p>\n</article>\n");
    }

    private static void Strengths(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"strengths\">\n<h2>Strengths</h2>\n<details><summary>").Append(a.Strengths.Count()).Append(" practices in place</summary>\n<ul>\n");
        foreach (var s in a.Strengths)
        {
            var evidence = string.Join(", ", s.Verdict.Evidence.Take(3).Select(e => $"<code>{E(e.ToString())}</code>"));
            html.Append($"<li><b>{E(s.Title)}</b>: {E(s.Verdict.Reason)} {evidence}</li>\n");
        }

        html.Append("</ul>\n</details>\n</section>\n");
    }

    private static void Plan(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"plan\">\n<h2>Remediation plan</h2>\n");
        foreach (var phase in a.Plan)
        {
            html.Append($"<h3>Phase {phase.Number}: {E(phase.Name)} <span class=\"count\">{E(phase.Effort.ToString())}, about {a.Weeks(phase.Effort).ToString("0.#", Invariant)} weeks</span></h3>\n<ol>\n");
            foreach (var task in phase.Tasks)
            {
                html.Append($"<li><a href=\"#{E(task.GapId)}\">{E(task.GapId)}</a> {E(task.Title)} · {E(task.Owner)} · {E(task.Effort.ToString())}</li>\n");
            }

            html.Append("</ol>\n");
        }

        if (a.Plan.Count > 0)
        {
            html.Append($"<table>\n<thead><tr><th>Phase</th><th>Tasks</th><th>Effort</th><th>Weeks (team of {a.Options.TeamSize})</th></tr></thead>\n<tbody>\n");
            foreach (var phase in a.Plan)
            {
                html.Append($"<tr><td>{phase.Number}. {E(phase.Name)}</td><td class=\"num\">{phase.Tasks.Count}</td><td>{E(phase.Effort.ToString())}</td><td class=\"num\">{a.Weeks(phase.Effort).ToString("0.#", Invariant)}</td></tr>\n");
            }

            html.Append($"<tr><td><b>Total</b></td><td class=\"num\"><b>{a.Plan.Sum(p => p.Tasks.Count)}</b></td><td><b>{E(a.TotalEffort.ToString())}</b></td><td class=\"num\"><b>{a.Weeks(a.TotalEffort).ToString("0.#", Invariant)}</b></td></tr>\n</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Overview(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"overview\">\n<h2>Assessment overview</h2>\n<table>\n<thead><tr><th>Domain</th><th>Score</th><th>Target</th><th>Gap severity</th><th>Present</th><th>Partial</th><th>Missing</th><th>Accepted</th><th>N/A</th></tr></thead>\n<tbody>\n");
        foreach (var d in a.Scores.Domains)
        {
            html.Append($"<tr><td>{E(d.Title)}</td><td class=\"num\">{(d.Score is { } s ? Pct(s) : "n/a")}</td><td class=\"num\">{Pct(d.Target)}</td><td>{(d.GapSeverity == Severity.None ? "none" : d.GapSeverity.ToWire())}</td>" +
                        $"<td class=\"num\">{d.Present}</td><td class=\"num\">{d.Partial}</td><td class=\"num\">{d.Missing}</td><td class=\"num\">{d.Accepted}</td><td class=\"num\">{d.NotApplicable}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void SuccessCriteria(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"success-criteria\">\n<h2>Success criteria</h2>\n");
        var rows = VerificationChecks.Criteria(a);
        if (rows.Count == 0)
        {
            html.Append("<p>No deployable service was found: the criteria of each gap are the targets.</p>\n</section>\n");
            return;
        }

        html.Append($"<p>Targets for the {E(a.Profile.ToWire())} profile; agree them with the business before launch.</p>\n");
        html.Append("<table>\n<thead><tr><th>Metric</th><th>Target</th><th>How to measure</th><th>Gaps</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append($"<tr><td>{E(row.Metric)}</td><td>{E(row.Target)}</td><td>{E(row.HowToMeasure)}</td><td>{E(string.Join(", ", row.Gaps))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Verification(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"verification\">\n<h2>Verification</h2>\n");
        var rows = VerificationChecks.For(a);
        if (rows.Count == 0)
        {
            html.Append("<p>No deployable service or store was found: re-running <code>gaplens scan .</code> is the check.</p>\n</section>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Check</th><th>Command</th><th>Shows</th><th>Gaps</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append($"<tr><td>{E(row.Check)}</td><td><code>{E(row.Command)}</code></td><td>{E(row.Shows)}</td><td>{E(string.Join(", ", row.Gaps))}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void SinglePoints(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"single-points\">\n<h2>Single points of failure</h2>\n");
        var rows = VerificationChecks.SinglePoints(a);
        if (rows.Count == 0)
        {
            html.Append("<p>None found: no store or single-host deployment in the repository.</p>\n</section>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Component</th><th>Why it is a single point</th><th>Evidence</th><th>What depends on it</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append($"<tr><td>{E(row.Component)}</td><td>{E(row.Why)}</td><td><code>{E(row.Evidence)}</code></td><td>{E(row.Dependents)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Risks(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"risks\">\n<h2>Risk assessment</h2>\n");
        if (a.Risks.Count == 0)
        {
            html.Append("<p>No open gap leaves a risk to rate.</p>\n</section>\n");
            return;
        }

        var phaseOf = a.Plan.SelectMany(p => p.Tasks.Select(t => (t.GapId, p.Number))).ToDictionary(x => x.GapId, x => x.Number, StringComparer.Ordinal);
        html.Append("<table>\n<thead><tr><th>Risk</th><th>Likelihood</th><th>Impact</th><th>Score</th><th>What can happen</th><th>Mitigation</th></tr></thead>\n<tbody>\n");
        foreach (var risk in a.Risks)
        {
            var gap = a.Gaps.First(g => g.GapId == risk.GapId);
            var phase = phaseOf.TryGetValue(risk.GapId, out var number) ? $" in phase {number}" : string.Empty;
            html.Append($"<tr><td><a href=\"#{E(risk.GapId)}\">{E(risk.GapId)}</a> {E(risk.Title)}</td><td class=\"num\">{risk.Likelihood}</td><td class=\"num\">{risk.Impact}</td><td class=\"num\"><b>{risk.Score}</b></td>" +
                        $"<td>{E(risk.Description)}</td><td>Close {E(risk.GapId)}{phase} ({E(gap.Owner)}, {E(gap.Effort.ToString())})</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Accepted(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"accepted\">\n<h2>Accepted and deferred items</h2>\n");
        var accepted = a.Accepted.ToList();
        if (accepted.Count == 0)
        {
            html.Append($"<p>None: no gap is deferred by the {E(a.Profile.ToWire())} profile or waived in <code>.gaplens.yml</code>.</p>\n</section>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>Gap</th><th>Status</th><th>Accepted as</th><th>Reason</th><th>Expires</th></tr></thead>\n<tbody>\n");
        foreach (var item in accepted)
        {
            var acceptance = item.Acceptance!;
            html.Append($"<tr><td>{E(item.GapId)} {E(item.Title)}</td><td>{item.Status.ToWire()}</td><td>{(acceptance.Kind == "deferred" ? $"deferred by the {E(a.Profile.ToWire())} profile" : "waiver")}</td><td>{E(acceptance.Reason)}</td><td>{acceptance.Expires?.ToString("yyyy-MM-dd", Invariant) ?? "-"}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Checklist(StringBuilder html, Assessment a)
    {
        var tasks = a.Plan.SelectMany(p => p.Tasks).ToList();
        html.Append($"<section id=\"checklist\">\n<h2>Checklist</h2>\n<details><summary>{tasks.Count} task{(tasks.Count == 1 ? string.Empty : "s")} to paste into an issue</summary>\n<pre>");
        foreach (var task in tasks)
        {
            html.Append($"- [ ] {E(task.GapId)} {E(task.Title)} ({task.Severity.ToWire()}, {E(task.Owner)}, {E(task.Effort.ToString())})\n");
        }

        html.Append("</pre>\n</details>\n</section>\n");
    }

    private static void NotApplicable(StringBuilder html, Assessment a)
    {
        var items = a.Practices.Where(p => p.Status == PracticeStatus.NotApplicable).ToList();
        html.Append($"<section id=\"not-applicable\">\n<h2>Not applicable</h2>\n<details><summary>{items.Count} practice{(items.Count == 1 ? string.Empty : "s")} do not apply</summary>\n<table>\n<tbody>\n");
        foreach (var item in items)
        {
            html.Append($"<tr><td>{E(item.Title)} (<code>{E(item.Id)}</code>)</td><td>{E(item.Verdict.Reason)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</details>\n</section>\n");
    }

    private static void Appendix(StringBuilder html, Assessment a)
    {
        html.Append("<section id=\"appendix\">\n<h2>Appendix</h2>\n<details><summary>How scores are computed</summary>\n");
        html.Append($"<p>{E(Scoring.Description)}</p>\n</details>\n</section>\n");
    }

    private static void Facts(StringBuilder html, Assessment a)
    {
        var facts = a.Facts;
        html.Append("<section id=\"facts\">\n<h2>Repository facts</h2>\n");
        html.Append($"<p>Languages: {E(string.Join(", ", facts.Languages))} · platforms: {E(string.Join(", ", facts.Platforms))} · CI: {E(string.Join(", ", facts.CiSystems))}</p>\n");
        if (facts.Hosting.Count > 0)
        {
            html.Append($"<p>Where it runs: {E(string.Join(", ", facts.Hosting.Select(h => h.Evidence.Path.Length == 0 ? Ecosystems.Platforms.HostingPlatforms.Display(h.Key) : $"{Ecosystems.Platforms.HostingPlatforms.Display(h.Key)} ({h.Evidence})")))}</p>\n");
        }

        if (facts.Dependencies.Count > 0)
        {
            html.Append($"<p>Depends on: {string.Join(", ", facts.Dependencies.Select(d => $"{E(d.Name)} (<code>{E(d.Evidence.ToString())}</code>)"))}</p>\n");
        }

        if (facts.Services.Count > 0)
        {
            html.Append("<table>\n<thead><tr><th>Service</th><th>Kind</th><th>Path</th><th>Found at</th></tr></thead>\n<tbody>\n");
            foreach (var service in facts.Services)
            {
                html.Append($"<tr><td>{E(service.Name)}</td><td>{E(service.Kind)}</td><td><code>{E(service.Path.Length == 0 ? "." : service.Path)}</code></td><td><code>{E(service.Evidence.ToString())}</code></td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Warnings(StringBuilder html, Assessment a)
    {
        var warnings = a.Scan.Warnings.Concat(a.Warnings).ToList();
        if (warnings.Count == 0)
        {
            return;
        }

        // A file read with a note (its encoding guessed) was read: it is not among those the scan went without.
        var problems = warnings.Where(w => w.Kind == ScanWarningKind.Problem).Select(w => w.Path).Distinct(StringComparer.Ordinal).Count();
        var notes = warnings.Count(w => w.Kind == ScanWarningKind.Note);
        var summary = new List<string>();
        if (problems > 0)
        {
            summary.Add($"{problems} {(problems == 1 ? "file or setting" : "files or settings")} could not be read, parsed or followed, or need attention");
        }

        if (notes > 0)
        {
            summary.Add($"{notes} {(notes == 1 ? "file was" : "files were")} read with a note (such as a guessed encoding); {(notes == 1 ? "its" : "their")} content counts");
        }

        html.Append($"<section id=\"warnings\">\n<h2>Warnings</h2>\n<details><summary>{E(string.Join("; ", summary))}</summary>\n<ul>\n");
        foreach (var w in warnings.Take(200))
        {
            html.Append($"<li><code>{E(w.Path)}</code> {E(w.Message)}</li>\n");
        }

        html.Append("</ul>\n</details>\n</section>\n");
    }

    /// <summary>Text from the repository for HTML: secrets masked, markup encoded, control characters made visible.</summary>
    private static string E(string? text) => WebUtility.HtmlEncode(ControlCharacters.Visible(SecretPatterns.Mask(text ?? string.Empty)));

    private static string Pct(double value) => value.ToString("0", Invariant) + "%";

    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#fafafa;color:#212121}
        main{max-width:1100px;margin:0 auto;padding:24px}
        h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:32px}
        .meta{color:#616161;font-size:.9em}
        .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;min-width:120px}
        .big{font-size:1.8em;font-weight:600}
        .sev-critical{border-left:5px solid #c62828}.sev-high{border-left:5px solid #ef6c00}.sev-medium{border-left:5px solid #f9a825}.sev-low{border-left:5px solid #2e7d32}
        .badge{display:inline-block;padding:1px 6px;border-radius:4px;font-size:.75em;background:#eceff1;text-transform:uppercase}
        .status{font-size:.8em;color:#616161;font-weight:normal}
        table{border-collapse:collapse;background:#fff;width:100%}th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
        td.num{text-align:right}.path{color:#757575;font-size:.8em}
        details.domain{background:#fff;border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:6px 12px}
        summary{cursor:pointer;font-weight:600}.count{color:#757575;font-weight:normal;font-size:.85em}
        article.gap{border-top:1px solid #eee;padding:6px 0}code{background:#f1f3f4;padding:1px 4px;border-radius:3px;word-break:break-all}
        svg .label,svg .value{font-size:13px;fill:#212121}svg .legend{font-size:11px;fill:#757575}
        """;
}
