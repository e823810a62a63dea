using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A pipeline runs on pull/merge requests, from its triggers (or the CI system's documented default). A workflow
/// called by one that runs on pull requests validates them too; triggers kept outside the repository (Cloud Build,
/// Buildkite, Jenkins) are unknown unless the repository declares them (a Terraform build trigger).
/// </summary>
public sealed class CiPrValidationDetector : IPracticeDetector
{
    public string PracticeId => "ci-pr-validation";

    public Verdict Detect(PracticeContext context)
    {
        var pipelines = context.Workspace.Ci.Pipelines;
        var validating = pipelines.Where(p => p.PullRequests == true).ToList();
        if (validating.Count > 0)
        {
            var evidence = validating.Select(p => new Evidence(p.Path, p.PullRequestLine > 0 ? p.PullRequestLine : 1,
                p.PullRequestLine > 0 ? $"{p.System} runs on pull/merge requests" : $"{p.System} builds pull requests by default"));
            return context.Present(evidence, $"{validating.Count} pipeline(s) run on pull requests: {string.Join(", ", validating.Select(p => p.Path))}.");
        }

        var unknown = pipelines.Where(p => p.PullRequests is null).ToList();
        if (unknown.Count > 0)
        {
            return context.Partial(unknown.Select(p => new Evidence(p.Path, 1, $"{p.System} pipeline; pull request builds depend on server settings")),
                "The pipelines do not declare a pull request trigger; whether pull requests are validated depends on the CI server's job settings.");
        }

        return context.Missing("The CI pipelines run on push or schedule only; pull requests are merged without an automated check.",
            ["on: pull_request (GitHub Actions)", "merge_request_event rules (GitLab)", "pr: trigger (Azure Pipelines)", "pull-requests pipelines (Bitbucket)", "event: pull_request (Woodpecker, Drone)", "a pull_request build trigger (Cloud Build)"],
            pipelines.Select(p => new Evidence(p.Path, 1, $"{p.System} triggers: {string.Join(", ", p.Triggers)}")));
    }
}
