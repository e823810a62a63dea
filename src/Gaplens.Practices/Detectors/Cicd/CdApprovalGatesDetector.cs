using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>Deploy jobs pass a protected environment or a manual approval before production.</summary>
public sealed partial class CdApprovalGatesDetector : IPracticeDetector
{
    public string PracticeId => "cd-approval-gates";

    public Verdict Detect(PracticeContext context)
    {
        var gates = new List<Evidence>();
        var productionGates = new List<Evidence>();
        foreach (var pipeline in context.Workspace.Pipelines)
        {
            foreach (var job in pipeline.Jobs)
            {
                if (job.Environment is { } environment && !environment.Contains("preview", StringComparison.OrdinalIgnoreCase))
                {
                    var evidence = new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line,
                        pipeline.System == "github-actions" ? $"job '{job.Name}' uses the protected environment '{environment}'" : $"job '{job.Name}' deploys to environment '{environment}'");
                    gates.Add(evidence);
                    if (Production().IsMatch(environment))
                    {
                        productionGates.Add(evidence);
                    }
                }

                if (job.Manual)
                {
                    gates.Add(new Evidence(pipeline.Path, job.Line, $"job '{job.Name}' waits for a manual approval"));
                }
            }
        }

        if (gates.Count > 0)
        {
            var reason = productionGates.Count > 0 || gates.Any(g => g.Detail.Contains("manual", StringComparison.Ordinal))
                ? "Deployments pass an approval gate: " + PracticeContext.Describe(gates) + ". Required reviewers on the environment are set in the CI server and cannot be seen in the repository."
                : "Deploy jobs use environments (" + PracticeContext.Describe(gates) + "); required reviewers are set in the CI server and cannot be seen in the repository.";
            return context.Present(gates, reason);
        }

        return context.Missing("Deploy jobs run without a protected environment or a manual approval step.",
            ["GitHub Actions environment: on deploy jobs", "GitLab when: manual / protected environments", "Azure Pipelines deployment jobs with environments", "CircleCI approval jobs", "Jenkins input steps"]);
    }

    [GeneratedRegex("prod|live|release", RegexOptions.IgnoreCase)]
    private static partial Regex Production();
}
