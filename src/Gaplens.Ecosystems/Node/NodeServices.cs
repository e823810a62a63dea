using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Node;

/// <summary>
/// The programs of JavaScript/TypeScript packages that run in production, on Node.js, Deno or Bun. In a monorepo
/// (npm/yarn/pnpm/bun workspaces, Turborepo, Nx) an app with a server is a service and the repository's packages it
/// depends on are its code; a package other packages depend on is a library, and playgrounds, storybooks, docs
/// sites and test packages are tools. Job workers and schedules (BullMQ, node-cron, a worker script) are processes
/// of their service; serverless functions (netlify/functions, a Vercel api/ folder) serve the site they deploy with.
/// </summary>
internal static class NodeServices
{
    private static readonly string[] ApiServers =
    [
        "express", "fastify", "koa", "@nestjs/core", "@hapi/hapi", "hono", "restify", "@adonisjs/core", "apollo-server", "@apollo/server",
        "@trpc/server", "@feathersjs/feathers", "elysia", "polka", "micro", "@sails/sails", "sails", "moleculer", "h3", "nitropack", "@hono/node-server",
    ];

    private static readonly string[] BrowserFrameworks = ["react", "vue", "@angular/core", "svelte", "solid-js", "preact", "lit"];

    /// <summary>Packages that wrap a web front end into a desktop or mobile application: it ships to devices, not to a server.</summary>
    private static readonly string[] AppShells = ["@tauri-apps/api", "@tauri-apps/cli", "electron", "@capacitor/core", "@ionic/react", "@ionic/angular", "@ionic/vue"];

    private static readonly HashSet<string> ToolWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "playground", "playgrounds", "storybook", "styleguide", "e2e", "test", "tests", "testing", "benchmark", "benchmarks", "bench", "codemod", "codemods",
        "example", "examples", "sample", "samples", "demo", "docs", "documentation", "fixtures", "scripts", "tooling",
    };

    private static readonly Term DenoServe = new("Deno.serve(", FileClass.JavaScript);
    private static readonly Term DenoListen = new("Deno.listen(", FileClass.JavaScript);
    private static readonly Term BunServe = new("Bun.serve(", FileClass.JavaScript);
    private static readonly Term FreshStart = new("$fresh/server.ts", FileClass.JavaScript);
    private static readonly Term FreshCore = new("@fresh/core", FileClass.JavaScript | FileClass.Json);
    private static readonly Term NestMicroservice = new("NestFactory.createMicroservice(", FileClass.JavaScript);
    private static readonly Term NestHttp = new("NestFactory.create(", FileClass.JavaScript);
    private static readonly Term BullWorker = new("new Worker(", FileClass.JavaScript);
    private static readonly Term CronSchedule = new("cron.schedule(", FileClass.JavaScript);
    private static readonly Term CronJob = new("new CronJob(", FileClass.JavaScript);
    private static readonly Term Listen = new(".listen(", FileClass.JavaScript);
    private static readonly Term CreateServer = new("createServer(", FileClass.JavaScript);
    private static readonly Term SocketServer = new("WebSocketServer(", FileClass.JavaScript);
    private static readonly Term QueueConsumer = new(".consume(", FileClass.JavaScript);
    private static readonly Term KafkaConsumer = new("consumer.run(", FileClass.JavaScript);

    public static IEnumerable<Term> Terms => [DenoServe, DenoListen, BunServe, FreshStart, FreshCore, NestMicroservice, NestHttp, BullWorker, CronSchedule, CronJob, Listen, CreateServer, SocketServer, QueueConsumer, KafkaConsumer];

    public static void Find(ServiceDiscovery discovery, string ecosystem)
    {
        var workspace = discovery.Workspace;
        var packages = workspace.PackageJsons.Where(p => !discovery.IsExcludedOrTest(p.Path)).ToList();
        var byName = new Dictionary<string, PackageJson>(StringComparer.Ordinal);
        foreach (var package in packages.Where(p => p.Name is { Length: > 0 }))
        {
            byName.TryAdd(package.Name!, package);
        }

        // Packages that other packages of the repository depend on are libraries of those packages.
        var libraries = packages.SelectMany(p => p.Dependencies.Where(d => d.Name != p.Name && byName.ContainsKey(d.Name)).Select(d => d.Name)).ToHashSet(StringComparer.Ordinal);
        var hits = Hits(workspace, workspace.PackageJsons.Select(p => p.Directory).ToList());
        var byDirectory = new Dictionary<string, PackageJson>(StringComparer.Ordinal);
        foreach (var package in workspace.PackageJsons)
        {
            byDirectory.TryAdd(package.Directory, package);
        }

        foreach (var package in packages)
        {
            if (IsTool(package) || discovery.Above(package.Directory) is not null || OwnedByAnotherEcosystem(discovery, package.Directory, ecosystem))
            {
                continue;
            }

            var (kind, servesHttp, evidence) = KindOf(package, discovery, hits);
            if (kind is null || package.Name is { } name && libraries.Contains(name) && !package.Scripts.ContainsKey("start") && kind != "nextjs")
            {
                continue;
            }

            var serviceName = package.Name is { Length: > 0 } n && !n.StartsWith('@') ? n : discovery.DirectoryName(package.Directory);
            var roots = LocalDependencies(package, byName);
            var service = discovery.Add(package.Directory, serviceName, kind, ecosystem, evidence ?? new Evidence(package.Path, 1, $"Node.js {kind} package"), servesHttp, roots);
            AddProcesses(service, package, hits, roots, byDirectory);
            AddDockerfiles(service, package, workspace);
        }

        foreach (var config in workspace.Documents<DenoConfig>().Where(c => !c.IsImportMap && !discovery.IsExcludedOrTest(c.Path)))
        {
            AddDeno(discovery, config, hits, ecosystem);
        }

        AddServerlessFunctions(discovery, ecosystem);
    }

    /// <summary>Production hits of the terms, each with the directory of the package.json that owns its file (the innermost).</summary>
    private static Dictionary<Term, List<(TermHit Hit, string? Package)>> Hits(Workspace workspace, IReadOnlyList<string> packageDirectories)
    {
        var byLength = packageDirectories.Distinct(StringComparer.Ordinal).OrderByDescending(d => d.Length).ToList();
        var owners = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Owner(string path)
        {
            if (!owners.TryGetValue(path, out var owner))
            {
                owner = byLength.FirstOrDefault(d => RelativePaths.IsUnder(path, d));
                owners[path] = owner;
            }

            return owner;
        }

        return Terms.ToDictionary(t => t, t => workspace.Content.Hits(t)
            .Where(h => !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path) && !Facts.FactsBuilder.IsExcluded(h.File.Path))
            .Select(h => (h, Owner(h.File.Path)))
            .ToList());
    }

    private static (string? Kind, bool ServesHttp, Evidence? Evidence) KindOf(PackageJson package, ServiceDiscovery discovery, Dictionary<Term, List<(TermHit Hit, string? Package)>> hits)
    {
        TermHit? In(Term term) => hits[term].FirstOrDefault(h => h.Package == package.Directory).Hit;
        Evidence At(TermHit hit, string detail) => new(hit.File.Path, hit.Line, detail);

        if (package.Has("next"))
        {
            return ("nextjs", true, null);
        }

        if (package.Has("nuxt"))
        {
            return ("nuxt", true, null);
        }

        if (package.Has("@remix-run/node") || package.Has("@remix-run/react") || package.Has("@react-router/node") || package.Has("@react-router/serve"))
        {
            return ("remix", true, null);
        }

        if (package.Has("@sveltejs/kit"))
        {
            return ("sveltekit", true, null);
        }

        if (package.HasRuntime("@nestjs/microservices") && In(NestMicroservice) is { } microservice && In(NestHttp) is null)
        {
            return ("nestjs-microservice", false, At(microservice, "NestJS microservice (NestFactory.createMicroservice)"));
        }

        if (ApiServers.Any(package.HasRuntime))
        {
            return ("node-api", true, null);
        }

        if (In(BunServe) is { } bun)
        {
            return ("bun", true, At(bun, "Bun.serve"));
        }

        if ((In(DenoServe) ?? In(DenoListen)) is { } deno)
        {
            return ("deno", true, At(deno, "Deno HTTP server"));
        }

        // A start script makes a service only when the program keeps running: it listens, consumes a queue or runs a
        // schedule, or a container image is built for it. Otherwise it is a tool run once (a generator, a report).
        if (package.Scripts.TryGetValue("start", out var start) && StartsProgram(start.Command) &&
            (new[] { Listen, CreateServer, SocketServer, QueueConsumer, KafkaConsumer, BullWorker, CronSchedule, CronJob }.Any(t => In(t) is not null) ||
             discovery.Workspace.Dockerfiles.Any(d => !d.IsDevContainer && RelativePaths.IsUnder(d.Path, package.Directory))))
        {
            return ("node-app", false, null);
        }

        if (BrowserFrameworks.Any(package.Has) && !AppShells.Any(package.Has) && package.Scripts.ContainsKey("build") && HasIndexPage(discovery, package.Directory))
        {
            return ("web-frontend", true, null);
        }

        return (null, false, null);
    }

    /// <summary>A start script that runs a program (not a dev server or a static file server).</summary>
    private static bool StartsProgram(string command) =>
        command.StartsWith("node ", StringComparison.Ordinal) || command.Contains("pm2", StringComparison.Ordinal) || command.Contains("ts-node", StringComparison.Ordinal) ||
        command.StartsWith("tsx ", StringComparison.Ordinal) || command.StartsWith("bun ", StringComparison.Ordinal) || command.StartsWith("deno run", StringComparison.Ordinal) ||
        command.StartsWith("nest start", StringComparison.Ordinal);

    /// <summary>The package's directory and those of the repository's packages it depends on, transitively.</summary>
    private static List<string> LocalDependencies(PackageJson package, IReadOnlyDictionary<string, PackageJson> byName)
    {
        var roots = new List<string>();
        var pending = new Queue<PackageJson>([package]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var current = pending.Dequeue();
            if (!seen.Add(current.Path))
            {
                continue;
            }

            roots.Add(current.Directory);
            foreach (var dependency in current.Dependencies.Where(d => !d.Development || current.IsLocalReference(d.Name)))
            {
                if (byName.TryGetValue(dependency.Name, out var local) && local != current)
                {
                    pending.Enqueue(local);
                }
            }
        }

        return roots;
    }

    /// <summary>
    /// Worker and schedule processes: a script that runs one, or a BullMQ worker or cron schedule in the service's code
    /// (its own package or a package of the repository it depends on that declares the library).
    /// </summary>
    private static void AddProcesses(ServiceDraft service, PackageJson package, Dictionary<Term, List<(TermHit Hit, string? Package)>> hits,
        IReadOnlyList<string> roots, IReadOnlyDictionary<string, PackageJson> byDirectory)
    {
        foreach (var (name, (command, line)) in package.Scripts.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var words = name.Split([':', '-', '_'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Any(w => w is "worker" or "workers" or "jobs" or "queue" or "consumer" or "scheduler" or "cron") && !words.Any(w => w is "dev" or "test" or "watch" or "build") &&
                StartsProgram(command))
            {
                service.AddProcess(words.Contains("scheduler") || words.Contains("cron") ? "scheduler" : "worker", command, new Evidence(package.Path, line, $"script '{name}'"));
            }
        }

        bool Declares(string? directory, params string[] names) =>
            directory is not null && roots.Contains(directory) && byDirectory.TryGetValue(directory, out var owner) && names.Any(owner.HasRuntime);

        if (hits[BullWorker].FirstOrDefault(h => Declares(h.Package, "bullmq", "bull", "@nestjs/bullmq")).Hit is { } worker)
        {
            service.AddProcess("worker", $"BullMQ worker in {worker.File.Path}", new Evidence(worker.File.Path, worker.Line, "BullMQ Worker"));
        }

        if (hits[CronSchedule].Concat(hits[CronJob]).FirstOrDefault(h => Declares(h.Package, "node-cron", "cron")).Hit is { } cron)
        {
            service.AddProcess("scheduler", $"cron schedule in {cron.File.Path}", new Evidence(cron.File.Path, cron.Line, "cron schedule"));
        }
    }

    /// <summary>A Dockerfile anywhere that builds this workspace package by name (turbo prune --scope, --filter, -w) is its container build.</summary>
    private static void AddDockerfiles(ServiceDraft service, PackageJson package, Workspace workspace)
    {
        if (package.Name is not { Length: > 0 } name)
        {
            return;
        }

        foreach (var dockerfile in workspace.Dockerfiles.Where(d => !d.IsDevContainer))
        {
            if (dockerfile.Instructions.Any(i => i.Keyword == "RUN" && NamesPackage(i.Arguments, name)))
            {
                service.Dockerfiles.Add(dockerfile.Path);
            }
        }
    }

    private static bool NamesPackage(string command, string name)
    {
        foreach (var flag in new[] { "--scope=", "--scope ", "--filter=", "--filter ", "-F ", "-w ", "--workspace=", "--workspace ", "turbo prune " })
        {
            var at = command.IndexOf(flag + name, StringComparison.Ordinal);
            if (at >= 0 && (at + flag.Length + name.Length == command.Length || command[at + flag.Length + name.Length] is ' ' or '"' or '\'' or '.' or ';' or '&'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A Deno app: a deno.json whose directory serves HTTP (Deno.serve, Fresh, Oak, Hono) or whose start task runs a program.</summary>
    private static void AddDeno(ServiceDiscovery discovery, DenoConfig config, Dictionary<Term, List<(TermHit Hit, string? Package)>> hits, string ecosystem)
    {
        if (discovery.Services.Any(s => s.Path == config.Directory) || IsToolDirectory(config.Directory) || discovery.Above(config.Directory) is not null)
        {
            return;
        }

        TermHit? In(Term term) => hits[term].FirstOrDefault(h => RelativePaths.IsUnder(h.Hit.File.Path, config.Directory)).Hit;
        var imports = config.Packages;
        var fresh = imports.FirstOrDefault(p => p.Name is "fresh" or "@fresh/core");
        string? kind = null;
        Evidence? evidence = null;
        if (fresh is not null || In(FreshStart) is not null || In(FreshCore) is not null)
        {
            kind = "fresh";
            evidence = fresh is null ? At(In(FreshStart) ?? In(FreshCore)!, "Fresh app") : new Evidence(fresh.ManifestPath, fresh.Line, $"Fresh app ({fresh.Name})");
        }
        else if (imports.FirstOrDefault(p => p.Name is "oak" or "@oak/oak" or "hono" or "@hono/hono" or "opine" or "abc") is { } framework)
        {
            kind = "deno";
            evidence = new Evidence(framework.ManifestPath, framework.Line, $"Deno HTTP framework {framework.Name}");
        }
        else if ((In(DenoServe) ?? In(DenoListen)) is { } serve)
        {
            kind = "deno";
            evidence = At(serve, "Deno HTTP server");
        }

        if (kind is null)
        {
            return;
        }

        var name = config.Name is { Length: > 0 } n && !n.StartsWith('@') ? n : discovery.DirectoryName(config.Directory);
        discovery.Add(config.Directory, name, kind, ecosystem, evidence!, true, [config.Directory, .. config.Members]);

        static Evidence At(TermHit hit, string detail) => new(hit.File.Path, hit.Line, detail);
    }

    /// <summary>
    /// Serverless functions that deploy with a site: netlify/functions, or api/ next to a vercel.json. They serve the
    /// service of their folder, or are a service of their own when the site is static or absent.
    /// </summary>
    private static void AddServerlessFunctions(ServiceDiscovery discovery, string ecosystem)
    {
        var files = discovery.Workspace.Files;
        var candidates = new List<(string Root, string Folder, string Platform)>();
        foreach (var file in files.Files)
        {
            if (!file.Is(FileClass.JavaScript) || discovery.IsExcludedOrTest(file.Path))
            {
                continue;
            }

            var segments = RelativePaths.Segments(file.Path);
            for (var i = 0; i < segments.Length - 1; i++)
            {
                var root = string.Join('/', segments[..i]);
                if (segments[i] == "netlify" && i + 2 < segments.Length && segments[i + 1] == "functions")
                {
                    candidates.Add((root, RelativePaths.Combine(root, "netlify/functions"), "Netlify"));
                }
                else if (segments[i] == "api" && files.Get(RelativePaths.Combine(root, "vercel.json")) is not null)
                {
                    candidates.Add((root, RelativePaths.Combine(root, "api"), "Vercel"));
                }
            }
        }

        foreach (var (root, folder, platform) in candidates.Distinct().OrderBy(c => c.Folder, StringComparer.Ordinal))
        {
            var evidence = new Evidence(folder, null, $"{platform} serverless functions");
            var service = discovery.Services.FirstOrDefault(s => s.HasCode && s.Path == root);
            if (service is null)
            {
                discovery.Add(root, discovery.DirectoryName(root), "serverless-functions", ecosystem, evidence, true, [root]);
                continue;
            }

            service.ServesHttp = true;
            service.AddProcess("functions", $"{platform} functions in {folder}", evidence);
        }
    }

    /// <summary>A tool by its folder or its package name (the scope of "@acme/docs" is the organisation, not the package).</summary>
    private static bool IsTool(PackageJson package) =>
        IsToolDirectory(package.Directory) ||
        package.Name is { } name && name[(name.IndexOf('/') + 1)..].Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(ToolWords.Contains);

    private static bool IsToolDirectory(string directory) =>
        directory.Length > 0 && RelativePaths.FileName(directory).Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(ToolWords.Contains);

    /// <summary>A package inside the code roots of another stack's service (a UI project packaged into a JVM service).</summary>
    private static bool OwnedByAnotherEcosystem(ServiceDiscovery discovery, string directory, string ecosystem) =>
        discovery.Services.Any(s => s.HasCode && s.Ecosystem != ecosystem && s.Path != directory && s.Roots.Any(r => r.Length > 0 && r != s.Path && RelativePaths.IsUnder(directory, r)));

    /// <summary>A single-page app has an index.html (email templates and component libraries do not).</summary>
    private static bool HasIndexPage(ServiceDiscovery discovery, string directory)
    {
        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        return new[] { "index.html", "public/index.html", "src/index.html" }.Any(p => discovery.Workspace.Files.Get(prefix + p) is not null);
    }
}
