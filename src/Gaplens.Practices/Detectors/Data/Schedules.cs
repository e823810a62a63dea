using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Data;

/// <summary>
/// Whether a data-protection job runs by itself. A dump or restore command in a script, a build target or a CI
/// pipeline is something a person can run; it is automated only when something schedules it: a CI pipeline on a
/// schedule that runs it (followed through scripts and build files), a Kubernetes CronJob, a crontab line or a
/// systemd timer. A script whose header says it is run by hand is never automated by itself.
/// </summary>
internal static partial class Schedules
{
    /// <summary>A match that needs a schedule to count as automated: it lies in a script, a build file or a CI pipeline.</summary>
    public static bool NeedsSchedule(PracticeContext context, SignalMatch match)
    {
        var path = match.Evidence.Path;
        if (IsCiFile(context, path))
        {
            return true;
        }

        // A script file found by its name, or a command written in a script or build file. Application code that calls
        // a dump or restore (or a framework scheduler entry) is judged by its own signal.
        var file = context.Workspace.Files.Get(path);
        return file is not null && (file.Is(FileClass.Shell | FileClass.Build) || match.Evidence.Line is null && IsScriptName(file.Name));
    }

    /// <summary>True when something runs the match's file (or, in a CI file, its pipeline) on a schedule.</summary>
    public static bool IsScheduled(PracticeContext context, SignalMatch match, out Evidence? by)
    {
        var path = match.Evidence.Path;
        by = null;
        var ci = context.Workspace.Ci;
        if (IsCiFile(context, path))
        {
            var run = ci.Runs.FirstOrDefault(r => Scheduled(r) && (r.Pipeline.Path == path || r.Pipeline.Parts.Contains(path, StringComparer.Ordinal)));
            by = run is null ? null : new Evidence(run.Pipeline.Path, run.Step.Line, "scheduled CI pipeline");
            return run is not null;
        }

        if (ManualHeader(context, path))
        {
            return false;
        }

        var name = path[(path.LastIndexOf('/') + 1)..];
        foreach (var run in ci.Runs.Where(Scheduled))
        {
            var command = run.Commands.FirstOrDefault(c => c.Path == path || c.Text.Contains(name, StringComparison.Ordinal));
            if (command is not null || run.Step.AllText.Contains(name, StringComparison.Ordinal))
            {
                by = new Evidence(run.Pipeline.Path, run.Step.Line, "scheduled CI pipeline runs it");
                return true;
            }
        }

        // A crontab line, a systemd timer's service or a Kubernetes CronJob that names the script.
        foreach (var file in context.Workspace.Files.Files)
        {
            if (file.Path == path || !file.Is(FileClass.Config | FileClass.Shell | FileClass.OtherText) || context.Workspace.Text(file) is not { } text ||
                !text.Text.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var cronFile = file.Name.Contains("cron", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".timer", StringComparison.Ordinal) ||
                           text.Text.Contains("kind: CronJob", StringComparison.Ordinal);
            var number = 0;
            foreach (var line in text.Lines())
            {
                number++;
                if (line.Contains(name, StringComparison.Ordinal) && (cronFile || CrontabLine().IsMatch(line)))
                {
                    by = new Evidence(file.Path, number, "scheduled by cron");
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A script whose opening comment says it is run by hand ("run manually", "manual backup").</summary>
    public static bool ManualHeader(PracticeContext context, string path)
    {
        if (context.Workspace.Text(path) is not { } text)
        {
            return false;
        }

        var lines = text.Lines().Take(15).Where(l => l.TrimStart().StartsWith('#') || l.TrimStart().StartsWith("//", StringComparison.Ordinal) || l.TrimStart().StartsWith("REM ", StringComparison.OrdinalIgnoreCase));
        return lines.Any(l => ManualWords().IsMatch(l));
    }

    private static bool Scheduled(CiStepRun run) => run.Triggers.Contains(CiTriggers.Schedule, StringComparer.Ordinal);

    private static bool IsCiFile(PracticeContext context, string path) =>
        context.Workspace.Ci.Pipelines.Any(p => p.Path == path || p.Parts.Contains(path, StringComparer.Ordinal));

    private static bool IsScriptName(string name) =>
        name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal) || name.EndsWith(".ps1", StringComparison.Ordinal) ||
        name.EndsWith(".py", StringComparison.Ordinal);

    /// <summary>A crontab entry: five schedule fields (or an @daily-style macro) before the command.</summary>
    [GeneratedRegex(@"^\s*(@(hourly|daily|weekly|monthly|yearly|annually|midnight)\b|([\d*/,\-]+\s+){5})")]
    private static partial Regex CrontabLine();

    [GeneratedRegex(@"(?i)\b(run|ran|execute|invoke|call)\w*\s+(it\s+|this\s+(script\s+)?)?(by\s+hand|manually)\b|\bmanual(ly)?\s+(backup|restore|dump|run)\b|\bnot\s+(scheduled|automated)\b")]
    private static partial Regex ManualWords();
}
