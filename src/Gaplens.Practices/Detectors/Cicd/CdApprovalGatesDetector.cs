using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// Deploy jobs pass a protected environment or a manual approval (a manual job, a Buildkite block step, a Concourse
/// job started by hand, a Cloud Build trigger that needs approval). A deploy that only starts by a deliberate act (a
/// dispatch, a published release, a pushed tag, a promotion) is partial; a deploy into a throwaway CI cluster has
/// nothing to gate.
/// </summary>
public sealed class CdApprovalGatesDetector : IPracticeDetector
{
    public string PracticeId => "cd-approval-gates";

    public Verdict Detect(PracticeContext context)
    {
        var ci = context.Workspace.Ci;
        var steps = ci.Deploys;
        var gates = new List<Evidence>();
        var publishing = new List<Evidence>();
        foreach (var pipeline in ci.Pipelines)
        {
            foreach (var job in pipeline.Jobs)
            {
                var jobSteps = steps.Where(s => ReferenceEquals(s.Job, job)).ToList();
                if (job.Environment is { } publishEnvironment && jobSteps.Count > 0 && jobSteps.All(s => s.Kind == DeployKind.PackagePublish))
                {
                    // Package registries' trusted publishing asks for an environment: it names who publishes, not who approves.
                    publishing.Add(new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line, $"job '{job.Name}' publishes a package from the environment '{publishEnvironment}'"));
                }
                else if (job.Environment is { } environment && !environment.Contains("preview", StringComparison.OrdinalIgnoreCase))
                {
                    gates.Add(new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line,
                        pipeline.System == "github-actions" ? $"job '{job.Name}' uses the protected environment '{environment}'" : $"job '{job.Name}' deploys to environment '{environment}'"));
                }

                // Where a gate holds every later step (a Buildkite block, a Concourse job started by hand, a Cloud Build
                // trigger needing approval), it gates the jobs that deploy.
                var holdsLaterSteps = pipeline.System is "buildkite" or "concourse" or "google-cloud-build";
                if (job.Manual && (!holdsLaterSteps || steps.Any(s => ReferenceEquals(s.Job, job))))
                {
                    gates.Add(new Evidence(pipeline.Path, job.Line, holdsLaterSteps ? $"job '{job.Name}' runs only after a person approves or starts it" : $"job '{job.Name}' waits for a manual approval"));
                }
            }
        }

        if (gates.Count == 0 && steps.Count > 0 && steps.All(s => s.Kind == DeployKind.Throwaway))
        {
            return context.NotApplicable("Nothing is deployed to a persistent environment (the only deploy targets a throwaway cluster inside CI), so there is nothing to gate.");
        }

        if (gates.Count > 0)
        {
            return context.Present(gates, "Deployments pass an approval gate: " + PracticeContext.Describe(gates) + ". Required reviewers on an environment are set in the CI server and cannot be seen in the repository.");
        }

        if (publishing.Count > 0)
        {
            return context.Partial(publishing, "Publishing runs in a GitHub environment (" + PracticeContext.Describe(publishing) + "), but nothing in the repository says the environment requires a reviewer: for package publishing it usually only identifies the trusted publisher.");
        }

        var shipping = steps.Where(s => s.Kind != DeployKind.Throwaway).ToList();
        if (shipping.Count > 0 && shipping.All(s => s.Run.Triggers.Count > 0 && s.Run.Triggers.All(CiTriggers.Deliberate.Contains)))
        {
            var evidence = shipping.Select(s => new Evidence(s.Run.Path, s.Run.Step.Line, $"runs only on {string.Join("/", s.Run.Triggers)}")).Distinct().ToList();
            return context.Partial(evidence, "Deployments start only by a deliberate act (a manual dispatch, a published release, a pushed tag or a promotion), but no protected environment or required reviewer gates them.");
        }

        if (shipping.Count == 0 && context.Facts.GitServerlessPlatform is { } platform)
        {
            return context.Partial([],
                $"The {platform} platform deploys from Git outside any pipeline: production changes on every merge to the production branch, so the only gate is branch protection and review, which cannot be seen in the repository; promote releases explicitly for a real approval step.");
        }

        return context.Missing("Deploy jobs run without a protected environment or a manual approval step.",
            ["GitHub Actions environment: on deploy jobs", "GitLab when: manual / protected environments", "Azure Pipelines deployment jobs with environments", "CircleCI approval jobs", "Jenkins input steps", "Buildkite block steps", "Bitbucket deployments with trigger: manual"]);
    }
}
