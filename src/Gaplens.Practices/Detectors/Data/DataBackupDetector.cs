using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Data;

/// <summary>
/// Automated backups, judged by the catalog's signals. A backup that rests only on scripts nothing schedules (no CI
/// schedule, cron entry, systemd timer or CronJob runs them) depends on someone remembering: partial, and missing
/// when the script itself says it is run by hand (the scripts stay as evidence). When the repository
/// provisions no infrastructure at all, the database lives somewhere this scan cannot see, so the missing verdict says
/// where to look instead of only "none".
/// </summary>
public sealed partial class DataBackupDetector : IPracticeDetector
{
    public string PracticeId => "data-backup";

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status == PracticeStatus.Present && ManualOnly(context, verdict, out var saysManual) is { } manual)
        {
            // A script that says it is run by hand is no automated backup; one that is merely unscheduled is part of one.
            return saysManual
                ? context.Missing(manual, verdict.Searched.Count > 0 ? verdict.Searched : context.SearchedSignals, verdict.Evidence)
                : context.Partial(verdict.Evidence, manual);
        }

        if (verdict.Status != PracticeStatus.Missing || context.Facts.DeploysToOrchestratorOrCloud)
        {
            return verdict;
        }

        return context.Missing(
            verdict.Reason + " Nothing in the repository provisions the database either, so backups may be set up where it is hosted: " +
            "confirm them there (retention, a tested restore) and record a waiver, or declare them in code.", verdict.Searched);
    }

    /// <summary>The reason when every piece of evidence is a script and none of them is run on a schedule; else null.</summary>
    private static string? ManualOnly(PracticeContext context, Verdict verdict, out bool saysManual)
    {
        saysManual = false;
        var scripts = verdict.Evidence.Select(e => e.Path).Distinct(StringComparer.Ordinal).ToList();
        if (scripts.Count == 0 || !scripts.All(p => context.Workspace.Files.Get(p) is { } file && file.Is(FileClass.Shell | FileClass.Python)))
        {
            return null;
        }

        if (scripts.Any(script => Scheduled(context, script)))
        {
            return null;
        }

        var header = scripts.Select(s => (Path: s, Line: ManualHeader(context, s))).FirstOrDefault(s => s.Line is not null);
        saysManual = header.Line is not null;
        var said = header.Line is { } line ? $" ({header.Path} says: \"{line}\")" : string.Empty;
        return $"Only backup scripts that nothing schedules: {string.Join(", ", scripts)}{said}. No CI schedule, cron entry, systemd timer or " +
               "CronJob runs them, so a backup happens only when someone remembers: that is not an automated backup.";
    }

    /// <summary>A scheduled pipeline runs the script, or a cron table, timer or CronJob names it.</summary>
    private static bool Scheduled(PracticeContext context, string script)
    {
        var name = script[(script.LastIndexOf('/') + 1)..];
        if (context.Workspace.Ci.Runs.Any(r => r.Triggers.Contains(CiTriggers.Schedule, StringComparer.Ordinal) &&
                                               r.Commands.Any(c => c.Text.Contains(name, StringComparison.Ordinal) || c.Path == script)))
        {
            return true;
        }

        foreach (var file in context.Workspace.Files.Files.Where(f => f.Path != script && f.Is(FileClass.AnyText)))
        {
            var path = file.Path.ToLowerInvariant();
            var scheduler = path.Contains("cron", StringComparison.Ordinal) || path.EndsWith(".timer", StringComparison.Ordinal) || file.Is(FileClass.Yaml);
            if (!scheduler || context.Workspace.Text(file) is not { } text || !text.Text.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            if (!file.Is(FileClass.Yaml) || ScheduleWord().IsMatch(text.Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A comment near the top of the script that says it is run by hand.</summary>
    private static string? ManualHeader(PracticeContext context, string script)
    {
        if (context.Workspace.Text(script) is not { } text)
        {
            return null;
        }

        for (var line = 1; line <= Math.Min(10, text.LineCount); line++)
        {
            var content = text.Line(line).Trim();
            if (content.StartsWith('#') && ManualWord().IsMatch(content))
            {
                return content.TrimStart('#', ' ');
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(run|execute|invoke)\s+(it\s+|this\s+)?(manually|by hand)\b|\bmanual(ly)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex ManualWord();

    [GeneratedRegex(@"\b(schedule|cron|CronJob|OnCalendar)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ScheduleWord();
}
