using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Dotnet;

/// <summary>.NET: SDK-style project files, ASP.NET Core web apps, workers and Functions, Aspire app hosts.</summary>
public sealed class DotnetEcosystem : Ecosystem
{
    public static readonly PackageEcosystem NuGet = new("nuget", "NuGet", ignoreCase: true);

    private static readonly Term AspireAzureContainerApps = new("AddAzureContainerAppEnvironment", FileClass.CSharp);
    private static readonly Term AspirePublishAsContainerApp = new("PublishAsAzureContainerApp", FileClass.CSharp);

    /// <summary>Resources an Aspire AppHost declares: what the system depends on.</summary>
    private static readonly (Term Term, string Store)[] AspireResources =
    [
        (new("AddPostgres(", FileClass.CSharp), "postgresql"), (new("AddAzurePostgresFlexibleServer(", FileClass.CSharp), "postgresql"),
        (new("AddSqlServer(", FileClass.CSharp), "sqlserver"), (new("AddAzureSqlServer(", FileClass.CSharp), "sqlserver"),
        (new("AddMySql(", FileClass.CSharp), "mysql"), (new("AddMongoDB(", FileClass.CSharp), "mongodb"),
        (new("AddAzureCosmosDB(", FileClass.CSharp), "cosmosdb"), (new("AddRedis(", FileClass.CSharp), "redis"),
        (new("AddRabbitMQ(", FileClass.CSharp), "rabbitmq"), (new("AddKafka(", FileClass.CSharp), "kafka"),
        (new("AddAzureServiceBus(", FileClass.CSharp), "servicebus"), (new("AddAzureStorage(", FileClass.CSharp), "azure-storage"),
    ];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [NuGet];

    public override IEnumerable<Term> Terms => AspireResources.Select(r => r.Term).Concat([AspireAzureContainerApps, AspirePublishAsContainerApp]);

    public override bool Reads(RepoFile file) =>
        file.Name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase) ||
        file.Name.EndsWith(".vbproj", StringComparison.OrdinalIgnoreCase) || file.Name.Equals("Directory.Build.props", StringComparison.OrdinalIgnoreCase) ||
        file.Name.Equals("Directory.Packages.props", StringComparison.OrdinalIgnoreCase);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (DotnetProject.Parse(source, out var error) is not { } project)
        {
            return error;
        }

        // Directory.*.props declare versions (PackageVersion) and global references; only references count as packages.
        sink.AddPackages(project.Packages);
        if (source.File.Name.EndsWith("proj", StringComparison.OrdinalIgnoreCase))
        {
            sink.AddDocument(project);
            if (project.IsTestProject)
            {
                sink.AddTestRoot(project.Directory);
            }
        }

        return error;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        var projects = workspace.DotnetProjects.ToDictionary(p => p.Path, StringComparer.Ordinal);
        foreach (var project in workspace.DotnetProjects)
        {
            if (project.IsTestProject || project.IsAspireHost || discovery.IsExcludedOrTest(project.Path))
            {
                continue;
            }

            string? kind = null;
            var functions = project.HasPackage("Microsoft.Azure.Functions.Worker") || project.HasPackage("Microsoft.NET.Sdk.Functions");
            if (project.IsWeb)
            {
                kind = "aspnetcore";
            }
            else if (project.IsWorker || functions || project.IsExecutable && (project.HasPackage("Microsoft.Extensions.Hosting") || project.Sdk.Contains("Worker", StringComparison.OrdinalIgnoreCase)))
            {
                kind = functions ? "azure-functions" : "worker";
            }

            if (kind is null)
            {
                continue;
            }

            // A service's code is its project and every project it references, transitively.
            var roots = new List<string> { project.Directory };
            var queue = new Queue<string>(project.ProjectReferences);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (queue.Count > 0)
            {
                var reference = queue.Dequeue();
                if (seen.Add(reference) && projects.TryGetValue(reference, out var referenced))
                {
                    roots.Add(referenced.Directory);
                    foreach (var next in referenced.ProjectReferences)
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            discovery.Add(project.Directory, project.Name, kind, Key, new Evidence(project.Path, 1, $"{project.Sdk.Split(';')[0]} project"), kind != "worker", roots);
        }
    }

    public override void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
        var aspireContainerApps = workspace.Content.Hits(AspireAzureContainerApps).Count > 0 || workspace.Content.Hits(AspirePublishAsContainerApp).Count > 0;
        if (aspireContainerApps || workspace.DotnetProjects.Any(p => string.Equals(p.Property("EnableSdkContainerSupport"), "true", StringComparison.OrdinalIgnoreCase) ||
                                                                     p.Property("ContainerRepository") is not null || p.HasPackage("Microsoft.NET.Build.Containers")))
        {
            platforms.Add("container-build");
        }

        if (aspireContainerApps)
        {
            platforms.Add("azure-container-apps");
        }

        if (workspace.DotnetProjects.Any(p => p.IsAspireHost))
        {
            platforms.Add("aspire");
        }
    }

    public override void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
        foreach (var (term, store) in AspireResources)
        {
            if (workspace.Content.Hits(term).FirstOrDefault(h => !workspace.IsTestPath(h.File.Path)) is { } hit)
            {
                finder.Add(DataStores.Get(store), new Evidence(hit.File.Path, hit.Line, Core.Secrets.SecretPatterns.Mask(hit.LineText)));
            }
        }
    }

    /// <summary>An Aspire AppHost wiring one project to another with WithReference.</summary>
    public override Evidence? FindServiceCalls(Workspace workspace, IReadOnlyList<ServiceInfo> services)
    {
        foreach (var host in workspace.DotnetProjects.Where(p => p.IsAspireHost))
        {
            foreach (var file in workspace.Files.Files.Where(f => RelativePaths.IsUnder(f.Path, host.Directory) && f.Name.EndsWith(".cs", StringComparison.Ordinal)))
            {
                if (workspace.Text(file) is not { } text)
                {
                    continue;
                }

                for (var i = 1; i <= text.LineCount; i++)
                {
                    var line = text.Line(i);
                    if (line.Contains(".WithReference(", StringComparison.Ordinal) &&
                        services.Any(s => line.Contains(s.Name.Replace(".", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase) || line.Contains("Api", StringComparison.Ordinal)))
                    {
                        return new Evidence(file.Path, i, Core.Secrets.SecretPatterns.Mask(line.Trim()));
                    }
                }
            }
        }

        return null;
    }
}
