using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Data;

/// <summary>
/// Automated backups. A dump command or backup script is automated only when something runs it on a schedule (a
/// scheduled CI pipeline, a CronJob, a crontab line, a timer); one that a person must remember to run, or whose header
/// says it is run by hand, is a manual procedure: partial. A scheduled CI job named for backups counts by itself (it
/// may call the hosting platform's backup API). When the repository provisions no infrastructure at all, the database
/// lives somewhere this scan cannot see, so the missing verdict says where to look instead of only "none".
/// </summary>
public sealed partial class DataBackupDetector : IPracticeDetector
{
    public string PracticeId => "data-backup";

    public Verdict Detect(PracticeContext context)
    {
        var automated = new List<Evidence>();
        var manual = new List<SignalMatch>();
        foreach (var match in context.PresentMatches)
        {
            if (!Schedules.NeedsSchedule(context, match))
            {
                automated.Add(match.Evidence);
            }
            else if (Schedules.IsScheduled(context, match, out var by))
            {
                automated.Add(match.Evidence);
                automated.AddRange(by is null ? [] : [by]);
            }
            else
            {
                manual.Add(match);
            }
        }

        automated.AddRange(ScheduledBackupJobs(context));
        if (automated.Count > 0)
        {
            return context.Present(automated, "Found " + PracticeContext.Describe(automated) + ".");
        }

        if (manual.Count > 0)
        {
            var evidence = PracticeContext.EvidenceOf(manual).ToList();

            // A script that says it is run by hand documents a manual procedure: no automated backup at all.
            if (evidence.Select(e => e.Path).Distinct(StringComparer.Ordinal).Select(p => (Path: p, Line: ManualHeader(context, p))).FirstOrDefault(h => h.Line is not null) is { Line: { } said } header)
            {
                return context.Missing(
                    $"Backups are taken by hand: {header.Path} says \"{said}\" and nothing runs it on a schedule (no scheduled CI pipeline, CronJob, crontab line " +
                    "or timer names it), so there is no automated backup.", context.SearchedSignals, evidence);
            }

            return context.Partial(evidence,
                "Backups are a manual procedure: " + PracticeContext.Describe(evidence) + ", but nothing runs it on a schedule (no scheduled CI " +
                "pipeline, CronJob, crontab line or timer names it), so a backup exists only when someone remembers to take one.");
        }

        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status != PracticeStatus.Missing || context.Facts.DeploysToOrchestratorOrCloud)
        {
            return verdict;
        }

        return context.Missing(
            verdict.Reason + " Nothing in the repository provisions the database either, so backups may be set up where it is hosted: " +
            "confirm them there (retention, a tested restore) and record a waiver, or declare them in code.", verdict.Searched);
    }

    /// <summary>Steps of scheduled CI pipelines whose pipeline, job or step is named for backups.</summary>
    private static IEnumerable<Evidence> ScheduledBackupJobs(PracticeContext context) =>
        context.Workspace.Ci.Runs
            .Where(r => r.Triggers.Contains(CiTriggers.Schedule, StringComparer.Ordinal) && !context.Workspace.IsTestPath(r.Pipeline.Path) &&
                        (Names(r.Pipeline.Path[(r.Pipeline.Path.LastIndexOf('/') + 1)..]) || Names(r.Job.Name) || r.Step.Name is { } step && Names(step)))
            .Select(r => new Evidence(r.Path, r.Step.Line, "scheduled CI backup job"))
            .Take(2);

    private static bool Names(string name) => name.Contains("backup", StringComparison.OrdinalIgnoreCase);

    /// <summary>A comment in the script's first lines that says it is run by hand ("Run manually before upgrades").</summary>
    private static string? ManualHeader(PracticeContext context, string script)
    {
        if (context.Workspace.Text(script) is not { } text)
        {
            return null;
        }

        for (var line = 1; line <= Math.Min(10, text.LineCount); line++)
        {
            var content = text.Line(line).Trim();
            if (content.StartsWith('#') && !content.StartsWith("#!", StringComparison.Ordinal) && ManualWord().IsMatch(content))
            {
                return content.TrimStart('#', ' ');
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(run|execute|invoke)\s+(it\s+|this\s+)?(manually|by hand)\b|\bmanual(ly)?\b|\bby hand\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ManualWord();
}
