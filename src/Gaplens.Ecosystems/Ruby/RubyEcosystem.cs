using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Ruby;

/// <summary>
/// Ruby: Bundler Gemfiles and gemspecs; Rails, Hanami, Sinatra and other Rack applications; job workers (Sidekiq,
/// GoodJob, Solid Queue, Resque, Delayed Job...) as processes of the application whose code they run; Kamal
/// deployments.
/// </summary>
public sealed class RubyEcosystem : Ecosystem
{
    public static readonly PackageEcosystem RubyGems = new("rubygems", "RubyGems");

    /// <summary>Rack frameworks, in the order a config.ru is attributed to them.</summary>
    private static readonly (string Gem, string Kind)[] RackFrameworks =
    [
        ("sinatra", "sinatra"), ("roda", "roda"), ("grape", "grape"), ("hanami-api", "hanami"), ("hanami-router", "hanami"), ("cuba", "cuba"),
        ("padrino", "padrino"), ("rack", "rack"),
    ];

    /// <summary>Rack servers: the web process.</summary>
    private static readonly (string Gem, string Config, string Command)[] WebServers =
    [
        ("puma", "config/puma.rb", "bundle exec puma"), ("unicorn", "config/unicorn.rb", "bundle exec unicorn"), ("pitchfork", "config/pitchfork.rb", "bundle exec pitchfork"),
        ("falcon", "falcon.rb", "bundle exec falcon"), ("passenger", "Passengerfile.json", "bundle exec passenger start"), ("thin", "config/thin.yml", "bundle exec thin start"),
        ("iodine", "config/iodine.rb", "bundle exec iodine"),
    ];

    /// <summary>Job and message workers that run as a process of their own beside the web process.</summary>
    private static readonly (string Gem, string Config, string Command)[] Workers =
    [
        ("sidekiq", "config/sidekiq.yml", "bundle exec sidekiq"), ("good_job", "config/good_job.yml", "bundle exec good_job start"),
        ("solid_queue", "config/queue.yml", "bin/jobs (or inside Puma with SOLID_QUEUE_IN_PUMA)"), ("resque-pool", "config/resque-pool.yml", "bundle exec resque-pool"),
        ("resque", "config/resque.yml", "bundle exec rake resque:work"), ("delayed_job_active_record", "bin/delayed_job", "bin/delayed_job start"),
        ("delayed_job", "bin/delayed_job", "bin/delayed_job start"), ("que", "config/que.yml", "bundle exec que"),
        ("sneakers", "config/sneakers.yml", "bundle exec rake sneakers:run"), ("shoryuken", "config/shoryuken.yml", "bundle exec shoryuken"),
        ("karafka", "karafka.rb", "bundle exec karafka server"), ("racecar", "config/racecar.yml", "bundle exec racecar"),
    ];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [RubyGems];

    public override bool Reads(RepoFile file) =>
        RubyManifest.IsGemfile(file.Name) || file.Name.EndsWith(".gemspec", StringComparison.Ordinal) || RubyApp.IsEntryFile(file) || KamalDeploy.IsDeployFile(file);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var file = source.File;
        if (RubyManifest.IsGemfile(file.Name) || file.Name.EndsWith(".gemspec", StringComparison.Ordinal))
        {
            var manifest = RubyManifest.Read(source, RubyGems);
            sink.AddDocument(manifest);
            sink.AddPackages(manifest.Packages);
            return null;
        }

        if (KamalDeploy.IsDeployFile(file))
        {
            if (KamalDeploy.Read(source, out var error) is { } deploy)
            {
                sink.AddDocument(deploy);
            }

            return error;
        }

        if (RubyApp.Read(source) is { } app)
        {
            sink.AddDocument(app);
        }

        return null;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        var apps = workspace.Documents<RubyApp>().Where(a => !discovery.IsExcludedOrTest(a.Path)).ToList();
        var deploys = workspace.Documents<KamalDeploy>().Where(d => !discovery.IsExcludedOrTest(d.Path)).ToList();
        foreach (var manifest in workspace.Documents<RubyManifest>().Where(m => !m.IsGemspec && !discovery.IsExcludedOrTest(m.Path)).OrderBy(m => m.Path, StringComparer.Ordinal))
        {
            var root = manifest.Directory;
            if (Classify(manifest, apps.Where(a => a.Root == root).ToList(), workspace) is not { } found)
            {
                continue;
            }

            var deploy = deploys.Where(d => d.Root == root).OrderBy(d => d.IsBase ? 0 : 1).ThenBy(d => d.Path, StringComparer.Ordinal).FirstOrDefault();
            var name = found.App?.ProgramName ?? deploy?.Service ?? discovery.DirectoryName(root);
            var service = discovery.Add(root, name, found.Kind, Key, found.Evidence, found.ServesHttp, [root]);
            if (deploy?.Service is { Length: > 0 } kamalName)
            {
                service.Aliases.Add(kamalName);
            }

            AddProcesses(service, manifest, deploy, found.ServesHttp, workspace);
        }
    }

    public override void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
        if (workspace.Documents<KamalDeploy>().Any(d => !FactsBuilder.IsExcluded(d.Path) && !workspace.IsTestPath(d.Path)))
        {
            platforms.Add("kamal");
        }
    }

    public override void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
        foreach (var deploy in workspace.Documents<KamalDeploy>().Where(d => !FactsBuilder.IsExcluded(d.Path) && !workspace.IsTestPath(d.Path)))
        {
            foreach (var accessory in deploy.Accessories)
            {
                if (DataStores.ForImage(accessory.Image) is { } store)
                {
                    finder.Add(store, new Evidence(deploy.Path, accessory.Line, $"Kamal accessory '{accessory.Name}' runs {accessory.Image}"));
                }
            }
        }
    }

    private sealed record Found(string Kind, Evidence Evidence, bool ServesHttp, RubyApp? App);

    /// <summary>
    /// What program a Gemfile's folder holds: a Rails or Hanami application, a Rack application (config.ru), or a
    /// worker of its own; nothing for a gem (a gemspec beside the Gemfile) or for tooling.
    /// </summary>
    private static Found? Classify(RubyManifest manifest, IReadOnlyList<RubyApp> apps, Workspace workspace)
    {
        if (apps.FirstOrDefault(a => a.Kind == RubyAppKind.Rails) is { } rails && manifest.HasRuntime("rails", "railties"))
        {
            return new Found("rails", new Evidence(rails.Path, rails.Line, "Rails application"), true, rails);
        }

        if (apps.FirstOrDefault(a => a.Kind == RubyAppKind.Hanami) is { } hanami && manifest.HasRuntime("hanami"))
        {
            return new Found("hanami", new Evidence(hanami.Path, hanami.Line, "Hanami application"), true, hanami);
        }

        var prefix = manifest.Directory.Length == 0 ? string.Empty : manifest.Directory + "/";
        var isGem = workspace.Files.Files.Any(f => f.Directory == manifest.Directory && f.Name.EndsWith(".gemspec", StringComparison.Ordinal));
        if (isGem)
        {
            return null;
        }

        if (apps.FirstOrDefault(a => a.Kind == RubyAppKind.Rackup) is { } rackup)
        {
            var framework = RackFrameworks.FirstOrDefault(f => manifest.HasRuntime(f.Gem)).Kind ?? "rack";
            return new Found(framework, new Evidence(rackup.Path, rackup.Line, $"Rack application ({framework})"), true, null);
        }

        foreach (var (gem, config, _) in Workers)
        {
            if (manifest.Runtime(gem) is { } reference)
            {
                var file = workspace.Files.Get(prefix + config);
                return new Found("ruby-worker", file is null ? new Evidence(reference.ManifestPath, reference.Line, $"RubyGems package {gem}") : new Evidence(file.Path, 1, $"{gem} configuration"), false, null);
            }
        }

        return null;
    }

    /// <summary>A Procfile that declares a process other than <c>release</c> (a release command is not a process).</summary>
    private static bool DeclaresProcesses(SourceText? procfile)
    {
        if (procfile is null)
        {
            return false;
        }

        foreach (var raw in procfile.Lines())
        {
            var line = raw.Trim();
            var colon = line.IndexOf(':');
            if (colon > 0 && !line.StartsWith('#') && line[..colon].Trim() != "release")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The processes of the application: the roles of its Kamal deployment, or else the web server and the job
    /// workers its gems and configuration show. A Procfile, when there is one, declares them instead (read later).
    /// </summary>
    private static void AddProcesses(ServiceDraft service, RubyManifest manifest, KamalDeploy? deploy, bool servesHttp, Workspace workspace)
    {
        var prefix = manifest.Directory.Length == 0 ? string.Empty : manifest.Directory + "/";
        if (DeclaresProcesses(workspace.Text(prefix + "Procfile")))
        {
            return;
        }

        if (deploy is not null && deploy.Roles.Count > 0)
        {
            foreach (var role in deploy.Roles)
            {
                service.AddProcess(role.Name, role.Command ?? (role.Name == "web" ? "kamal-proxy → app container" : "app container"), new Evidence(deploy.Path, role.Line, $"Kamal role '{role.Name}'"));
            }

            return;
        }

        if (servesHttp)
        {
            var server = WebServers.Select(s => (Server: s, File: workspace.Files.Get(prefix + s.Config), Reference: manifest.Runtime(s.Gem)))
                .FirstOrDefault(s => s.File is not null || s.Reference is not null);
            if (server.Reference is not null || server.File is not null)
            {
                var evidence = server.File is not null ? new Evidence(server.File.Path, 1, $"{server.Server.Gem} configuration") : new Evidence(server.Reference!.ManifestPath, server.Reference.Line, $"RubyGems package {server.Server.Gem}");
                service.AddProcess("web", server.File is not null && server.Server.Config.EndsWith(".rb", StringComparison.Ordinal) ? $"{server.Server.Command} -C {server.Server.Config}" : server.Server.Command, evidence);
            }
            else
            {
                service.AddProcess("web", service.Kind == "rails" ? "bin/rails server" : "rackup", service.Evidence);
            }
        }

        foreach (var (gem, config, command) in Workers)
        {
            if (manifest.Runtime(gem) is not { } reference || gem == "resque" && manifest.HasRuntime("resque-pool") || gem == "delayed_job" && manifest.HasRuntime("delayed_job_active_record"))
            {
                continue;
            }

            var file = workspace.Files.Get(prefix + config);
            service.AddProcess(service.Processes.Any(p => p.Name == "worker") ? gem : "worker", command,
                file is null ? new Evidence(reference.ManifestPath, reference.Line, $"RubyGems package {gem}") : new Evidence(file.Path, 1, $"{gem} configuration"));
        }
    }
}
