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
    private readonly Dictionary<(PackageEcosystem, string), List<PackageReference>> packagesByName;
    private readonly List<string> testProjectDirectories;
    private readonly Lazy<CiModel> ci;

    internal Workspace(
        FileIndex files,
        ContentIndex content,
        IReadOnlyList<DotnetProject> dotnetProjects,
        IReadOnlyList<PackageJson> packageJsons,
        IReadOnlyList<GoModule> goModules,
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
        DotnetProjects = dotnetProjects;
        PackageJsons = packageJsons;
        GoModules = goModules;
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
            var key = (package.Ecosystem, Key(package.Ecosystem, package.Name));
            if (!packagesByName.TryGetValue(key, out var list))
            {
                list = [];
                packagesByName[key] = list;
            }

            list.Add(package);
        }

        testProjectDirectories = dotnetProjects.Where(p => p.IsTestProject).Select(p => p.Directory).ToList();
        DeployedWorkloads = kubernetesObjects.Where(o => o.IsWorkload && !o.IsHelmHook && !IsTestPath(o.Path) && !Facts.FactsBuilder.IsExcluded(o.Path)).ToList();
        Classes = files.Files.Aggregate(FileClass.None, (all, file) => all | file.Class);
        Ecosystems = packages.Select(p => p.Ecosystem).ToHashSet();
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

    /// <summary>Package ecosystems with at least one declared dependency.</summary>
    public IReadOnlySet<PackageEcosystem> Ecosystems { get; }

    public FileIndex Files { get; }

    public ContentIndex Content { get; }

    public IReadOnlyList<DotnetProject> DotnetProjects { get; }

    public IReadOnlyList<PackageJson> PackageJsons { get; }

    public IReadOnlyList<GoModule> GoModules { get; }

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

    /// <summary>References to a package; a name ending in '*' matches as a prefix.</summary>
    public IReadOnlyList<PackageReference> FindPackages(PackageEcosystem ecosystem, string name)
    {
        if (name.EndsWith('*'))
        {
            var prefix = Key(ecosystem, name[..^1]);
            return Packages.Where(p => p.Ecosystem == ecosystem && Key(ecosystem, p.Name).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        return packagesByName.TryGetValue((ecosystem, Key(ecosystem, name)), out var list) ? list : [];
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

    private static string Key(PackageEcosystem ecosystem, string name) =>
        ecosystem is PackageEcosystem.NuGet or PackageEcosystem.PyPI or PackageEcosystem.Maven ? name.ToLowerInvariant() : name;
}
