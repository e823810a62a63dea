using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>Each deployable service has a container build: its own Dockerfile, a compose build, or an SDK/buildpack image build.</summary>
public sealed class DeployContainerizedDetector : IPracticeDetector
{
    /// <summary>Service kinds that Vercel and Netlify build and run natively from source.</summary>
    private static readonly string[] PlatformFrameworks = ["nextjs", "nuxt", "remix", "sveltekit"];

    public string PracticeId => "deploy-containerized";

    public Verdict Detect(PracticeContext context)
    {
        var facts = context.Facts;
        // A static browser front end is files on a CDN or static host; it needs no image when a back end exists.
        var services = facts.BackEndServices;
        var sdkBuild = facts.Has("container-build");
        var sdkEvidence = context.PresentMatches.Where(m => m.Evidence.Path.EndsWith(".csproj", StringComparison.Ordinal) || m.Evidence.Path.EndsWith("pom.xml", StringComparison.Ordinal) ||
                                                            m.Evidence.Path.EndsWith(".gradle", StringComparison.Ordinal) || m.Evidence.Path.EndsWith(".cs", StringComparison.Ordinal) ||
                                                            m.Evidence.Path.EndsWith("README.md", StringComparison.OrdinalIgnoreCase) || m.Evidence.Path.EndsWith("project.toml", StringComparison.Ordinal))
            .Select(m => m.Evidence).ToList();
        var with = new List<string>();
        var without = new List<string>();
        var platformBuilt = new List<string>();
        var evidence = new List<Evidence>();
        foreach (var service in services)
        {
            if (service.Dockerfiles.Count > 0)
            {
                with.Add(service.Name);
                evidence.Add(new Evidence(service.Dockerfiles[0], 1, $"Dockerfile for {service.Name}"));
            }
            else if (service.Kind is "compose" or "kubernetes-workload" or "container")
            {
                with.Add(service.Name);
                evidence.Add(new Evidence(service.Evidence.Path, service.Evidence.Line, $"{service.Name} runs as a container"));
            }
            else if (sdkBuild && service.Ecosystem is not null && service.HasCode)
            {
                with.Add(service.Name);
            }
            else if (facts.GitServerlessPlatform is { } serverless && PlatformFrameworks.Contains(service.Kind, StringComparer.Ordinal))
            {
                // Vercel and Netlify build and run these frameworks from source: no image is expected of them.
                platformBuilt.Add(service.Name);
                evidence.Add(new Evidence(service.Evidence.Path, service.Evidence.Line, $"{service.Name} is built and run by {serverless}"));
            }
            else
            {
                without.Add(service.Name);
            }
        }

        if (sdkBuild)
        {
            evidence.AddRange(sdkEvidence.Count > 0 ? sdkEvidence : [new Evidence(services[0].Evidence.Path, services[0].Evidence.Line, "images built by the SDK or buildpacks (no Dockerfile)")]);
        }

        if (with.Count == 0 && platformBuilt.Count > 0)
        {
            // Nothing has an image of its own: the platform alone runs the code.
            without.AddRange(platformBuilt);
            without.Sort(StringComparer.Ordinal);
        }

        if (without.Count == 0)
        {
            if (platformBuilt.Count > 0)
            {
                return context.Present(evidence, $"{string.Join(", ", with)} {(with.Count == 1 ? "is" : "are")} built as container images; {string.Join(", ", platformBuilt)} {(platformBuilt.Count == 1 ? "is" : "are")} built and run by {facts.GitServerlessPlatform} from source. {PracticeContext.Describe(evidence)}.");
            }

            return context.Present(evidence, with.Count == 1 ? $"{with[0]} is built as a container image. {PracticeContext.Describe(evidence)}." : $"All {with.Count} services are built as container images. {PracticeContext.Describe(evidence)}.");
        }

        if (with.Count == 0 && (facts.SourceDeployPlatform ?? (facts.Has("serverless") ? "serverless" : null)) is { } platform)
        {
            return context.Partial([], $"The {platform} platform builds and runs the app from source; no container image is built, so the runtime is whatever the platform provides.");
        }

        if (with.Count == 0 && facts.Has("aspire"))
        {
            var host = context.Workspace.DotnetProjects.First(p => p.IsAspireHost);
            return context.Partial([new Evidence(host.Path, 1, ".NET Aspire AppHost")],
                $"The .NET Aspire AppHost can publish {string.Join(", ", without)} as container images, but nothing in the repository builds or pins an image (no Dockerfile, container publish settings or azd configuration).",
                [], without);
        }

        if (with.Count == 0)
        {
            return context.Missing($"No container build for {string.Join(", ", without)}.",
                ["Dockerfile/Containerfile per service", "compose build contexts", ".NET SDK container publish (EnableSdkContainerSupport)", "Jib or buildpacks (spring-boot:build-image, project.toml)", "ko for Go"]);
        }

        return context.Partial(evidence, $"{with.Count} of {services.Count} services have a container build; missing for {string.Join(", ", without)}.", with, without);
    }
}
