using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Data;

/// <summary>
/// Tested restores. A restore script or command is a procedure; it is a tested restore only when something runs it
/// regularly (a scheduled CI pipeline, a CronJob, a crontab line) or a restore drill/verification exists. A restore
/// script nothing runs, or one whose header says it is run by hand, is partial. A unit test module that happens to be
/// named after a restore is not a restore script.
/// </summary>
public sealed class RestoreTestDetector : IPracticeDetector
{
    private const string VerificationDetail = "restore verification";

    public string PracticeId => "data-restore-test";

    public Verdict Detect(PracticeContext context)
    {
        var tested = new List<Evidence>();
        var manual = new List<SignalMatch>();
        foreach (var match in context.PresentMatches)
        {
            if (context.Workspace.IsTestPath(match.Evidence.Path) && context.Workspace.Files.Get(match.Evidence.Path) is { } file && file.Is(FileClass.Code) &&
                match.Evidence.Line is null)
            {
                continue;
            }

            if (match.Signal.Detail == VerificationDetail || !Schedules.NeedsSchedule(context, match))
            {
                tested.Add(match.Evidence);
            }
            else if (Schedules.IsScheduled(context, match, out var by))
            {
                tested.Add(match.Evidence);
                tested.AddRange(by is null ? [] : [by]);
            }
            else
            {
                manual.Add(match);
            }
        }

        if (tested.Count > 0)
        {
            return context.Present(tested, "Found " + PracticeContext.Describe(tested) + ".");
        }

        if (manual.Count > 0)
        {
            var evidence = PracticeContext.EvidenceOf(manual).Concat(PracticeContext.EvidenceOf(context.PartialMatches)).ToList();
            return context.Partial(evidence,
                "A restore procedure exists (" + PracticeContext.Describe(PracticeContext.EvidenceOf(manual)) + "), but nothing runs it regularly " +
                "(no scheduled CI pipeline, CronJob or drill restores a backup and checks it), so nobody knows whether the backups restore.");
        }

        var partial = context.PartialMatches.Where(m => !(context.Workspace.IsTestPath(m.Evidence.Path) && m.Evidence.Line is null)).ToList();
        return partial.Count > 0
            ? context.Partial(PracticeContext.EvidenceOf(partial), "Partly in place: " + PracticeContext.Describe(PracticeContext.EvidenceOf(partial)) + ".")
            : context.Missing(DefaultPolicy.MissingReason(context));
    }
}
