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

    private static bool IsOneShotTask(string name) => name.ToLowerInvariant() is "migrations" or "migrate" or "prestart" or "init" or "seed";
}

internal static class ComposeServices
{
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
