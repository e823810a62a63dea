using Gaplens.Core.Model;

namespace Gaplens.Ecosystems.Facts;

/// <summary>What the scan learned about the repository before judging any practice; applicability is decided from it.</summary>
public sealed class RepositoryFacts
{
    public required IReadOnlyList<string> Languages { get; init; }

    public required IReadOnlyList<ServiceInfo> Services { get; init; }

    /// <summary>Databases, caches, brokers and storage the code or deployment uses.</summary>
    public required IReadOnlyList<Dependency> Dependencies { get; init; }

    /// <summary>The first database or storage resource the infrastructure code (Terraform) creates, or null.</summary>
    public Evidence? ProvisionedStorage { get; init; }

    public required IReadOnlyList<string> CiSystems { get; init; }

    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>Clouds and application platforms the code runs on, each with the first file that shows it.</summary>
    public IReadOnlyList<Platforms.HostingPlatform> Hosting { get; init; } = [];

    /// <summary>The clouds the repository runs on (aws, azure, gcp): advice names no other cloud's services.</summary>
    public IReadOnlyList<string> Clouds => Hosting.Select(h => h.Key).Where(k => Ecosystems.Platforms.HostingPlatforms.Clouds.Contains(k)).ToList();

    public Evidence? HttpApi { get; init; }

    public Evidence? Ui { get; init; }

    public Evidence? Grpc { get; init; }

    /// <summary>The code calls other services over the network (HTTP/gRPC clients, SMTP, cloud APIs), databases excluded.</summary>
    public Evidence? OutboundCalls { get; init; }

    /// <summary>Calls between the services of this repository, each with where it shows.</summary>
    public IReadOnlyList<Services.ServiceCall> ServiceCalls { get; init; } = [];

    /// <summary>Where the first call between services of this repository shows, or null when they do not call each other.</summary>
    public Evidence? InterServiceCalls { get; init; }

    /// <summary>Names of the services whose own code calls another service or a third party (empty when none can be told apart).</summary>
    public IReadOnlyList<string> OutboundCallers { get; init; } = [];

    /// <summary>The application reads configuration from the environment or settings files.</summary>
    public Evidence? ReadsConfiguration { get; init; }

    public bool HasCode { get; init; }

    public int TestFiles { get; init; }

    public int CodeFiles { get; init; }

    public bool IsDeployable => Services.Count > 0;

    public bool IsMultiService => Services.Count > 1;

    /// <summary>
    /// The back-end services: a static browser front end ships with the API it calls and is judged with it. When the
    /// repository holds only front ends, they are the services.
    /// </summary>
    public IReadOnlyList<ServiceInfo> BackEndServices =>
        Services.Any(s => !s.IsWebFrontEnd) ? Services.Where(s => !s.IsWebFrontEnd).ToList() : Services;

    public bool HasWebFrontEnd => Services.Any(s => s.IsWebFrontEnd);

    /// <summary>A platform that builds and deploys from Git by itself, running the app as serverless functions.</summary>
    public string? GitServerlessPlatform => Platforms.FirstOrDefault(p => p is "vercel" or "netlify");

    /// <summary>Platforms that build and run the app from source (no image of the team's own).</summary>
    public string? SourceDeployPlatform => Platforms.FirstOrDefault(p => p is "vercel" or "netlify" or "heroku" or "fly");

    public bool ExposesHttpApi => HttpApi is not null;

    public bool HasUi => Ui is not null;

    public bool ServesHttp => HttpApi is not null || Ui is not null || Services.Any(s => s.ServesHttp);

    public bool Has(string platform) => Platforms.Contains(platform, StringComparer.Ordinal);

    public IEnumerable<Dependency> Databases => Dependencies.Where(d => d.Category == DependencyCategory.Database);

    public bool UsesDatabase => Databases.Any();

    public bool UsesRelationalDatabase => Databases.Any(d => d.Kind == "relational");

    /// <summary>A database that keeps data (an in-memory or cache store does not).</summary>
    public bool OwnsPersistentData => Databases.Any(d => d.Kind is "relational" or "document" or "wide-column" or "search") ||
                                      Dependencies.Any(d => d.Category == DependencyCategory.Storage);

    public bool UsesBroker => Dependencies.Any(d => d.Category == DependencyCategory.Broker);

    public bool HasContainers => Has("docker") || Has("container-build");

    public bool DeploysToOrchestratorOrCloud =>
        Has("kubernetes") || Has("helm") || Has("kustomize") || Has("terraform") || Has("bicep") || Has("arm") || Has("pulumi") ||
        Has("cdk") || Has("cloudformation") || Has("serverless") || Has("azure-container-apps") || Has("ecs") || Has("cloud-run") ||
        Has("app-engine") || Has("fly") || Has("heroku") || Has("render") || Has("vercel") || Has("netlify") || Has("azd") || Hosting.Count > 0;
}

public enum DependencyCategory
{
    Database,
    Cache,
    Broker,
    Storage,
}

/// <summary>Something the application depends on at run time, with where it was seen.</summary>
public sealed record Dependency(string Name, DependencyCategory Category, string Kind, Evidence Evidence);

/// <summary>A deployable unit: a web or worker project, an app with a start script, a container build, a workload.</summary>
public sealed record ServiceInfo(
    string Name,
    string Path,
    string Kind,
    IReadOnlyList<string> CodeRoots,
    Evidence Evidence,
    bool ServesHttp,
    bool HasCode,
    IReadOnlyList<string> Dockerfiles,
    IReadOnlyList<string> Aliases)
{
    /// <summary>Key of the ecosystem whose code this is ("dotnet", "ruby"), or null when no code explains it.</summary>
    public string? Ecosystem { get; init; }

    /// <summary>Processes of this code base that run in production (web and worker), when declared.</summary>
    public IReadOnlyList<ServiceProcess> Processes { get; init; } = [];

    /// <summary>A static browser front end (built files served by a web server), not a server of its own.</summary>
    public bool IsWebFrontEnd => Kind == "web-frontend";

    /// <summary>True when the path lies in one of the service's code roots.</summary>
    public bool Owns(string path) => CodeRoots.Any(root => RelativePaths.IsUnder(path, root));
}

/// <summary>One process of a service's code base: a Procfile entry, a web server or a job worker.</summary>
public sealed record ServiceProcess(string Name, string Command, Evidence Evidence);
