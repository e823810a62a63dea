using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Node;

/// <summary>
/// JavaScript and TypeScript on Node.js, Deno and Bun: package.json (npm, yarn, pnpm and bun workspaces), deno.json
/// import maps with npm:, jsr: and deno.land/x specifiers; API servers, full-stack frameworks, Deno and Bun servers,
/// browser front ends, workers and serverless functions.
/// </summary>
public sealed class NodeEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Npm = new("npm", "npm");

    /// <summary>The JSR registry (jsr:@std/http).</summary>
    public static readonly PackageEcosystem Jsr = new("jsr", "JSR");

    /// <summary>Third-party modules of deno.land/x (and the old deno.land/std as "std").</summary>
    public static readonly PackageEcosystem DenoLand = new("deno", "deno.land/x");

    private static readonly Term DenoKv = new("Deno.openKv(", FileClass.JavaScript);

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Npm, Jsr, DenoLand];

    /// <summary>Front-end packages join a back end found before them (an ASP.NET ClientApp, a Spring frontend folder).</summary>
    public override int DiscoveryPhase => 1;

    public override IEnumerable<Term> Terms => NodeServices.Terms.Append(DenoKv);

    public override bool Reads(RepoFile file) => file.Name.Equals("package.json", StringComparison.Ordinal) || DenoConfig.IsConfig(file.Name);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (DenoConfig.IsConfig(source.File.Name))
        {
            if (DenoConfig.Parse(source, out var denoError) is { } config)
            {
                sink.AddDocument(config);
                sink.AddPackages(config.Packages);
            }

            return denoError;
        }

        if (PackageJson.Parse(source, out var error) is { } package)
        {
            sink.AddDocument(package);
            sink.AddPackages(package.Dependencies);
        }

        return error;
    }

    public override void FindServices(ServiceDiscovery discovery) => NodeServices.Find(discovery, Key);

    /// <summary>Deno KV (Deno.openKv) is the app's own database.</summary>
    public override void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
        var hit = workspace.Content.Hits(DenoKv).FirstOrDefault(h => !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path) && !FactsBuilder.IsExcluded(h.File.Path));
        if (hit is not null)
        {
            finder.Add(DataStores.Get("deno-kv"), new Evidence(hit.File.Path, hit.Line, "Deno KV (Deno.openKv)"));
        }
    }
}
