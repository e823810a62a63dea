using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Resilience;

/// <summary>
/// Liveness/readiness probes on every Kubernetes workload of the repository's own images, and healthchecks on the
/// compose services that run them (a Dockerfile HEALTHCHECK counts for the services built from it), and health checks
/// of container platforms declared in infrastructure code.
/// </summary>
public sealed class ProbesDetector : IPracticeDetector
{
    public string PracticeId => "res-probes";

    public Verdict Detect(PracticeContext context)
    {
        var with = new List<Evidence>();
        var without = new List<(string Name, string? Path)>();
        foreach (var workload in context.Workspace.DeployedWorkloads.Where(o => o.Kind is not "Job" and not "CronJob"))
        {
            foreach (var container in workload.Containers)
            {
                var probe = container.ReadinessLine ?? container.LivenessLine ?? container.StartupLine;
                if (probe is { } line)
                {
                    var kinds = new[] { (container.LivenessLine, "liveness"), (container.ReadinessLine, "readiness"), (container.StartupLine, "startup") }.Where(k => k.Item1 is not null).Select(k => k.Item2);
                    with.Add(new Evidence(workload.Path, line, $"{workload.Kind} '{workload.Name}': {string.Join("/", kinds)} probes"));
                }
                else if (!FactsBuilder.IsInfrastructureImage(container.Image) || context.Workspace.DeployedWorkloads.Count <= 3)
                {
                    without.Add((workload.Name, workload.Path));
                }
            }
        }

        var healthcheckImages = context.Workspace.Dockerfiles.Where(d => d.All("HEALTHCHECK").Any()).Select(d => d.Directory).ToHashSet(StringComparer.Ordinal);
        foreach (var service in ComposeServices.Merged(context.Workspace))
        {
            if (service.Healthcheck is { } healthcheck)
            {
                with.Add(healthcheck);
            }
            else if (service.BuildContext is { } buildContext && healthcheckImages.Contains(buildContext))
            {
                with.Add(new Evidence(service.Path, service.Line, $"compose service '{service.Name}' inherits the image HEALTHCHECK"));
            }
            else if (ComposeServices.Counts(service, context.Workspace, context.Facts))
            {
                // Development compose files, and any compose file when Kubernetes workloads or a container platform in
                // infrastructure code describe production, run the stack locally: they hold nothing against production.
                without.Add((service.Name, service.Path));
            }
        }

        // Health checks of container platforms declared in infrastructure code (ECS, Container Apps, Render, Fly, Aspire).
        // Kubernetes, compose and Dockerfile signals are judged above, per workload and per service.
        with.AddRange(context.PresentMatches.Where(m => !m.Signal.Detail.StartsWith("Kubernetes ", StringComparison.Ordinal) &&
                                                        m.Signal.Detail is not "Compose healthcheck" and not "Dockerfile HEALTHCHECK").Select(m => m.Evidence));
        without = without.Distinct().ToList();
        if (with.Count == 0)
        {
            return context.Missing($"No liveness/readiness probes or healthchecks on the deployed workloads{(without.Count > 0 ? $" ({PracticeContext.NamesByFile(without, 6)})" : string.Empty)}.",
                ["livenessProbe/readinessProbe/startupProbe in Kubernetes manifests and charts", "healthcheck blocks in compose files", "HEALTHCHECK in Dockerfiles"]);
        }

        if (without.Count == 0)
        {
            return context.Present(with, "Every deployed workload has a probe or healthcheck. " + PracticeContext.Describe(with) + ".");
        }

        return context.Partial(with, $"{with.Count} {(with.Count == 1 ? "workload has a probe" : "workloads have probes")}; none on {PracticeContext.NamesByFile(without)}.");
    }
}
