using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems;

/// <summary>
/// One language ecosystem, kept in one folder: the manifests it reads, how it finds the programs that run in
/// production, and — as data in the folder's <c>ecosystem.yml</c> — its languages, the dependency names that reveal
/// a database or a capability, the code that reveals an API, a UI or outbound calls, its framework conventions, and
/// its words (extra signals and the remediation of each practice in its own terms). The engine asks every
/// registered ecosystem and names none (see <see cref="EcosystemRegistry"/>).
/// </summary>
public abstract class Ecosystem
{
    protected Ecosystem()
    {
        Data = EcosystemData.LoadFor(GetType());
    }

    /// <summary>What the folder's ecosystem.yml declares.</summary>
    public EcosystemData Data { get; }

    /// <summary>Stable key: the remediation key of practices and the ecosystem of a service ("dotnet", "ruby").</summary>
    public string Key => Data.Key;

    /// <summary>Name shown to readers (".NET", "Ruby").</summary>
    public string Name => Data.Name;

    /// <summary>Package managers whose names this ecosystem's manifests declare.</summary>
    public virtual IReadOnlyList<PackageEcosystem> PackageManagers => [];

    /// <summary>Services are found phase by phase: front-end packages (phase 1) join a back end found before them.</summary>
    public virtual int DiscoveryPhase => 0;

    /// <summary>True for the files this ecosystem's readers parse; their text is kept by the content pass.</summary>
    public virtual bool Reads(RepoFile file) => false;

    /// <summary>Parses one file <see cref="Reads"/> accepted; what it declares goes to the sink. Returns the problem, if any, as a warning.</summary>
    public virtual string? Read(SourceText source, WorkspaceSink sink) => null;

    /// <summary>
    /// Called once after every file has been read, for what only several files together declare (a Gradle build and
    /// its version catalog): the documents read so far are in the sink. Returns a problem, if any, as a warning.
    /// </summary>
    public virtual string? Complete(WorkspaceSink sink) => null;

    /// <summary>Literals this ecosystem's own logic needs from the content pass, beyond the facts its data lists.</summary>
    public virtual IEnumerable<Term> Terms => [];

    /// <summary>Adds the programs of this ecosystem that run in production.</summary>
    public virtual void FindServices(ServiceDiscovery discovery)
    {
    }

    /// <summary>Adds platforms that this ecosystem's build shows (an SDK that builds container images, an app host).</summary>
    public virtual void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
    }

    /// <summary>Adds run-time dependencies that code declares beyond packages (resources of an app host).</summary>
    public virtual void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
    }

    /// <summary>Calls between these services through wiring only this ecosystem knows (an app host referencing one project from another).</summary>
    public virtual IEnumerable<ServiceCall> FindServiceCalls(Workspace workspace, IReadOnlyList<ServiceInfo> services) => [];

    public override string ToString() => Key;
}
