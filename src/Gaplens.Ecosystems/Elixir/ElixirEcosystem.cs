using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Elixir;

/// <summary>
/// Elixir: Mix projects. A project that starts an OTP application (or declares a release) is a program that runs in
/// production; an umbrella is one release of its apps unless mix.exs declares several releases, each a service of
/// the apps it starts. Hex packages and escripts are libraries and tools.
/// </summary>
public sealed class ElixirEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Hex = new("hex", "Hex");

    /// <summary>Packages that come with Phoenix (a mix.exs may declare phoenix itself through a helper function).</summary>
    private static readonly string[] PhoenixPackages = ["phoenix", "phoenix_live_view", "phoenix_ecto"];

    /// <summary>Packages that make a project listen for HTTP.</summary>
    private static readonly string[] HttpServers = ["phoenix", "phoenix_live_view", "plug_cowboy", "bandit", "cowboy", "absinthe_plug"];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Hex];

    public override bool Reads(RepoFile file) => file.Name.Equals("mix.exs", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var project = MixProject.Parse(source, Hex);
        sink.AddDocument(project);
        sink.AddPackages(project.Packages);
        return null;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var projects = discovery.Workspace.Documents<MixProject>()
            .Where(p => !discovery.IsExcludedOrTest(p.Path) && !IsDependencyFolder(p.Path)).ToList();
        var umbrellaApps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var umbrella in projects.Where(p => p.IsUmbrella))
        {
            var appsDirectory = RelativePaths.Combine(umbrella.Directory, umbrella.AppsPath!);
            var children = projects.Where(p => !p.IsUmbrella && RelativePaths.IsUnder(p.Path, appsDirectory)).ToList();
            umbrellaApps.UnionWith(children.Select(c => c.Path));
            AddUmbrella(discovery, umbrella, children);
        }

        foreach (var project in projects.Where(p => !p.IsUmbrella && !umbrellaApps.Contains(p.Path)))
        {
            // A Hex package or an escript is a library or a tool, unless it also declares a release.
            if (project.Releases.Count == 0 && (!project.StartsApplication || project.IsHexPackage || project.IsEscript))
            {
                continue;
            }

            var release = project.Releases.Count == 1 ? project.Releases[0] : null;
            var name = release?.Name ?? project.App ?? discovery.DirectoryName(project.Directory);
            var (kind, servesHttp) = KindOf([project]);
            var evidence = release is not null
                ? new Evidence(project.Path, release.Line, $"Mix release '{release.Name}' ({Display(kind)})")
                : new Evidence(project.Path, 1, $"Mix project {project.App ?? name} with an application callback ({Display(kind)})");
            discovery.Add(project.Directory, name, kind, Key, evidence, servesHttp, Roots(discovery, project.Directory));
        }
    }

    /// <summary>
    /// An umbrella ships as one release of all its apps, or as the releases its mix.exs names, each starting the apps it lists
    /// (and the sibling apps those depend on).
    /// </summary>
    private void AddUmbrella(ServiceDiscovery discovery, MixProject umbrella, List<MixProject> children)
    {
        var byApp = children.Where(c => c.App is not null).GroupBy(c => c.App!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var releases = umbrella.Releases.Where(r => r.Applications.Any(byApp.ContainsKey)).ToList();
        if (releases.Count > 1)
        {
            foreach (var release in releases)
            {
                var apps = Closure(release.Applications.Where(byApp.ContainsKey), byApp);
                var (kind, servesHttp) = KindOf(apps);
                var main = apps.FirstOrDefault(a => HttpServers.Any(a.Requires)) ?? apps[0];
                discovery.Add(main.Directory, release.Name, kind, Key, new Evidence(umbrella.Path, release.Line, $"Mix release '{release.Name}' of the umbrella ({Display(kind)})"),
                    servesHttp, apps.SelectMany(a => Roots(discovery, a.Directory)).Append(RelativePaths.Combine(umbrella.Directory, "config")).Distinct(StringComparer.Ordinal));
            }

            return;
        }

        if (children.Count == 0 || !children.Any(c => c.StartsApplication) && umbrella.Releases.Count == 0)
        {
            return;
        }

        // Apps that carry their own Dockerfile are built and shipped on their own, each with the sibling apps it uses.
        var shipped = children.Where(c => discovery.Workspace.Dockerfiles.Any(d => !d.IsDevContainer && d.Directory == c.Directory)).ToList();
        if (umbrella.Releases.Count <= 1 && shipped.Count > 0)
        {
            foreach (var app in shipped)
            {
                var apps = Closure([app.App ?? string.Empty], byApp);
                apps = apps.Count == 0 ? [app] : apps;
                var (kind, servesHttp) = KindOf(apps);
                discovery.Add(app.Directory, app.App ?? discovery.DirectoryName(app.Directory), kind, Key, new Evidence(app.Path, 1, $"umbrella app {app.App} shipped with its own Dockerfile ({Display(kind)})"),
                    servesHttp, apps.SelectMany(a => Roots(discovery, a.Directory)).Append(RelativePaths.Combine(umbrella.Directory, "config")).Distinct(StringComparer.Ordinal));
            }

            return;
        }

        var single = umbrella.Releases.Count == 1 ? umbrella.Releases[0] : null;
        var (umbrellaKind, http) = KindOf(children);
        var evidence = single is not null
            ? new Evidence(umbrella.Path, single.Line, $"Mix release '{single.Name}' of the umbrella ({Display(umbrellaKind)})")
            : new Evidence(umbrella.Path, 1, $"Mix umbrella of {children.Count} apps ({Display(umbrellaKind)})");
        discovery.Add(umbrella.Directory, single?.Name ?? discovery.DirectoryName(umbrella.Directory), umbrellaKind, Key, evidence, http, Roots(discovery, umbrella.Directory));
    }

    /// <summary>The apps and the sibling apps they depend on (in_umbrella: true), transitively.</summary>
    private static List<MixProject> Closure(IEnumerable<string> names, IReadOnlyDictionary<string, MixProject> byApp)
    {
        var result = new List<MixProject>();
        var queue = new Queue<string>(names);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (!seen.Add(name) || !byApp.TryGetValue(name, out var app))
            {
                continue;
            }

            result.Add(app);
            foreach (var dependency in app.UmbrellaDependencies)
            {
                queue.Enqueue(dependency);
            }
        }

        return result;
    }

    private static (string Kind, bool ServesHttp) KindOf(IReadOnlyList<MixProject> apps)
    {
        if (apps.Any(a => PhoenixPackages.Any(a.Requires)))
        {
            return ("elixir-phoenix", true);
        }

        return apps.Any(a => HttpServers.Any(a.Requires)) ? ("elixir-plug", true) : ("elixir-app", false);
    }

    private static string Display(string kind) => kind switch
    {
        "elixir-phoenix" => "Phoenix",
        "elixir-plug" => "Plug",
        _ => "OTP application",
    };

    /// <summary>The project folder, and its Phoenix assets folder: the front end that the endpoint serves is part of the service.</summary>
    private static IEnumerable<string> Roots(ServiceDiscovery discovery, string directory)
    {
        yield return directory;
        var assets = RelativePaths.Combine(directory, "assets");
        if (discovery.Workspace.Files.DirectoryExists(assets))
        {
            yield return assets;
        }
    }

    /// <summary>Fetched dependencies (deps/) and build output (_build/) are not the repository's projects.</summary>
    private static bool IsDependencyFolder(string path) =>
        RelativePaths.Segments(path).Any(s => s is "deps" or "_build");
}
