using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// Deploy jobs pass a protected environment or a manual approval. A deploy that only starts by hand (workflow
/// dispatch, a published release) is partial; a deploy into a throwaway CI cluster has nothing to gate.
/// </summary>
public sealed class CdApprovalGatesDetector : IPracticeDetector
{
    private static readonly string[] ManualTriggers = ["workflow_dispatch", "release", "repository_dispatch", "push-tags"];


    public string PracticeId => "cd-approval-gates";

    public Verdict Detect(PracticeContext context)
    {
        var steps = DeploySteps.Find(context.Workspace);
        var gates = new List<Evidence>();
        foreach (var pipeline in context.Workspace.Pipelines)
        {
            foreach (var job in pipeline.Jobs)
            {
                if (job.Environment is { } environment && !environment.Contains("preview", StringComparison.OrdinalIgnoreCase))
                {
                    gates.Add(new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line,
                        pipeline.System == "github-actions" ? $"job '{job.Name}' uses the protected environment '{environment}'" : $"job '{job.Name}' deploys to environment '{environment}'"));
                }

                if (job.Manual)
                {
                    gates.Add(new Evidence(pipeline.Path, job.Line, $"job '{job.Name}' waits for a manual approval"));
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

        var shipping = steps.Where(s => s.Kind != DeployKind.Throwaway).ToList();
        if (shipping.Count > 0 && shipping.All(s => s.Pipeline.Triggers.Count > 0 && s.Pipeline.Triggers.All(t => ManualTriggers.Contains(t, StringComparer.Ordinal))))
        {
            var evidence = shipping.Select(s => new Evidence(s.Pipeline.Path, 1, $"runs only on {string.Join("/", s.Pipeline.Triggers)}")).Distinct().ToList();
            return context.Partial(evidence, "Deployments start only by a deliberate act (a manual dispatch, a published release or a pushed tag), but no protected environment or required reviewer gates them.");
        }

        if (shipping.Count == 0 && context.Facts.GitServerlessPlatform is { } platform)
        {
            return context.Partial([],
                $"The {platform} platform deploys from Git outside any pipeline: production changes on every merge to the production branch, so the only gate is branch protection and review, which cannot be seen in the repository; promote releases explicitly for a real approval step.");
        }

        return context.Missing("Deploy jobs run without a protected environment or a manual approval step.",
            ["GitHub Actions environment: on deploy jobs", "GitLab when: manual / protected environments", "Azure Pipelines deployment jobs with environments", "CircleCI approval jobs", "Jenkins input steps"]);
    }
}
