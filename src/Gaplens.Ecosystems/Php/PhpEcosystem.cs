using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Php;

/// <summary>
/// PHP: Composer manifests; Laravel, Symfony, Slim, Laminas and other applications with a front controller; their
/// queue workers (queue:work, Horizon, Messenger) and schedulers as processes of the same service; the database the
/// environment template names.
/// </summary>
public sealed partial class PhpEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Composer = new("composer", "Composer", ignoreCase: true);

    /// <summary>Framework package to the kind of service it makes.</summary>
    private static readonly (string Package, string Kind)[] Frameworks =
    [
        ("laravel/framework", "php-laravel"), ("laravel/lumen-framework", "php-laravel"), ("symfony/framework-bundle", "php-symfony"),
        ("slim/slim", "php-slim"), ("laminas/laminas-mvc", "php-laminas"), ("mezzio/mezzio", "php-laminas"), ("cakephp/cakephp", "php-cakephp"),
        ("yiisoft/yii2", "php-yii"), ("codeigniter4/framework", "php-codeigniter"), ("api-platform/core", "php-symfony"),
    ];

    /// <summary>Scripts that serve every request of a PHP application (the front controller), in order of preference.</summary>
    private static readonly string[] FrontControllers = ["public/index.php", "web/index.php", "web/app.php", "public/app.php", "index.php"];

    /// <summary>Names of starter skeletons that say nothing about the program ("laravel/laravel").</summary>
    private static readonly HashSet<string> SkeletonNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "laravel/laravel", "laravel/lumen", "symfony/skeleton", "symfony/website-skeleton", "slim/slim-skeleton", "laminas/laminas-mvc-skeleton",
        "mezzio/mezzio-skeleton", "cakephp/app", "yiisoft/yii2-app-basic", "yiisoft/yii2-app-advanced", "codeigniter4/appstarter",
    };

    private const FileClass ProcessFiles = FileClass.Shell | FileClass.Dockerfile | FileClass.Yaml | FileClass.Properties | FileClass.OtherText;

    /// <summary>Commands that run a long-lived process of a PHP application besides the web server.</summary>
    private static readonly (Term Term, string Process)[] ProcessCommands =
    [
        (new Term("queue:work", ProcessFiles), "worker"),
        (new Term("artisan horizon", ProcessFiles), "worker"),
        (new Term("messenger:consume", ProcessFiles), "worker"),
        (new Term("schedule:run", ProcessFiles), "scheduler"),
        (new Term("schedule:work", ProcessFiles), "scheduler"),
    ];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Composer];

    public override IEnumerable<Term> Terms => ProcessCommands.Select(c => c.Term);

    public override bool Reads(RepoFile file) => file.Name.Equals("composer.json", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (ComposerManifest.Parse(source, Composer, out var error) is { } manifest)
        {
            sink.AddDocument(manifest);
            sink.AddPackages(manifest.Packages);
        }

        return error;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var manifest in workspace.Documents<ComposerManifest>())
        {
            if (discovery.IsExcludedOrTest(manifest.Path) || manifest.IsLibraryType || IsVendored(manifest.Path))
            {
                continue;
            }

            var directory = manifest.Directory;
            var kind = Frameworks.FirstOrDefault(f => manifest.Requires(f.Package)).Kind;
            var frontController = FrontControllers.Select(f => RelativePaths.Combine(directory, f)).FirstOrDefault(p => workspace.Files.Get(p) is not null);
            var artisan = workspace.Files.Get(RelativePaths.Combine(directory, "artisan")) is not null;
            var console = workspace.Files.Get(RelativePaths.Combine(directory, "bin/console")) is not null;

            // An application has a front controller or a framework's console entry point; a package without either is a
            // library (its tests or docs may still hold an index.php, but those are excluded above). Without a framework,
            // a front controller makes an application of a project, or of a manifest with no package name (libraries are
            // published under one).
            var isApplication = artisan && kind is not null || console && kind == "php-symfony" ||
                                frontController is not null && (kind is not null || manifest.Type is not null || manifest.Name is null);
            if (!isApplication)
            {
                continue;
            }

            kind ??= "php-app";
            var name = manifest.Name is { Length: > 0 } n && n.Contains('/') && !SkeletonNames.Contains(n) ? n[(n.LastIndexOf('/') + 1)..] : discovery.DirectoryName(directory);
            var evidence = frontController is not null
                ? new Evidence(frontController, null, $"PHP front controller ({Display(kind)})")
                : new Evidence(manifest.Path, 1, $"{Display(kind)} application");
            var roots = new List<string> { directory };
            roots.AddRange(manifest.PathRepositories);
            var service = discovery.Add(directory, name, kind, Key, evidence, servesHttp: frontController is not null, roots.Distinct(StringComparer.Ordinal));
            AddProcesses(discovery, service, manifest, frontController);
        }
    }

    public override void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
        // Laravel Vapor and Bref run PHP on AWS Lambda.
        if (workspace.Files.Files.Any(f => f.Name is "vapor.yml" && f.Directory.Length == 0) || workspace.Packages.Any(p => p.Ecosystem.Key == Composer.Key && !p.Development && p.Name.Equals("bref/bref", StringComparison.OrdinalIgnoreCase)))
        {
            platforms.Add("serverless");
        }
    }

    /// <summary>
    /// The database an application is configured for when no driver package names it (PHP drivers are extensions, not
    /// Composer packages): DB_CONNECTION or DATABASE_URL in the environment template, or pdo extensions required.
    /// </summary>
    public override void FindDependencies(Workspace workspace, DependencyFinder finder)
    {
        var apps = workspace.Documents<ComposerManifest>().Where(m => !m.IsLibraryType && !FactsBuilder.IsExcluded(m.Path) && !workspace.IsTestPath(m.Path) && !IsVendored(m.Path)).ToList();
        foreach (var manifest in apps)
        {
            foreach (var template in new[] { ".env.example", ".env.dist", ".env.production", ".env.prod", ".env.docker", ".env" })
            {
                var path = RelativePaths.Combine(manifest.Directory, template);
                if (workspace.Text(path) is not { } text)
                {
                    continue;
                }

                for (var i = 1; i <= text.LineCount; i++)
                {
                    var line = text.Line(i).Trim();
                    if (EnvDatabase().Match(line) is { Success: true } match && StoreOf(match.Groups[1].Value) is { } store)
                    {
                        finder.Add(store, new Evidence(path, i, $"{line[..line.IndexOf('=')]} names {store.Name}"));
                    }
                }
            }
        }
    }

    private static string Display(string kind) => kind switch
    {
        "php-laravel" => "Laravel",
        "php-symfony" => "Symfony",
        "php-slim" => "Slim",
        "php-laminas" => "Laminas",
        "php-cakephp" => "CakePHP",
        "php-yii" => "Yii",
        "php-codeigniter" => "CodeIgniter",
        _ => "PHP",
    };

    private static DataStore? StoreOf(string value) => value.ToLowerInvariant() switch
    {
        "pgsql" or "postgres" or "postgresql" or "pdo_pgsql" => DataStores.Get("postgresql"),
        "mysql" or "mariadb" or "pdo_mysql" or "mysqli" => DataStores.Get("mysql"),
        "sqlite" or "sqlite3" or "pdo_sqlite" => DataStores.Get("sqlite"),
        "sqlsrv" or "mssql" or "pdo_sqlsrv" => DataStores.Get("sqlserver"),
        "mongodb" => DataStores.Get("mongodb"),
        _ => null,
    };

    /// <summary>Web, worker and scheduler processes of one Laravel or Symfony code base.</summary>
    private static void AddProcesses(ServiceDiscovery discovery, ServiceDraft service, ComposerManifest manifest, string? frontController)
    {
        var workspace = discovery.Workspace;
        var found = new List<(string Name, string Command, Evidence Evidence)>();
        foreach (var (term, process) in ProcessCommands)
        {
            var hit = workspace.Content.Hits(term)
                .Where(h => RelativePaths.IsUnder(h.File.Path, service.Path) && !h.IsCommentedOut && !discovery.IsExcludedOrTest(h.File.Path) && !h.File.Path.Contains("/vendor/", StringComparison.Ordinal) &&
                            (term.Literal != "artisan horizon" || HorizonProcess().IsMatch(h.LineText)))
                .OrderBy(h => h.File.Path, StringComparer.Ordinal).ThenBy(h => h.Line).FirstOrDefault();
            if (hit is not null && found.All(f => f.Name != process))
            {
                var command = hit.LineText.Trim();
                found.Add((process, command.Length > 120 ? command[..119] + "…" : command, new Evidence(hit.File.Path, hit.Line, $"{process} process ({term.Literal})")));
            }
        }

        // Horizon is installed to be run: it is the application's queue worker even where the command is not in the repository.
        if (found.All(f => f.Name != "worker") && manifest.Packages.FirstOrDefault(p => !p.Development && p.Name.Equals("laravel/horizon", StringComparison.OrdinalIgnoreCase)) is { } horizon)
        {
            found.Add(("worker", "php artisan horizon", new Evidence(horizon.ManifestPath, horizon.Line, "Laravel Horizon queue worker")));
        }

        if (found.Count == 0)
        {
            return;
        }

        if (frontController is not null)
        {
            service.AddProcess("web", "php-fpm", new Evidence(frontController, null, "web process (front controller)"));
        }

        foreach (var (name, command, evidence) in found)
        {
            service.AddProcess(name, command, evidence);
        }
    }

    private static bool IsVendored(string path) => path.StartsWith("vendor/", StringComparison.Ordinal) || path.Contains("/vendor/", StringComparison.Ordinal);

    [GeneratedRegex(@"artisan\s+horizon(?![:\w])")]
    private static partial Regex HorizonProcess();

    /// <summary>DB_CONNECTION=pgsql (Laravel), DATABASE_URL="postgresql://..." (Symfony, Doctrine) or DB_DRIVER=pdo_mysql.</summary>
    [GeneratedRegex(@"^(?:DB_CONNECTION|DATABASE_URL|DB_DRIVER)\s*=\s*[""']?([a-z0-9_-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex EnvDatabase();
}
