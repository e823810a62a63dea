using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A bad release can be reverted: by a rollback command, an automatic rollback strategy or a documented procedure.
/// A "Rollback" section counts as the deployment's procedure in documents about deploying, releasing or operating
/// the service (not the rollback plan of a feature or of a credential rotation). When nothing else is found, images
/// that CI pushes with an immutable version tag (commit SHA, release tag) make the previous version redeployable:
/// partial.
/// </summary>
public sealed partial class CdRollbackDetector : IPracticeDetector
{
    public string PracticeId => "cd-rollback";

    public Verdict Detect(PracticeContext context)
    {
        var present = context.PresentMatches.Where(Counts).ToList();
        if (present.Count > 0)
        {
            var evidence = PracticeContext.EvidenceOf(present).ToList();
            return context.Present(evidence, "Found " + PracticeContext.Describe(evidence) + ".");
        }

        var partial = context.PartialMatches.Where(Counts).ToList();
        if (partial.Count > 0)
        {
            var evidence = PracticeContext.EvidenceOf(partial).ToList();
            return context.Partial(evidence, "Partly in place: " + PracticeContext.Describe(evidence) + ".");
        }

        var versioned = VersionedImages(context.Workspace.Ci);
        if (versioned.Count > 0)
        {
            return context.Partial(versioned,
                "CI pushes images tagged with an immutable version (" + PracticeContext.Describe(versioned) + "), so the previous version can be redeployed, but there is no rollback command, automatic rollback or documented procedure.");
        }

        return context.Missing(DefaultPolicy.MissingReason(context), context.SearchedSignals);
    }

    private static bool Counts(SignalMatch match) => match.Signal.Name != "rollbackHeading" || DeploymentDocument().IsMatch(match.Evidence.Path);

    /// <summary>Jobs that push images and tag them with a commit SHA or a release version.</summary>
    private static List<Evidence> VersionedImages(CiModel ci)
    {
        var result = new List<Evidence>();
        foreach (var push in ci.Deploys.Where(d => d.Kind == DeployKind.ImagePush))
        {
            var job = ci.Runs.Where(r => ReferenceEquals(r.Job, push.Job));
            if (job.SelectMany(r => r.Commands).FirstOrDefault(c => VersionTag().IsMatch(c.Text)) is { } tag && result.All(e => e.Path != push.Run.Path))
            {
                result.Add(new Evidence(push.Run.Path, push.Run.Step.Line, $"image tagged with `{VersionTag().Match(tag.Text).Value}`"));
            }
        }

        return result;
    }

    [GeneratedRegex(@"(?i)(^|/)(readme[^/]*|[^/]*(deploy|releas|rollback|roll-back|runbook|operat|upgrad|production|hosting|rollout)[^/]*)(/|$)")]
    private static partial Regex DeploymentDocument();

    [GeneratedRegex(@"\$\{\{\s*(github\.sha|github\.ref_name|steps\.[\w-]+\.outputs\.(version|tag|sha)[\w-]*|env\.(VERSION|TAG|IMAGE_TAG|SHA|GIT_SHA)\w*)\s*\}\}|\$\{?(GITHUB_SHA|CI_COMMIT_SHA|CI_COMMIT_SHORT_SHA|CI_COMMIT_TAG|COMMIT_SHA|SHORT_SHA|TAG_NAME|BUILDKITE_COMMIT|BUILDKITE_TAG|DRONE_COMMIT(_SHA)?|DRONE_TAG|CIRCLE_SHA1|CIRCLE_TAG|TRAVIS_COMMIT|TRAVIS_TAG|BITBUCKET_COMMIT|BITBUCKET_TAG|GIT_SHA|GIT_COMMIT|IMAGE_TAG|RELEASE_VERSION)\b|\$\((Build\.SourceVersion|Build\.BuildId|Build\.BuildNumber)\)|type=(sha|semver)")]
    private static partial Regex VersionTag();
}
