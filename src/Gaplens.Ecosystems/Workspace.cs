using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Ci;
using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Go;
using Gaplens.Ecosystems.Iac;
using Gaplens.Ecosystems.Kubernetes;
using Gaplens.Ecosystems.Node;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems;

/// <summary>Everything the readers parsed from the tree, each file parsed once. Detectors and facts read only this.</summary>
public sealed class Workspace
{
    private readonly Dictionary<(string, string), List<PackageReference>> packagesByName;
    private readonly IReadOnlyList<string> testProjectDirectories;
    private readonly IReadOnlyDictionary<Type, IReadOnlyList<object>> documents;
    private readonly Lazy<CiModel> ci;

    internal Workspace(
        FileIndex files,
        ContentIndex content,
        IReadOnlyDictionary<Type, IReadOnlyList<object>> documents,
        IReadOnlyList<string> testRoots,
        IReadOnlyList<PackageReference> packages,
        IReadOnlyList<CiPipeline> pipelines,
        IReadOnlyList<Dockerfile> dockerfiles,
        IReadOnlyList<ComposeFile> composeFiles,
        IReadOnlyList<KubernetesObject> kubernetesObjects,
        IReadOnlyList<string> helmCharts,
        IReadOnlyList<string> kustomizations,
        IReadOnlyList<TerraformFile> terraformFiles,
        IReadOnlyList<ScanWarning> warnings)
    {
        Files = files;
        Content = content;
        this.documents = documents;
        Packages = packages;
        Pipelines = pipelines;
        Dockerfiles = dockerfiles;
        ComposeFiles = composeFiles;
        KubernetesObjects = kubernetesObjects;
        HelmCharts = helmCharts;
        Kustomizations = kustomizations;
        TerraformFiles = terraformFiles;
        Warnings = warnings;
        packagesByName = [];
        foreach (var package in packages)
        {
            var key = (package.Ecosystem.Key, package.Ecosystem.Normalize(package.Name));
            if (!packagesByName.TryGetValue(key, out var list))
            {
                list = [];
                packagesByName[key] = list;
            }

            list.Add(package);
        }

        testProjectDirectories = testRoots;
        DeployedWorkloads = kubernetesObjects.Where(o => o.IsWorkload && !o.IsHelmHook && !IsTestPath(o.Path) && !Facts.FactsBuilder.IsExcluded(o.Path)).ToList();
        Classes = files.Files.Aggregate(FileClass.None, (all, file) => all | file.Class);
        Ecosystems = packages.Select(p => p.Ecosystem.Key).ToHashSet(StringComparer.Ordinal);
        ci = new Lazy<CiModel>(() => CiModel.Build(this));
    }

    /// <summary>What CI executes: pipelines linked with their parts, each step followed through scripts and build files (built on first use).</summary>
    public CiModel Ci => ci.Value;

    /// <summary>
    /// Kubernetes workloads that get deployed: not Helm hooks, nor the pods of test, sample or fixture folders (chart
    /// tests, e2e clusters). Every detector and fact that speaks of what runs in production starts from this list.
    /// </summary>
    public IReadOnlyList<KubernetesObject> DeployedWorkloads { get; }

    /// <summary>Every file class present in the tree.</summary>
    public FileClass Classes { get; }

    /// <summary>Keys of the package managers with at least one declared dependency ("nuget", "npm").</summary>
    public IReadOnlySet<string> Ecosystems { get; }

    public FileIndex Files { get; }

    public ContentIndex Content { get; }

    /// <summary>Documents of one type that ecosystem readers parsed (project files, package.json, Gemfiles), in path order.</summary>
    public IReadOnlyList<T> Documents<T>()
        where T : class =>
        documents.TryGetValue(typeof(T), out var list) ? list.Cast<T>().ToList() : [];

    public IReadOnlyList<DotnetProject> DotnetProjects => Documents<DotnetProject>();

    public IReadOnlyList<PackageJson> PackageJsons => Documents<PackageJson>();

    public IReadOnlyList<GoModule> GoModules => Documents<GoModule>();

    /// <summary>Every declared dependency of every ecosystem, in path order.</summary>
    public IReadOnlyList<PackageReference> Packages { get; }

    public IReadOnlyList<CiPipeline> Pipelines { get; }

    public IReadOnlyList<Dockerfile> Dockerfiles { get; }

    public IReadOnlyList<ComposeFile> ComposeFiles { get; }

    public IReadOnlyList<KubernetesObject> KubernetesObjects { get; }

    /// <summary>Directories holding a Helm Chart.yaml.</summary>
    public IReadOnlyList<string> HelmCharts { get; }

    /// <summary>Paths of kustomization.yaml files.</summary>
    public IReadOnlyList<string> Kustomizations { get; }

    public IReadOnlyList<TerraformFile> TerraformFiles { get; }

    /// <summary>Warnings of the walk, the content pass and the readers, sorted.</summary>
    public IReadOnlyList<ScanWarning> Warnings { get; }

    public SourceText? Text(string path) => Content.Text(path);

    public SourceText? Text(RepoFile file) => Content.Text(file);

    /// <summary>References to a package given as "manager:name" ("npm:axios"); an unknown manager finds nothing.</summary>
    public IReadOnlyList<PackageReference> FindPackages(string qualifiedName)
    {
        var colon = qualifiedName.IndexOf(':');
        return colon > 0 && PackageEcosystem.TryParse(qualifiedName[..colon], out var ecosystem) ? FindPackages(ecosystem, qualifiedName[(colon + 1)..]) : [];
    }

    /// <summary>References to a package; a name ending in '*' matches as a prefix.</summary>
    public IReadOnlyList<PackageReference> FindPackages(PackageEcosystem ecosystem, string name)
    {
        if (name.EndsWith('*'))
        {
            var prefix = ecosystem.Normalize(name[..^1]);
            return Packages.Where(p => p.Ecosystem.Key == ecosystem.Key && ecosystem.Normalize(p.Name).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        return packagesByName.TryGetValue((ecosystem.Key, ecosystem.Normalize(name)), out var list) ? list : [];
    }

    public bool HasPackage(PackageEcosystem ecosystem, string name) => FindPackages(ecosystem, name).Count > 0;

    /// <summary>True for files that are tests: test projects, test folders and test file naming conventions.</summary>
    public bool IsTestPath(string path)
    {
        foreach (var directory in testProjectDirectories)
        {
            if (RelativePaths.IsUnder(path, directory))
            {
                return true;
            }
        }

        return TestPaths.LooksLikeTest(path);
    }

}
