using Gaplens.Ecosystems.Facts;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Config;

/// <summary>
/// Infrastructure described as code. Provisioning tools (Terraform, Bicep, Pulumi, CDK, CloudFormation, Helm,
/// kustomize, azd, Aspire cloud resources) make it present; raw Kubernetes manifests or Docker Compose alone describe
/// the deployment but provision nothing, which is partial.
/// </summary>
public sealed class ConfigIacDetector : IPracticeDetector
{
    private static readonly string[] Provisioning = ["terraform", "bicep", "arm", "pulumi", "cdk", "cloudformation", "helm", "kustomize", "azd", "serverless", "azure-container-apps"];

    public string PracticeId => "config-iac";

    public Verdict Detect(PracticeContext context)
    {
        var facts = context.Facts;
        var tools = Provisioning.Where(facts.Has).ToList();
        var present = context.PresentMatches.Select(m => m.Evidence).ToList();
        if (tools.Count > 0 || present.Count > 0)
        {
            var evidence = present.Count > 0 ? present : Locate(context, tools);
            return context.Present(evidence, $"Infrastructure as code: {string.Join(", ", tools.DefaultIfEmpty("declared resources"))}. {PracticeContext.Describe(evidence)}.");
        }

        var partial = new List<Evidence>();
        if (facts.Has("kubernetes"))
        {
            partial.AddRange(context.Workspace.DeployedWorkloads.Take(4).Select(o => new Evidence(o.Path, o.Line, $"Kubernetes {o.Kind} manifest")));
        }

        if (facts.Has("compose"))
        {
            partial.AddRange(context.Workspace.ComposeFiles.Where(c => FactsBuilder.DescribesDeployment(c.Path)).Take(3).Select(c => new Evidence(c.Path, 1, "Docker Compose file")));
        }

        // A dev container's compose file describes a development stack, not a deployment.
        partial.AddRange(context.PartialMatches.Select(m => m.Evidence)
            .Where(e => context.Workspace.ComposeFiles.All(c => c.Path != e.Path) || FactsBuilder.DescribesDeployment(e.Path)));
        if (partial.Count > 0)
        {
            var what = facts.Has("kubernetes") ? "raw Kubernetes manifests" : "Docker Compose files";
            return context.Partial(partial, $"The deployment is described only by {what}; nothing provisions the infrastructure it runs on (cluster, database, network, DNS).");
        }

        return context.Missing("No infrastructure as code: the environments the service runs in are created by hand.",
            ["Terraform (*.tf)", "Bicep/ARM", "Pulumi, CDK, CloudFormation", "Helm charts, kustomize", "azd (azure.yaml)", "Kubernetes manifests or Compose files (partial)"]);
    }

    private static List<Evidence> Locate(PracticeContext context, List<string> tools)
    {
        var result = new List<Evidence>();
        foreach (var tf in context.Workspace.TerraformFiles.Take(3))
        {
            result.Add(new Evidence(tf.Path, 1, "Terraform configuration"));
        }

        foreach (var chart in context.Workspace.HelmCharts.Take(3))
        {
            result.Add(new Evidence(chart.Length == 0 ? "Chart.yaml" : chart + "/Chart.yaml", 1, "Helm chart"));
        }

        foreach (var kustomization in context.Workspace.Kustomizations.Take(3))
        {
            result.Add(new Evidence(kustomization, 1, "kustomize configuration"));
        }

        if (result.Count == 0)
        {
            result.Add(new Evidence(".", null, string.Join(", ", tools)));
        }

        return result;
    }
}
