using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Scalability;

/// <summary>CPU/memory requests and limits on every deployed container (Kubernetes, compose, ECS/Container Apps in IaC).</summary>
public sealed class ResourceLimitsDetector : IPracticeDetector
{
    public string PracticeId => "scale-resource-limits";

    public Verdict Detect(PracticeContext context)
    {
        var with = new List<Evidence>();
        var without = new List<(string Name, string? Path)>();
        foreach (var workload in context.Workspace.DeployedWorkloads)
        {
            foreach (var container in workload.Containers)
            {
                if (container.ResourcesLine is { } line)
                {
                    with.Add(new Evidence(workload.Path, line, $"{workload.Kind} '{workload.Name}' sets resources"));
                }
                else
                {
                    without.Add(($"{workload.Name}/{container.Name}", workload.Path));
                }
            }
        }

        foreach (var service in ComposeServices.Merged(context.Workspace))
        {
            if (service.Resources is { } resources)
            {
                with.Add(resources);
            }
            else if (ComposeServices.Counts(service, context.Workspace, context.Facts))
            {
                without.Add((service.Name, service.Path));
            }
        }

        with.AddRange(context.PresentMatches.Where(m => m.Evidence.Path.EndsWith(".tf", StringComparison.Ordinal) || m.Evidence.Path.EndsWith(".bicep", StringComparison.Ordinal) || m.Evidence.Path.EndsWith(".json", StringComparison.Ordinal)).Select(m => m.Evidence));
        without = without.Distinct().ToList();
        if (with.Count == 0)
        {
            return context.Missing($"No CPU/memory requests or limits on the deployed containers{(without.Count > 0 ? $" ({PracticeContext.NamesByFile(without, 6)})" : string.Empty)}.",
                ["resources.requests/limits in Kubernetes manifests and Helm values", "deploy.resources or mem_limit/cpus in compose", "task cpu/memory in ECS or Container Apps definitions"]);
        }

        if (without.Count == 0)
        {
            return context.Present(with, "Resource requests/limits are set: " + PracticeContext.Describe(with) + ".");
        }

        return context.Partial(with, $"{with.Count} {(with.Count == 1 ? "container sets" : "containers set")} resources; none on {PracticeContext.NamesByFile(without)}.");
    }
}
