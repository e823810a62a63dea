using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Rust;

/// <summary>
/// Rust: Cargo manifests and workspaces; binaries that start a network listener (actix-web, axum, rocket, warp, tonic,
/// hyper, poem, salvo, tide) are services, binaries that consume a queue are workers, other binaries are tools.
/// </summary>
public sealed class RustEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Cargo = new("cargo", "Cargo");

    /// <summary>Code that starts a server, with the framework it shows.</summary>
    private static readonly (Term Term, string Framework)[] Listeners =
        new (string Literal, string Framework)[]
        {
            ("HttpServer::new(", "actix-web"), ("actix_server::Server::build(", "actix"), ("axum::serve(", "axum"), ("axum::Server::bind(", "axum"),
            ("axum_server::bind", "axum"), ("rocket::build()", "rocket"), ("rocket::custom(", "rocket"), ("#[launch]", "rocket"), ("warp::serve(", "warp"),
            ("Server::builder()", "tonic"), ("hyper::Server::bind(", "hyper"), ("poem::Server::new(", "poem"), ("Server::new(TcpListener::bind(", "poem"),
            ("salvo::Server::new(", "salvo"), ("tide::new()", "tide"), ("tide::with_state(", "tide"), ("ntex::web::server(", "ntex"), ("HttpServer::build()", "ntex"),
            ("pingora::server::Server::new(", "pingora"), ("Server::new(Some(", "pingora"),
            // Imported serve functions and bare listeners: the framework is the one the crate depends on.
            ("serve(listener", string.Empty), ("TcpListener::bind(", string.Empty),
        }.Select(l => (new Term(l.Literal, FileClass.Rust), l.Framework)).ToArray();

    /// <summary>Server frameworks, in the order that names a service's kind when a crate depends on several.</summary>
    private static readonly string[] Frameworks = ["actix-web", "axum", "rocket", "warp", "poem", "salvo", "tide", "ntex", "tonic", "hyper", "pingora"];

    /// <summary>Code that consumes a queue or runs background jobs: a worker when no listener is started.</summary>
    private static readonly Term[] WorkerTerms =
        new[] { "basic_consume(", "StreamConsumer", "WorkerBuilder::new(", "apalis::prelude", ".receive_message()", "faktory::ConsumerBuilder", "Consumer::from_hosts(" }
            .Select(l => new Term(l, FileClass.Rust)).ToArray();

    private static readonly Term RustMain = new("fn main(", FileClass.Rust);

    /// <summary>Database drivers whose store depends on the features they are built with.</summary>
    private static readonly (string Crate, (string Feature, string Store)[] Features)[] FeatureStores =
    [
        ("diesel", [("postgres", "postgresql"), ("mysql", "mysql"), ("sqlite", "sqlite")]),
        ("diesel-async", [("postgres", "postgresql"), ("mysql", "mysql"), ("sqlite", "sqlite")]),
        ("sqlx", [("postgres", "postgresql"), ("mysql", "mysql"), ("sqlite", "sqlite"), ("mssql", "sqlserver")]),
        ("sea-orm", [("sqlx-postgres", "postgresql"), ("sqlx-mysql", "mysql"), ("sqlx-sqlite", "sqlite"), ("sqlx-all", "postgresql"), ("sqlx-all", "mysql"), ("sqlx-all", "sqlite")]),
        ("refinery", [("postgres", "postgresql"), ("tokio-postgres", "postgresql"), ("mysql", "mysql"), ("mysql_async", "mysql"), ("rusqlite", "sqlite")]),
    ];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Cargo];

    public override IEnumerable<Term> Terms => Listeners.Select(l => l.Term).Concat(WorkerTerms).Append(RustMain);

    public override bool Reads(RepoFile file) => file.Name.Equals("Cargo.toml", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (CargoManifest.Parse(source, out var error) is not { } manifest)
        {
            return error;
        }

        sink.AddDocument(manifest);
        sink.AddPackages(manifest.Packages());
        if (manifest.IsDevelopmentCrate)
        {
            sink.AddTestRoot(manifest.Directory);
        }

        return null;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        var crates = new CargoCrates(workspace);
        var services = new Dictionary<Crate, (BinTarget Bin, string Framework, Evidence Evidence)>();
        var listeningLibraries = new Dictionary<Crate, (string Framework, Evidence Evidence)>();
        foreach (var (term, framework) in Listeners)
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (hit.IsCommentedOut || crates.CrateOf(hit.File.Path) is not { } crate || !IsProduct(discovery, crates, crate, hit.File.Path) ||
                    framework.Length == 0 && IsLocalOnly(hit.LineText))
                {
                    continue;
                }

                var kind = framework.Length > 0 ? framework : FrameworkOf(crate) ?? "tcp";
                var evidence = new Evidence(hit.File.Path, hit.Line, kind == "tcp" ? "TCP listener bound" : $"{kind} server started");
                var bin = crate.BinOf(hit.File.Path) ?? crate.PrimaryBin;
                if (bin is null)
                {
                    listeningLibraries.TryAdd(crate, (kind, evidence));
                }
                else if (!services.TryGetValue(crate, out var known) || Earlier(evidence, known.Evidence))
                {
                    services[crate] = (bin, kind, evidence);
                }
            }
        }

        // A library that starts the server (a crate with the app and its serve function) makes a service of each binary
        // crate that depends on it and calls into it from its main file.
        foreach (var crate in crates.All.Where(c => c.PrimaryBin is not null && !services.ContainsKey(c) && IsProduct(discovery, crates, c, c.Manifest.Path)))
        {
            var main = workspace.Text(crate.PrimaryBin!.File)?.Text ?? string.Empty;
            foreach (var library in CargoCrates.Closure(crate).Skip(1))
            {
                if (listeningLibraries.TryGetValue(library, out var listener) && main.Contains(library.Name.Replace('-', '_') + "::", StringComparison.Ordinal))
                {
                    services[crate] = (crate.PrimaryBin, listener.Framework, listener.Evidence);
                    break;
                }
            }
        }

        foreach (var (crate, (bin, framework, evidence)) in services.OrderBy(s => s.Key.Directory, StringComparer.Ordinal))
        {
            var service = discovery.Add(crate.Directory, bin.Name, $"rust-{framework}", Key, evidence, true, Roots(crate));
            foreach (var other in crate.Bins.Where(b => b != bin && IsWorker(workspace, crate, b)))
            {
                service.AddProcess(bin.Name, bin.Name, new Evidence(bin.File, bin.Line, $"binary {bin.Name}"));
                service.AddProcess(other.Name, other.Name, new Evidence(other.File, other.Line, $"binary {other.Name} consumes a queue"));
            }
        }

        // A binary that neither listens nor consumes a queue is a tool (a CLI, a migration runner, a generator).
        foreach (var crate in crates.All.Where(c => !services.ContainsKey(c) && c.PrimaryBin is not null))
        {
            if (IsProduct(discovery, crates, crate, crate.Manifest.Path) && WorkerHit(workspace, crates, crate) is { } hit)
            {
                discovery.Add(crate.Directory, crate.PrimaryBin!.Name, "rust-worker", Key, new Evidence(hit.File.Path, hit.Line, "consumes a queue"), false, Roots(crate));
            }
            else
            {
                discovery.AddTool(crate.Directory);
            }
        }

        TieDockerfiles(discovery, services.Select(s => (s.Key, s.Value.Bin)).ToList());
    }

    public override void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
        foreach (var manifest in workspace.Documents<CargoManifest>())
        {
            if (FactsBuilder.IsExcluded(manifest.Path) || workspace.IsTestPath(manifest.Path))
            {
                continue;
            }

            foreach (var dependency in manifest.AllDependencies.Where(d => !d.Development))
            {
                foreach (var (crate, features) in FeatureStores)
                {
                    if (dependency.Package != crate)
                    {
                        continue;
                    }

                    foreach (var (feature, store) in features.Where(f => dependency.Features.Contains(f.Feature, StringComparer.Ordinal)))
                    {
                        finder.Add(DataStores.Get(store), new Evidence(manifest.Path, dependency.Line, $"Cargo package {crate} with the {feature} feature"));
                    }
                }
            }
        }
    }

    /// <summary>A crate's own code and the workspace crates it depends on through paths, transitively.</summary>
    private static List<string> Roots(Crate crate) => CargoCrates.Closure(crate).Select(c => c.Directory).ToList();

    /// <summary>Product code: not a test, bench, example or fuzz target, nor a crate under such a folder.</summary>
    private static bool IsProduct(ServiceDiscovery discovery, CargoCrates crates, Crate crate, string path) =>
        !crate.IsAuxiliary(path) && !crates.IsExcludedFromWorkspace(crate) && !crate.Manifest.IsDevelopmentCrate && !discovery.IsExcludedOrTest(path) && !discovery.IsExcludedOrTest(crate.Manifest.Path) &&
        !discovery.Workspace.IsTestPath(path) && !RelativePaths.Segments(crate.Directory).Contains("benches");

    private static bool IsWorker(Workspace workspace, Crate crate, BinTarget bin) =>
        WorkerTerms.Any(t => workspace.Content.Hits(t).Any(h => h.File.Path == bin.File && !h.IsCommentedOut));

    /// <summary>A queue consumer in the crate's own product code.</summary>
    private static TermHit? WorkerHit(Workspace workspace, CargoCrates crates, Crate crate) =>
        WorkerTerms.SelectMany(workspace.Content.Hits)
            .Where(h => !h.IsCommentedOut && !crate.IsAuxiliary(h.File.Path) && !workspace.IsTestPath(h.File.Path) && crates.CrateOf(h.File.Path) == crate)
            .OrderBy(h => h.File.Path, StringComparer.Ordinal).ThenBy(h => h.Line).FirstOrDefault();

    /// <summary>
    /// A Dockerfile that builds a crate's binary (cargo build/install naming the package or the binary) belongs to the
    /// crate's service wherever it lies (a docker/ folder building the workspace from the root).
    /// </summary>
    private static void TieDockerfiles(ServiceDiscovery discovery, IReadOnlyList<(Crate Crate, BinTarget Bin)> services)
    {
        foreach (var dockerfile in discovery.Workspace.Dockerfiles)
        {
            var builds = dockerfile.All("RUN").Select(r => r.Arguments).Where(a => a.Contains("cargo ", StringComparison.Ordinal) || a.Contains("cargo-", StringComparison.Ordinal)).ToList();
            if (builds.Count == 0)
            {
                continue;
            }

            foreach (var (crate, bin) in services)
            {
                if (builds.Any(b => NamesTarget(b, crate.Name) || NamesTarget(b, bin.Name)) &&
                    discovery.Services.FirstOrDefault(s => s.Path == crate.Directory && s.HasCode) is { } service)
                {
                    service.Dockerfiles.Add(dockerfile.Path);
                }
            }
        }
    }

    /// <summary>"-p name", "--package name", "--bin name" or "--package=name".</summary>
    private static bool NamesTarget(string command, string name)
    {
        var tokens = command.Split([' ', '\t', ';', '&', '|', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token is "-p" or "--package" or "--bin" && i + 1 < tokens.Length && tokens[i + 1] == name)
            {
                return true;
            }

            if (token == $"--package={name}" || token == $"--bin={name}")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The server framework the crate or a workspace crate it depends on declares, or null.</summary>
    private static string? FrameworkOf(Crate crate)
    {
        var declared = CargoCrates.Closure(crate).SelectMany(c => c.Manifest.Dependencies).Where(d => !d.Development).Select(d => d.Package).ToHashSet(StringComparer.Ordinal);
        return Frameworks.FirstOrDefault(declared.Contains);
    }

    /// <summary>A listener on loopback or an ephemeral port: a test server, a local callback or an admin socket, not a service.</summary>
    private static bool IsLocalOnly(string line) =>
        line.Contains("127.0.0.1", StringComparison.Ordinal) || line.Contains("localhost", StringComparison.Ordinal) || line.Contains(":0\"", StringComparison.Ordinal) ||
        line.Contains("[::1]", StringComparison.Ordinal);

    private static bool Earlier(Evidence a, Evidence b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        return byPath < 0 || byPath == 0 && a.Line < b.Line;
    }
}
