using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Services;

/// <summary>
/// Finds the programs that run in production and merges what several sources say about each: every registered
/// ecosystem adds the services its code shows (phase by phase), then deployment descriptors (Dockerfiles, compose,
/// Kubernetes, process files) are tied to them or, when no code explains them, become services of their own.
/// </summary>
public sealed class ServiceDiscovery
{
    private readonly Dictionary<string, ServiceDraft> byPath = new(StringComparer.Ordinal);
    private readonly HashSet<string> tools = new(StringComparer.Ordinal);

    public ServiceDiscovery(Workspace workspace)
    {
        Workspace = workspace;
    }

    public Workspace Workspace { get; }

    /// <summary>Services found so far.</summary>
    public IEnumerable<ServiceDraft> Services => byPath.Values;

    public static IReadOnlyList<ServiceInfo> Find(Workspace workspace)
    {
        var discovery = new ServiceDiscovery(workspace);
        foreach (var phase in EcosystemRegistry.All.GroupBy(e => e.DiscoveryPhase).OrderBy(g => g.Key))
        {
            foreach (var ecosystem in phase)
            {
                ecosystem.FindServices(discovery);
            }
        }

        DeploymentServices.Find(discovery);
        return discovery.Finish();
    }

    /// <summary>True for paths that are not the product: samples, docs, fixtures, tests.</summary>
    public bool IsExcludedOrTest(string path) => FactsBuilder.IsExcluded(path) || TestPaths.LooksLikeTest(path);

    /// <summary>
    /// Adds a service at a directory, or merges into the one already there (roots are united, serving HTTP wins).
    /// </summary>
    public ServiceDraft Add(string path, string name, string kind, string? ecosystem, Evidence evidence, bool servesHttp, IEnumerable<string> roots)
    {
        if (byPath.TryGetValue(path, out var existing))
        {
            foreach (var root in roots.Where(r => !existing.Roots.Contains(r)))
            {
                existing.Roots.Add(root);
            }

            existing.ServesHttp |= servesHttp;
            existing.Ecosystem ??= ecosystem;
            return existing;
        }

        var service = new ServiceDraft(path, name, kind, ecosystem, evidence, servesHttp, roots.ToList(), hasCode: true);
        byPath[path] = service;
        return service;
    }

    /// <summary>
    /// Declares a folder whose program an ecosystem judged not to run in production (a command-line tool, a seeder, a
    /// code generator): an image built there that exposes no port is that tool's packaging, not a service.
    /// </summary>
    public void AddTool(string directory) => tools.Add(directory);

    /// <summary>True when the directory is a declared tool's folder or lies below one, and no service holds it.</summary>
    public bool IsTool(string directory) =>
        tools.Any(t => RelativePaths.IsUnder(directory, t)) && Owner(directory) is null;

    /// <summary>Adds a service that has no code in the repository (a workload running an image built elsewhere).</summary>
    internal ServiceDraft AddWithoutCode(string key, string displayPath, string name, string kind, Evidence evidence)
    {
        if (!byPath.TryGetValue(key, out var service))
        {
            service = new ServiceDraft(key, name, kind, null, evidence, true, [], hasCode: false) { DisplayPath = displayPath };
            byPath[key] = service;
        }

        return service;
    }

    /// <summary>The innermost service whose directory holds this one (a root service only for the root itself).</summary>
    public ServiceDraft? Owner(string directory) =>
        byPath.Values.Where(s => s.HasCode && RelativePaths.IsUnder(directory, s.Path))
            .OrderByDescending(s => s.Path.Length).FirstOrDefault(s => s.Path == directory || s.Path.Length > 0);

    /// <summary>A service in a directory above this one, the root excluded (a client app inside a back end).</summary>
    public ServiceDraft? Above(string directory) =>
        byPath.Values.FirstOrDefault(s => s.HasCode && s.Path != directory && s.Path.Length > 0 && RelativePaths.IsUnder(directory, s.Path));

    /// <summary>The nearest directory at or above the path's own that holds one of the named files.</summary>
    public string? NearestManifestDirectory(string path, params string[] names)
    {
        var directory = RelativePaths.DirectoryOf(path);
        while (true)
        {
            foreach (var name in names)
            {
                if (Workspace.Files.Get(directory.Length == 0 ? name : directory + "/" + name) is not null)
                {
                    return directory;
                }
            }

            if (directory.Length == 0)
            {
                return null;
            }

            directory = RelativePaths.DirectoryOf(directory);
        }
    }

    /// <summary>The last segment of a directory; for the root, the name of the repository's folder.</summary>
    public string DirectoryName(string directory)
    {
        if (directory.Length == 0)
        {
            return RootName;
        }

        return RelativePaths.FileName(directory);
    }

    /// <summary>The repository's folder name, or "app".</summary>
    public string RootName => Path.GetFileName(Workspace.Files.Root.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } root ? root : "app";

    private List<ServiceInfo> Finish()
    {
        var services = byPath.Values.OrderBy(s => s.DisplayPath ?? s.Path, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<ServiceInfo>();
        foreach (var service in services)
        {
            var name = service.Name;
            if (!names.Add(name))
            {
                name = $"{name} ({service.DisplayPath ?? service.Path})";
                names.Add(name);
            }

            var roots = service.Roots.Distinct(StringComparer.Ordinal).ToList();
            result.Add(new ServiceInfo(name, service.DisplayPath ?? service.Path, service.Kind, roots, service.Evidence, service.ServesHttp, service.HasCode && roots.Count > 0,
                service.Dockerfiles.Order(StringComparer.Ordinal).ToList(), service.Aliases.Order(StringComparer.Ordinal).ToList())
            {
                Ecosystem = service.Ecosystem,
                Processes = service.Processes.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            });
        }

        return result;
    }
}

/// <summary>A service while discovery is under way.</summary>
public sealed class ServiceDraft
{
    internal ServiceDraft(string path, string name, string kind, string? ecosystem, Evidence evidence, bool servesHttp, List<string> roots, bool hasCode)
    {
        Path = path;
        Name = name;
        Kind = kind;
        Ecosystem = ecosystem;
        Evidence = evidence;
        ServesHttp = servesHttp;
        Roots = roots;
        HasCode = hasCode;
    }

    /// <summary>Directory of the service's code (or a key for services without code).</summary>
    public string Path { get; }

    public string? DisplayPath { get; init; }

    public string Name { get; set; }

    public string Kind { get; }

    public string? Ecosystem { get; set; }

    public Evidence Evidence { get; }

    public bool ServesHttp { get; set; }

    public List<string> Roots { get; }

    public bool HasCode { get; }

    public HashSet<string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> Dockerfiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Processes of this code base that run in production (Procfile web and worker, Puma and Sidekiq).</summary>
    public List<ServiceProcess> Processes { get; } = [];

    /// <summary>Adds a process unless one of that name is known.</summary>
    public void AddProcess(string name, string command, Evidence evidence)
    {
        if (!Processes.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            Processes.Add(new ServiceProcess(name, command, evidence));
        }
    }
}
