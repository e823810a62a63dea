using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Dotnet;

/// <summary>.NET: SDK-style project files, ASP.NET Core web apps, workers and Functions, Aspire app hosts.</summary>
public sealed partial class DotnetEcosystem : Ecosystem
{
    public static readonly PackageEcosystem NuGet = new("nuget", "NuGet", ignoreCase: true);

    private static readonly Term AspireAzureContainerApps = new("AddAzureContainerAppEnvironment", FileClass.CSharp);
    private static readonly Term AspirePublishAsContainerApp = new("PublishAsAzureContainerApp", FileClass.CSharp);
    private static readonly Term WithReference = new(".WithReference(", FileClass.CSharp);

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

    public override IEnumerable<Term> Terms => AspireResources.Select(r => r.Term).Concat([AspireAzureContainerApps, AspirePublishAsContainerApp, WithReference]);

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

    /// <summary>
    /// An Aspire AppHost wiring one project to another: WithReference(other) on a project resource gives it the
    /// other's address (service discovery), so the first calls the second.
    /// </summary>
    public override IEnumerable<ServiceCall> FindServiceCalls(Workspace workspace, IReadOnlyList<ServiceInfo> services)
    {
        var calls = new List<ServiceCall>();
        foreach (var hit in workspace.Content.Hits(WithReference).Where(h => !workspace.IsTestPath(h.File.Path)).Select(h => h.File).Distinct())
        {
            if (workspace.Text(hit) is not { } text)
            {
                continue;
            }

            var projects = new Dictionary<string, ServiceInfo>(StringComparer.Ordinal);
            foreach (var statement in text.Text.Split(';'))
            {
                ServiceInfo? current = null;
                if (ProjectResource().Match(statement) is { Success: true } declared)
                {
                    var project = declared.Groups["project"].Value.Replace('_', '.');
                    current = services.FirstOrDefault(s => s.Name.Equals(project, StringComparison.OrdinalIgnoreCase) || s.Aliases.Contains(declared.Groups["name"].Value, StringComparer.OrdinalIgnoreCase));
                    if (current is not null && declared.Groups["variable"].Success)
                    {
                        projects[declared.Groups["variable"].Value] = current;
                    }
                }
                else if (LeadingVariable().Match(statement) is { Success: true } used && projects.TryGetValue(used.Groups[1].Value, out var existing))
                {
                    current = existing;
                }

                if (current is null)
                {
                    continue;
                }

                foreach (Match reference in References().Matches(statement))
                {
                    if (projects.TryGetValue(reference.Groups[1].Value, out var target) && target != current)
                    {
                        var line = text.Text[..text.Text.IndexOf(statement, StringComparison.Ordinal)].Count(c => c == '\n') +
                                   statement[..reference.Index].Count(c => c == '\n') + 1;
                        calls.Add(new ServiceCall(current.Name, target.Name, new Evidence(hit.Path, line, $"Aspire AppHost: '{current.Name}' references '{target.Name}'")));
                    }
                }
            }
        }

        return calls;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:var\s+(?<variable>\w+)\s*=\s*)?\w+\s*\.\s*AddProject<Projects\.(?<project>\w+)>\s*\(\s*""(?<name>[^""]+)""", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex ProjectResource();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(\w+)\s*\.", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex LeadingVariable();

    [System.Text.RegularExpressions.GeneratedRegex(@"\.WithReference\(\s*(\w+)\s*[,)]", System.Text.RegularExpressions.RegexOptions.CultureInvariant, 200)]
    private static partial System.Text.RegularExpressions.Regex References();
}
