using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Practices.Detectors;

/// <summary>A compose service merged across the files of one directory (compose.yml + compose.override.yml + ...).</summary>
internal sealed record MergedComposeService(string Name, string Path, int Line, string? Image, string? BuildContext, Evidence? Healthcheck, Evidence? Resources)
{
    public bool Builds => BuildContext is not null;

    /// <summary>The repository's own long-running service: not infrastructure, a test runner or a one-shot task.</summary>
    public bool IsApplication =>
        (Builds || Image is { } image && !FactsBuilder.IsInfrastructureImage(image)) && !TestPaths.IsTestRunnerName(Name) && !IsOneShotTask(Name);

    /// <summary>
    /// A compose file for development (a dev/local folder, "compose.dev.yml", "compose.local.yml", an override) runs the
    /// stack on a laptop: its services are not the production deployment.
    /// </summary>
    public bool IsDevelopmentFile
    {
        get
        {
            var lower = Path.ToLowerInvariant();
            var name = lower[(lower.LastIndexOf('/') + 1)..];
            return RelativePaths.Segments(RelativePaths.DirectoryOf(lower)).Any(s => s is "dev" or "development" or "local") ||
                   name.Contains(".dev.", StringComparison.Ordinal) || name.Contains("-dev.", StringComparison.Ordinal) || name.Contains(".local.", StringComparison.Ordinal) ||
                   name.Contains("-local.", StringComparison.Ordinal) || name.Contains(".override.", StringComparison.Ordinal) || name.Contains(".development.", StringComparison.Ordinal);
        }
    }

    private static bool IsOneShotTask(string name) => name.ToLowerInvariant() is "migrations" or "migrate" or "prestart" or "init" or "seed";
}

internal static class ComposeServices
{
    /// <summary>
    /// Compose files run the stack locally when the production deployment is described elsewhere: Kubernetes workloads,
    /// or a container platform in infrastructure code (ECS, Container Apps, Cloud Run, App Engine, Render, Fly, Heroku).
    /// </summary>
    public static bool DeploymentDescribedElsewhere(Workspace workspace, RepositoryFacts facts) =>
        workspace.DeployedWorkloads.Count > 0 ||
        facts.Has("ecs") || facts.Has("azure-container-apps") || facts.Has("cloud-run") || facts.Has("app-engine") || facts.Has("render") || facts.Has("fly") || facts.Has("heroku");

    /// <summary>True when a compose service lacking a setting is held against the deployment.</summary>
    public static bool Counts(MergedComposeService service, Workspace workspace, RepositoryFacts facts) =>
        service.IsApplication && !service.IsDevelopmentFile && !DeploymentDescribedElsewhere(workspace, facts);

    public static IReadOnlyList<MergedComposeService> Merged(Workspace workspace)
    {
        var merged = new List<MergedComposeService>();
        // Compose files of a dev container, samples or tests describe no deployment.
        foreach (var group in workspace.ComposeFiles.Where(f => FactsBuilder.DescribesDeployment(f.Path))
                     .SelectMany(f => f.Services.Select(s => (File: f, Service: s)))
                     .GroupBy(x => (RelativePaths.DirectoryOf(x.File.Path), x.Service.Name)))
        {
            var first = group.First();
            var healthcheck = group.Where(x => x.Service.HealthcheckLine is not null)
                .Select(x => new Evidence(x.File.Path, x.Service.HealthcheckLine, $"compose service '{x.Service.Name}' has a healthcheck")).FirstOrDefault();
            var resources = group.Where(x => x.Service.ResourcesLine is not null)
                .Select(x => new Evidence(x.File.Path, x.Service.ResourcesLine, $"compose service '{x.Service.Name}' sets resource limits")).FirstOrDefault();
            var image = group.Select(x => x.Service.Image).FirstOrDefault(i => i is not null);
            var build = group.Select(x => x.Service.BuildContext).FirstOrDefault(b => b is not null);
            merged.Add(new MergedComposeService(first.Service.Name, first.File.Path, first.Service.Line, image, build, healthcheck, resources));
        }

        return merged;
    }
}
