using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Node;

/// <summary>Node.js (and Deno/Bun projects with a package.json): API servers, full-stack frameworks, browser front ends.</summary>
public sealed class NodeEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Npm = new("npm", "npm");

    private static readonly string[] ApiServers =
    [
        "express", "fastify", "koa", "@nestjs/core", "@hapi/hapi", "hono", "restify", "@adonisjs/core", "apollo-server", "@apollo/server",
        "@trpc/server", "@feathersjs/feathers", "elysia", "polka", "micro", "@sails/sails", "sails", "moleculer",
    ];

    private static readonly string[] BrowserFrameworks = ["react", "vue", "@angular/core", "svelte", "solid-js", "preact", "lit"];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Npm];

    /// <summary>Front-end packages join a back end found before them (an ASP.NET ClientApp, a Spring frontend folder).</summary>
    public override int DiscoveryPhase => 1;

    public override bool Reads(RepoFile file) => file.Name.Equals("package.json", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (PackageJson.Parse(source, out var error) is { } package)
        {
            sink.AddDocument(package);
            sink.AddPackages(package.Dependencies);
        }

        return error;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        foreach (var package in discovery.Workspace.PackageJsons)
        {
            if (discovery.IsExcludedOrTest(package.Path))
            {
                continue;
            }

            var (kind, servesHttp) = KindOf(package, discovery);
            if (kind is null)
            {
                continue;
            }

            // A client app inside a back-end project is part of that service.
            if (discovery.Above(package.Directory) is not null)
            {
                continue;
            }

            var name = package.Name is { Length: > 0 } n && !n.StartsWith('@') ? n : discovery.DirectoryName(package.Directory);
            discovery.Add(package.Directory, name, kind, Key, new Evidence(package.Path, 1, $"Node.js {kind} package"), servesHttp, [package.Directory]);
        }
    }

    private static (string? Kind, bool ServesHttp) KindOf(PackageJson package, ServiceDiscovery discovery)
    {
        if (package.Has("next"))
        {
            return ("nextjs", true);
        }

        if (package.Has("nuxt"))
        {
            return ("nuxt", true);
        }

        if (package.Has("@remix-run/node") || package.Has("@remix-run/react"))
        {
            return ("remix", true);
        }

        if (package.Has("@sveltejs/kit"))
        {
            return ("sveltekit", true);
        }

        if (ApiServers.Any(package.HasRuntime))
        {
            return ("node-api", true);
        }

        if (package.Scripts.TryGetValue("start", out var start) &&
            (start.Command.StartsWith("node ", StringComparison.Ordinal) || start.Command.Contains("pm2", StringComparison.Ordinal) || start.Command.Contains("ts-node", StringComparison.Ordinal)))
        {
            return ("node-app", false);
        }

        if (BrowserFrameworks.Any(package.Has) && package.Scripts.ContainsKey("build") && HasIndexPage(discovery, package.Directory))
        {
            return ("web-frontend", true);
        }

        return (null, false);
    }

    /// <summary>A single-page app has an index.html (email templates and component libraries do not).</summary>
    private static bool HasIndexPage(ServiceDiscovery discovery, string directory)
    {
        var prefix = directory.Length == 0 ? string.Empty : directory + "/";
        return new[] { "index.html", "public/index.html", "src/index.html" }.Any(p => discovery.Workspace.Files.Get(prefix + p) is not null);
    }
}
