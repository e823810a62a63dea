using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Data;

/// <summary>
/// Automated backups, judged by the catalog's signals. When the repository provisions no infrastructure at all, the
/// database lives somewhere this scan cannot see, so the missing verdict says where to look instead of only "none".
/// </summary>
public sealed class DataBackupDetector : IPracticeDetector
{
    public string PracticeId => "data-backup";

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status != PracticeStatus.Missing || context.Facts.DeploysToOrchestratorOrCloud)
        {
            return verdict;
        }

        return context.Missing(
            verdict.Reason + " Nothing in the repository provisions the database either, so backups may be set up where it is hosted: " +
            "confirm them there (retention, a tested restore) and record a waiver, or declare them in code.", verdict.Searched);
    }
}
