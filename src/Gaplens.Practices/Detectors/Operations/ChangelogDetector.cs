using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Operations;

/// <summary>
/// A changelog, release notes or release tooling is the practice. Without them, releases cut from version tags (a CI
/// pipeline that runs on pushed tags) are at least identifiable, though what changed is written nowhere: partial.
/// </summary>
public sealed class ChangelogDetector : IPracticeDetector
{
    public string PracticeId => "ops-changelog";

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status != PracticeStatus.Missing)
        {
            return verdict;
        }

        var tagged = context.Workspace.Ci.Pipelines
            .Where(p => p.Triggers.Contains(CiTriggers.PushTags, StringComparer.Ordinal) || p.Jobs.Any(j => j.Triggers?.Contains(CiTriggers.PushTags, StringComparer.Ordinal) == true))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();
        if (tagged.Count == 0)
        {
            return verdict;
        }

        return context.Partial(
            tagged.Select(p => new Evidence(p.Path, 1, "releases built from version tags")),
            $"Releases are cut from version tags ({tagged[0].Path}), so each release can be identified, but no changelog or release notes in the repository say what changed.");
    }
}
