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

    /// <summary>Folders that hold build and deployment files rather than a program: a Dockerfile there is named after what it builds.</summary>
    private static readonly HashSet<string> DeploymentFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "docker", "dockerfiles", ".docker", "deploy", "deployment", "deployments", "build", "ci", ".ci", "ops", "infra", "infrastructure",
        "container", "containers", "images", "image", "packaging", "dist", "release", "scripts", "dev", "local",
    };

    /// <summary>Words of tools that run beside a system in development or tests, never in production.</summary>
    private static readonly HashSet<string> LocalToolWords = new(StringComparer.Ordinal)
    {
        "emulator", "emulators", "mock", "mocks", "stub", "stubs", "fake", "seed", "seeder", "seeds", "loadgen", "loadgenerator", "locust", "k6",
        "jmeter", "e2e", "test", "tests", "testing", "playwright", "cypress", "selenium", "fixture", "fixtures", "sandbox", "devcontainer",
        "localstack", "wiremock", "mailhog", "mailpit",
    };

    /// <summary>A name of a local tool: an emulator, a load generator, a seeder, a test runner ("firestore-emulator", "load-generator").</summary>
    internal static bool IsLocalToolName(string name)
    {
        var words = name.ToLowerInvariant().Split(['-', '_', '.', '/', ' '], StringSplitOptions.RemoveEmptyEntries);
        return TestPaths.IsTestRunnerName(name) || words.Any(LocalToolWords.Contains) ||
               name.Contains("loadgen", StringComparison.OrdinalIgnoreCase) || name.Contains("load-generator", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Dockerfile.dev, dev.dockerfile, Dockerfile.local: images for development only.</summary>
    private static bool IsDevelopmentImage(string path)
    {
        var name = RelativePaths.FileName(path).ToLowerInvariant();
        return name.Contains(".dev", StringComparison.Ordinal) || name.StartsWith("dev.", StringComparison.Ordinal) || name.Contains("-dev", StringComparison.Ordinal) ||
               name.Contains(".local", StringComparison.Ordinal) || name.Contains("debug", StringComparison.Ordinal);
    }

    private static void AddDockerfiles(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var dockerfile in workspace.Dockerfiles)
        {
            // Images for development only (Dockerfile.dev, a dev container) are never a service's production image.
            if (dockerfile.IsDevContainer || IsDevelopmentImage(dockerfile.Path) || discovery.IsExcludedOrTest(dockerfile.Path))
            {
                continue;
            }

            // A Dockerfile that a service's build already names (a shared docker/Dockerfile every module builds with)
            // is that service's, and one that only configures an infrastructure image (FROM grafana/grafana) is no
            // program of the repository.
            if (discovery.Services.Any(s => s.Dockerfiles.Contains(dockerfile.Path)) || ConfiguresInfrastructure(dockerfile))
            {
                continue;
            }

            var owner = discovery.Owner(dockerfile.Directory);
            if (owner is not null)
            {
                owner.Dockerfiles.Add(dockerfile.Path);
                continue;
            }

            // A Dockerfile outside every service (docker/, deploy/, the root of a workspace) builds the service whose
            // program it runs or ships: its ENTRYPOINT/CMD executable, or a file copied out of a build stage, is named
            // after the service or one of its processes.
            var programs = ProgramNames(dockerfile);
            var shipped = discovery.Services.Where(s => s.HasCode && (programs.Contains(Normalize(s.Name)) || s.Processes.Any(p => programs.Contains(Normalize(p.Name))))).ToList();
            if (shipped.Count > 0)
            {
                foreach (var service in shipped)
                {
                    service.Dockerfiles.Add(dockerfile.Path);
                }

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

            // An image of a tool (a CLI shipped as a container) that exposes no port is not a service; nor is a Dockerfile
            // in a hidden tooling folder (.github, .gitlab), which CI uses but which no code explains.
            if (discovery.IsTool(dockerfile.Directory) && !dockerfile.All("EXPOSE").Any() ||
                RelativePaths.Segments(dockerfile.Directory).Any(CiFolders.Contains))
            {
                continue;
            }

            var segments = RelativePaths.Segments(dockerfile.Directory);
            var inDeploymentFolder = segments.Any(DeploymentFolders.Contains);
            var localTool = segments.Length > 0 && IsLocalToolName(segments[^1]) ||
                            dockerfile.FinalFrom is { } from && DataStores.IsInfrastructureImage(Dockerfile.ImageOf(from)) && !Copies(text);
            var codeServices = discovery.Services.Where(s => s.HasCode && s.Kind != "web-frontend").ToList();
            if (localTool)
            {
                continue;
            }

            if (inDeploymentFolder && codeServices.Count > 0)
            {
                // A shared image (parameterised by an ARG, or copying the whole context) builds the programs found in
                // code that have no image of their own; an image of something else (a proxy, a VPN) is infrastructure.
                if (IsSharedBuild(dockerfile, text))
                {
                    foreach (var service in codeServices.Where(s => s.Dockerfiles.Count == 0))
                    {
                        service.Dockerfiles.Add(dockerfile.Path);
                    }
                }

                continue;
            }

            // Nothing in code explains this image: it is a program of its own, named after its folder unless the
            // folder only says "docker" or "deploy", when the repository names it.
            var name = inDeploymentFolder ? discovery.RootName : discovery.DirectoryName(dockerfile.Directory);
            var added = discovery.Add(dockerfile.Directory, name, "container", null, new Evidence(dockerfile.Path, 1, "Dockerfile"), true,
                inDeploymentFolder ? [string.Empty] : [dockerfile.Directory]);
            added.Dockerfiles.Add(dockerfile.Path);
        }
    }

    /// <summary>The image copies source into itself (COPY/ADD of more than configuration).</summary>
    private static bool Copies(string dockerfileText) =>
        dockerfileText.Split('\n').Any(l => l.TrimStart().StartsWith("COPY . ", StringComparison.OrdinalIgnoreCase) || l.TrimStart().StartsWith("ADD . ", StringComparison.OrdinalIgnoreCase));

    /// <summary>An image that builds whichever program it is given: an ARG names the artifact, or it copies the whole context.</summary>
    private static bool IsSharedBuild(Dockerfile dockerfile, string text) =>
        Copies(text) || dockerfile.All("COPY").Concat(dockerfile.All("ADD")).Concat(dockerfile.All("WORKDIR")).Any(i => i.Arguments.Contains('$'));

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
                // Code mounted into the container names the service it runs (a dev image running internal/trainer).
                if (service.CodeDirectory is { } code && (discovery.Owner(code) ?? discovery.Services.FirstOrDefault(s => s.HasCode && s.Path == code)) is { } mounted)
                {
                    mounted.Aliases.Add(service.Name);
                    continue;
                }

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

                if (!workspace.Files.DirectoryExists(context) && context.Length > 0 || IsLocalToolName(service.Name) || IsDevelopmentImage(dockerfilePath) ||
                    discovery.IsTool(context) && service.Ports.Count == 0 ||
                    workspace.Dockerfiles.FirstOrDefault(d => d.Path == dockerfilePath) is { } built && ConfiguresInfrastructure(built))
                {
                    continue;
                }

                // An image built from a deployment folder when code explains the programs is tooling, not a program.
                if (RelativePaths.Segments(context).Any(DeploymentFolders.Contains) && discovery.Services.Any(s => s.HasCode))
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

    /// <summary>
    /// Names of the programs an image runs or ships, normalised: the executables of the final ENTRYPOINT and CMD (shell
    /// or exec form; "/usr/local/bin/api", "./server", "app.dll" → api, server, app) and the files copied out of build
    /// stages with COPY --from (the built binary). Interpreters, shells and init wrappers are not programs of the team.
    /// </summary>
    internal static HashSet<string> ProgramNames(Containers.Dockerfile dockerfile)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void AddPath(string token)
        {
            var name = RelativePaths.FileName(token.Trim('"', '\'', '[', ']', ',', ' '));
            var dot = name.LastIndexOf('.');
            if (dot > 0 && name[(dot + 1)..] is "dll" or "jar" or "exe" or "bin")
            {
                name = name[..dot];
            }

            if (name.Length > 1 && !name.StartsWith('-') && !name.StartsWith('$') && !NotPrograms.Contains(name))
            {
                names.Add(Normalize(name));
            }
        }

        var lastFrom = dockerfile.Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
        foreach (var instruction in dockerfile.Instructions.Skip(Math.Max(0, lastFrom)).Where(i => i.Keyword is "ENTRYPOINT" or "CMD"))
        {
            foreach (var token in instruction.Arguments.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Take(3))
            {
                AddPath(token);
            }
        }

        foreach (var copy in dockerfile.All("COPY").Where(c => c.Arguments.Contains("--from=", StringComparison.Ordinal)))
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in parts.Take(Math.Max(0, parts.Length - 1)))
            {
                AddPath(source);
            }
        }

        return names;
    }

    /// <summary>Hidden folders of CI systems and editors: their Dockerfiles build CI images, not the product's services.</summary>
    private static readonly HashSet<string> CiFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        ".github", ".gitlab", ".circleci", ".buildkite", ".woodpecker", ".ci", ".vscode", ".idea",
    };

    /// <summary>Executables that wrap or interpret the program rather than being it.</summary>
    private static readonly HashSet<string> NotPrograms = new(StringComparer.Ordinal)
    {
        "sh", "bash", "ash", "zsh", "tini", "dumb-init", "gosu", "su-exec", "exec", "env", "node", "python", "python3", "java", "dotnet", "ruby", "php",
        "npm", "yarn", "pnpm", "bun", "deno", "uv", "poetry", "bundle", "nginx", "supervisord", "start.sh", "entrypoint.sh", "docker-entrypoint.sh",
        "app", "main", "server", "run", "start", "serve", "bin",
    };

    internal static string Normalize(string value) =>
        value.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
}
