using Gaplens.Core.Model;
using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Services;

/// <summary>
/// Services that deployment descriptors show: a Dockerfile, a compose service that builds, a Kubernetes workload.
/// Each is tied to the service whose code it builds or runs; only what no code explains becomes a service of its own.
/// </summary>
internal static class DeploymentServices
{
    public static void Find(ServiceDiscovery discovery)
    {
        AddProcfiles(discovery);
        AddDockerfiles(discovery);
        AddCompose(discovery);
        AddKubernetes(discovery);
    }

    /// <summary>
    /// A Procfile lists the processes of the app in its folder (web, worker, release): they are processes of one
    /// service, not services of their own. Procfile.dev and other variants describe local development.
    /// </summary>
    private static void AddProcfiles(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var file in workspace.Files.Files.Where(f => f.Name == "Procfile" && !discovery.IsExcludedOrTest(f.Path)))
        {
            if (workspace.Text(file) is not { } text)
            {
                continue;
            }

            var processes = new List<(string Name, string Command, int Line)>();
            for (var i = 1; i <= text.LineCount; i++)
            {
                var line = text.Line(i).Trim();
                var colon = line.IndexOf(':');
                if (line.StartsWith('#') || colon <= 0)
                {
                    continue;
                }

                var name = line[..colon].Trim();
                if (name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
                {
                    processes.Add((name, line[(colon + 1)..].Trim(), i));
                }
            }

            if (processes.Count == 0)
            {
                continue;
            }

            var directory = file.Directory;
            var service = discovery.Services.FirstOrDefault(s => s.HasCode && s.Path == directory) ?? discovery.Owner(directory);
            if (service is null)
            {
                var inside = discovery.Services.Where(s => s.HasCode && RelativePaths.IsUnder(s.Path, directory)).ToList();
                service = inside.Count == 1 ? inside[0] : null;
            }

            service ??= discovery.Add(directory, discovery.DirectoryName(directory), "procfile", null, new Evidence(file.Path, processes[0].Line, "Procfile"),
                processes.Any(p => p.Name == "web"), [directory]);
            foreach (var (name, command, line) in processes.Where(p => p.Name != "release"))
            {
                service.AddProcess(name, command, new Evidence(file.Path, line, $"Procfile process '{name}'"));
                service.ServesHttp |= name == "web";
            }
        }
    }

    private static void AddDockerfiles(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var dockerfile in workspace.Dockerfiles)
        {
            // A Dockerfile that a service's build already names (a shared docker/Dockerfile every module builds with)
            // is that service's, and one that only configures an infrastructure image (FROM grafana/grafana) is no
            // program of the repository.
            if (dockerfile.IsDevContainer || discovery.IsExcludedOrTest(dockerfile.Path) || discovery.Services.Any(s => s.Dockerfiles.Contains(dockerfile.Path)) ||
                ConfiguresInfrastructure(dockerfile))
            {
                continue;
            }

            var owner = discovery.Owner(dockerfile.Directory);
            if (owner is not null)
            {
                owner.Dockerfiles.Add(dockerfile.Path);
                continue;
            }

            // A Dockerfile at a parent of services builds the one whose path it copies.
            var text = workspace.Text(dockerfile.Path)?.Text ?? string.Empty;
            var copied = discovery.Services.Where(s => s.HasCode && RelativePaths.IsUnder(s.Path, dockerfile.Directory) && s.Path.Length > dockerfile.Directory.Length &&
                                                       text.Contains(s.Path[(dockerfile.Directory.Length == 0 ? 0 : dockerfile.Directory.Length + 1)..], StringComparison.Ordinal)).ToList();
            if (copied.Count > 0)
            {
                foreach (var service in copied)
                {
                    service.Dockerfiles.Add(dockerfile.Path);
                }

                continue;
            }

            var added = discovery.Add(dockerfile.Directory, discovery.DirectoryName(dockerfile.Directory), "container", null, new Evidence(dockerfile.Path, 1, "Dockerfile"), true, [dockerfile.Directory]);
            added.Dockerfiles.Add(dockerfile.Path);
        }
    }

    /// <summary>
    /// A single-stage build on an infrastructure product's image (grafana, prometheus, a database) adds configuration
    /// to it; base images that commonly carry a program (alpine, busybox, nginx or caddy serving a built site) do not count.
    /// </summary>
    internal static bool ConfiguresInfrastructure(Dockerfile dockerfile)
    {
        if (dockerfile.All("FROM").Count() != 1 || dockerfile.FinalFrom is not { } from)
        {
            return false;
        }

        var image = Dockerfile.ImageOf(from);
        return DataStores.IsInfrastructureImage(image) && !ProgramBaseImages.Contains(DataStores.ShortImageName(image));
    }

    private static readonly HashSet<string> ProgramBaseImages = new(StringComparer.Ordinal) { "alpine", "busybox", "curl", "nginx", "caddy", "httpd" };

    private static void AddCompose(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var compose in workspace.ComposeFiles)
        {
            if (!FactsBuilder.DescribesDeployment(compose.Path))
            {
                continue;
            }

            foreach (var service in compose.Services.Where(s => s.Builds))
            {
                var context = service.BuildContext!;
                var existing = discovery.Owner(context);
                if (existing is not null)
                {
                    existing.Aliases.Add(service.Name);
                    continue;
                }

                // A context above the code ("." with dockerfile: backend/Dockerfile, or the root Dockerfile that builds
                // cmd/api) builds the service the Dockerfile belongs to.
                var dockerfilePath = RelativePaths.Combine(context, service.Dockerfile ?? "Dockerfile");
                var byDockerfile = discovery.Services.FirstOrDefault(s => s.Dockerfiles.Contains(dockerfilePath) || s.HasCode && RelativePaths.IsUnder(dockerfilePath, s.Path) && s.Path.Length > 0);
                if (byDockerfile is not null)
                {
                    byDockerfile.Aliases.Add(service.Name);
                    continue;
                }

                if (!workspace.Files.DirectoryExists(context) && context.Length > 0 ||
                    workspace.Dockerfiles.FirstOrDefault(d => d.Path == dockerfilePath) is { } built && ConfiguresInfrastructure(built))
                {
                    continue;
                }

                discovery.Add(context, service.Name, "compose", null, new Evidence(compose.Path, service.Line, $"compose service '{service.Name}' builds {(context.Length == 0 ? "." : context)}"), service.Ports.Count > 0, [context]);
            }
        }
    }

    private static void AddKubernetes(ServiceDiscovery discovery)
    {
        var codeServices = discovery.Services.ToList();
        foreach (var workload in discovery.Workspace.DeployedWorkloads.Where(o => o.Kind is not "Job" and not "CronJob" and not "Pod"))
        {
            var images = workload.Containers.Select(c => c.Image).ToList();
            if (images.Count == 0 || images.All(DataStores.IsInfrastructureImage))
            {
                continue;
            }

            var match = codeServices.FirstOrDefault(s => Matches(discovery, s, workload.Name) || images.Any(i => Matches(discovery, s, DataStores.ShortImageName(i))));
            if (match is not null)
            {
                match.Aliases.Add(workload.Name);
                continue;
            }

            if (codeServices.Count == 0 && discovery.Services.All(s => !s.Aliases.Contains(workload.Name) && s.Name != workload.Name))
            {
                discovery.AddWithoutCode("k8s:" + workload.Name, RelativePaths.DirectoryOf(workload.Path), workload.Name, "kubernetes-workload",
                    new Evidence(workload.Path, workload.Line, $"{workload.Kind} '{workload.Name}'"));
            }
        }
    }

    /// <summary>Names match when they are equal but for case and separators (basket-api, Basket.API, basket_api).</summary>
    internal static bool Matches(ServiceDiscovery discovery, ServiceDraft service, string name)
    {
        var normalized = Normalize(name);
        return Normalize(service.Name) == normalized || service.Aliases.Any(a => Normalize(a) == normalized) || service.HasCode && Normalize(discovery.DirectoryName(service.Path)) == normalized;
    }

    internal static string Normalize(string value) =>
        value.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
}
