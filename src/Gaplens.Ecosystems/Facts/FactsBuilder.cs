using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Facts;

/// <summary>Derives <see cref="RepositoryFacts"/> from the workspace: languages, services, dependencies, platforms.</summary>
public static partial class FactsBuilder
{
    private static readonly HashSet<string> ExcludedServiceSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "samples", "sample", "examples", "example", "benchmarks", "benchmark", "bench", "docs", "doc", ".devcontainer", "templates", "fixtures", "testdata",
    };

    private static readonly Term VercelDeployButton = new("vercel.com/new", FileClass.Docs, IgnoreCase: true);

    /// <summary>Every literal the facts and the registered ecosystems need from the content pass.</summary>
    public static IEnumerable<Term> Terms =>
        EcosystemRegistry.All.SelectMany(e => e.Data.Terms.Concat(e.Terms)).Concat(Services.ServiceCalls.Terms).Append(VercelDeployButton);

    private static IEnumerable<Term> TermsOf(Func<EcosystemData, IEnumerable<Term>> select) => EcosystemRegistry.All.SelectMany(e => select(e.Data));

    public static RepositoryFacts Build(Workspace workspace)
    {
        var files = workspace.Files.Files;
        var codeFiles = files.Where(f => f.Is(FileClass.Code) && !IsExcluded(f.Path)).ToList();
        var testFiles = codeFiles.Count(f => workspace.IsTestPath(f.Path));
        var services = Services.ServiceDiscovery.Find(workspace);
        var calls = Services.ServiceCalls.Find(workspace, services);
        var known = Platforms(workspace);
        var hosting = Ecosystems.Platforms.HostingPlatforms.Find(workspace, known);
        var platforms = known.Union(hosting.Select(h => h.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var dependencies = Dependencies(workspace, out var provisioned);
        return new RepositoryFacts
        {
            Languages = Languages(files),
            Services = services,
            Dependencies = dependencies,
            ProvisionedStorage = provisioned,
            CiSystems = workspace.Pipelines.Select(p => p.System).Distinct().Order(StringComparer.Ordinal).ToList(),
            Platforms = platforms,
            Hosting = hosting,
            HttpApi = FirstProductionHit(workspace, TermsOf(d => d.HttpApi), hit => !IsIncidentalRouteHandler(hit.File.Path) && !IsProbeRoute(hit.LineText)) ?? ApiDescription(workspace),
            Ui = UiEvidence(workspace),
            Grpc = FirstProductionHit(workspace, TermsOf(d => d.Grpc)),
            OutboundCalls = FirstProductionHit(workspace, TermsOf(d => d.OutboundCalls)) ?? FirstPackage(workspace, d => d.OutboundPackages),
            ServiceCalls = calls,
            InterServiceCalls = calls.FirstOrDefault()?.Evidence,
            OutboundCallers = OutboundCallers(workspace, services, calls),
            ReadsConfiguration = FirstProductionHit(workspace, TermsOf(d => d.Configuration)) ?? ConfigurationFile(workspace),
            HasCode = codeFiles.Count > testFiles,
            CodeFiles = codeFiles.Count,
            TestFiles = testFiles,
        };
    }

    /// <summary>
    /// Samples, docs and fixtures are not the product: they neither make services nor count as its code. Folders below
    /// a JVM source root are package names, so src/main/java/org/example/samples is not mistaken for samples.
    /// </summary>
    public static bool IsExcluded(string path)
    {
        var depth = 0;
        foreach (var segment in RelativePaths.Segments(RelativePaths.DirectoryOf(path)))
        {
            if (JvmSourceRoots.Contains(segment))
            {
                return false;
            }

            // Near the root every listed folder counts; deeper, only unambiguous ones (a Helm chart's templates/ or a
            // service's docs/ folder are part of the product).
            if (depth++ < 2 ? ExcludedServiceSegments.Contains(segment) : ExcludedNestedSegments.Contains(segment))
            {
                // A Helm chart's templates/ holds the deployment itself: its YAML is never a project template.
                return !(segment.Equals("templates", StringComparison.OrdinalIgnoreCase) && IsHelmTemplateName(path));
            }
        }

        return false;
    }

    /// <summary>
    /// A compose file that may describe how the product runs: not one of a dev container or other hidden tooling folder
    /// (.devcontainer, .worktree-container, .github), samples or tests, which run a development or CI stack.
    /// </summary>
    public static bool DescribesDeployment(string composePath) =>
        !IsExcluded(composePath) && !TestPaths.LooksLikeTest(composePath) &&
        !RelativePaths.Segments(RelativePaths.DirectoryOf(composePath)).Any(s => s.StartsWith('.'));

    private static bool IsHelmTemplateName(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tpl", StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> ExcludedNestedSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "samples", "sample", "examples", "example", "fixtures", "testdata", ".devcontainer",
    };

    private static readonly HashSet<string> JvmSourceRoots = new(StringComparer.Ordinal) { "java", "kotlin", "scala", "groovy" };

    /// <summary>Images of databases, proxies and tools rather than of the repository's own services.</summary>
    public static bool IsInfrastructureImage(string image) => DataStores.IsInfrastructureImage(image);

    /// <summary>
    /// Route handlers a UI framework needs for itself (cache revalidation, webhooks, cron, draft mode, OG images, the
    /// auth callback) do not make a site an HTTP API that consumers program against.
    /// </summary>
    private static bool IsIncidentalRouteHandler(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (!name.StartsWith("route.", StringComparison.Ordinal))
        {
            return false;
        }

        return RelativePaths.Segments(path).Any(IncidentalRouteSegments.Contains);
    }

    private static readonly HashSet<string> IncidentalRouteSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "revalidate", "webhook", "webhooks", "cron", "draft", "preview", "og", "auth", "[...nextauth]", "sitemap",
    };

    /// <summary>A route for the root or for health and metrics probes alone does not make an API.</summary>
    private static bool IsProbeRoute(string line) => ProbeRoute().IsMatch(line);

    /// <summary>A whole quoted route: "/", "/health", "/healthz", "/_health", "/ready(z)", "/live(z)", "/metrics", "/ping".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""["'`]/(?:_?health(?:z|check)?|readyz?|readiness|livez?|liveness|metrics|ping)?/?["'`]""")]
    private static partial System.Text.RegularExpressions.Regex ProbeRoute();

    internal static Evidence? FirstProductionHit(Workspace workspace, IEnumerable<Term> terms, Func<TermHit, bool>? accept = null)
    {
        TermHit? best = null;
        foreach (var term in terms)
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (workspace.IsTestPath(hit.File.Path) || IsExcluded(hit.File.Path) || hit.IsCommentedOut || accept is not null && !accept(hit))
                {
                    continue;
                }

                if (best is null || string.CompareOrdinal(hit.File.Path, best.File.Path) < 0 || hit.File.Path == best.File.Path && hit.Line < best.Line)
                {
                    best = hit;
                }

                break;
            }
        }

        return best is null ? null : new Evidence(best.File.Path, best.Line, Core.Secrets.SecretPatterns.Mask(best.LineText));
    }

    private static IReadOnlyList<string> Languages(IReadOnlyList<RepoFile> files)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var extension = Path.GetExtension(file.Name);
            var language = EcosystemRegistry.LanguageOf(extension) ?? InfrastructureLanguages.GetValueOrDefault(extension);
            if (language is not null)
            {
                counts[language] = counts.GetValueOrDefault(language) + 1;
            }
        }

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
    }

    /// <summary>Languages of infrastructure and scripts, which belong to no application ecosystem.</summary>
    private static readonly Dictionary<string, string> InfrastructureLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        [".tf"] = "HCL", [".bicep"] = "Bicep", [".sh"] = "Shell", [".bash"] = "Shell", [".ps1"] = "PowerShell", [".psm1"] = "PowerShell",
    };

    private static IReadOnlyList<Dependency> Dependencies(Workspace workspace, out Evidence? provisioned)
    {
        provisioned = null;
        var finder = new DependencyFinder();
        foreach (var ecosystem in EcosystemRegistry.All)
        {
            foreach (var (package, store) in ecosystem.Data.Dependencies)
            {
                foreach (var reference in workspace.FindPackages(package))
                {
                    if (reference.Development || IsExcluded(reference.ManifestPath) || workspace.IsTestPath(reference.ManifestPath))
                    {
                        continue;
                    }

                    finder.Add(store, new Evidence(reference.ManifestPath, reference.Line, $"{reference.Ecosystem.Display} package {reference.Name}"));
                    break;
                }
            }

            ecosystem.FindDependencies(workspace, finder);
        }

        foreach (var compose in workspace.ComposeFiles)
        {
            foreach (var service in compose.Services)
            {
                if (service.Image is { } image && DataStores.ForImage(image) is { } store)
                {
                    finder.Add(store, new Evidence(compose.Path, service.Line, $"compose service '{service.Name}' runs {image}"));
                }
            }
        }

        foreach (var workload in workspace.DeployedWorkloads)
        {
            foreach (var container in workload.Containers)
            {
                if (DataStores.ForImage(container.Image) is { } store)
                {
                    finder.Add(store, new Evidence(workload.Path, container.Line, $"{workload.Kind} '{workload.Name}' runs {container.Image}"));
                }
            }
        }

        foreach (var tf in workspace.TerraformFiles)
        {
            foreach (var block in tf.Resources())
            {
                if (block.Type == "resource" && TerraformStore(block.Label(0) ?? string.Empty) is { } store)
                {
                    var evidence = new Evidence(tf.Path, block.Line, $"Terraform resource {block.Label(0)}");
                    finder.Add(store, evidence);
                    // The first store of data the infrastructure code creates (in path order): the finder keeps one
                    // evidence per store, which may be the package that talks to it rather than the resource.
                    if (store.Category is DependencyCategory.Database or DependencyCategory.Storage && !IsExcluded(tf.Path) &&
                        (provisioned is null || string.CompareOrdinal(tf.Path, provisioned.Path) < 0 || tf.Path == provisioned.Path && block.Line < provisioned.Line))
                    {
                        provisioned = evidence;
                    }
                }
            }
        }

        return finder.Result();
    }

    /// <summary>The store a Terraform resource type provisions, or null.</summary>
    private static DataStore? TerraformStore(string type) => type switch
    {
        _ when type.StartsWith("aws_db_instance", StringComparison.Ordinal) || type.StartsWith("aws_rds_cluster", StringComparison.Ordinal) => new("Amazon RDS", DependencyCategory.Database, "relational"),
        _ when type.StartsWith("azurerm_postgresql", StringComparison.Ordinal) => DataStores.Get("postgresql"),
        _ when type.StartsWith("azurerm_mssql", StringComparison.Ordinal) || type.StartsWith("azurerm_sql_", StringComparison.Ordinal) => DataStores.Get("sqlserver"),
        _ when type.StartsWith("azurerm_mysql", StringComparison.Ordinal) => DataStores.Get("mysql"),
        _ when type.StartsWith("google_sql_database_instance", StringComparison.Ordinal) => new("Cloud SQL", DependencyCategory.Database, "relational"),
        _ when type.StartsWith("aws_dynamodb_table", StringComparison.Ordinal) => DataStores.Get("dynamodb"),
        // A Firestore index or database resource means the project's Firestore database is part of the infrastructure.
        _ when type.StartsWith("google_firestore_", StringComparison.Ordinal) => DataStores.Get("firestore"),
        _ when type.StartsWith("google_spanner_", StringComparison.Ordinal) => DataStores.Get("spanner"),
        _ when type.StartsWith("azurerm_cosmosdb", StringComparison.Ordinal) => DataStores.Get("cosmosdb"),
        _ when type.StartsWith("aws_elasticache", StringComparison.Ordinal) || type.StartsWith("azurerm_redis", StringComparison.Ordinal) || type.StartsWith("google_redis", StringComparison.Ordinal) => DataStores.Get("redis"),
        "aws_s3_bucket" => DataStores.Get("s3"),
        "azurerm_storage_account" => DataStores.Get("azure-storage"),
        "google_storage_bucket" => DataStores.Get("gcs"),
        _ when type.StartsWith("aws_sqs", StringComparison.Ordinal) || type.StartsWith("aws_sns", StringComparison.Ordinal) => DataStores.Get("sqs"),
        _ when type.StartsWith("azurerm_servicebus", StringComparison.Ordinal) => DataStores.Get("servicebus"),
        _ when type.StartsWith("google_pubsub", StringComparison.Ordinal) => DataStores.Get("pubsub"),
        _ => null,
    };

    private static IReadOnlyList<string> Platforms(Workspace workspace)
    {
        var platforms = new SortedSet<string>(StringComparer.Ordinal);
        var files = workspace.Files;
        if (workspace.Dockerfiles.Any(d => !d.IsDevContainer && !IsExcluded(d.Path)))
        {
            platforms.Add("docker");
        }

        foreach (var ecosystem in EcosystemRegistry.All)
        {
            ecosystem.FindPlatforms(workspace, platforms);
        }

        if (files.Get("project.toml") is not null || files.Get(".ko.yaml") is not null)
        {
            platforms.Add("container-build");
        }

        if (workspace.ComposeFiles.Any(c => DescribesDeployment(c.Path)))
        {
            platforms.Add("compose");
        }

        if (workspace.KubernetesObjects.Count > 0)
        {
            platforms.Add("kubernetes");
        }

        if (workspace.HelmCharts.Count > 0)
        {
            platforms.Add("helm");
            platforms.Add("kubernetes");
        }

        if (workspace.Kustomizations.Count > 0)
        {
            platforms.Add("kustomize");
            platforms.Add("kubernetes");
        }

        if (workspace.TerraformFiles.Count > 0)
        {
            platforms.Add("terraform");
        }

        foreach (var file in files.Files)
        {
            var name = file.Name;
            if (name is "Pulumi.yaml" or "Pulumi.yml")
            {
                platforms.Add("pulumi");
            }
            else if (name is "serverless.yml" or "serverless.yaml" or "template.yaml" && workspace.Text(file)?.Text.Contains("AWS::Serverless", StringComparison.Ordinal) == true || name is "serverless.yml" or "serverless.yaml")
            {
                platforms.Add("serverless");
            }
            else if (name is "Procfile" or "app.json" && file.Directory.Length == 0 && name == "Procfile")
            {
                platforms.Add("heroku");
            }
            else if (name is "skaffold.yaml" or "skaffold.yml")
            {
                platforms.Add("skaffold");
            }
            else if (name is "Tiltfile")
            {
                platforms.Add("tilt");
            }
            else if (name is "devcontainer.json" || name == ".devcontainer.json")
            {
                platforms.Add("devcontainer");
            }
        }

        if (workspace.Content.Hits(VercelDeployButton).Count > 0)
        {
            platforms.Add("vercel");
        }

        return platforms.ToList();
    }

    private static Evidence? UiEvidence(Workspace workspace)
    {
        if (FirstProductionHit(workspace, TermsOf(d => d.Ui)) is { } fromCode)
        {
            return fromCode;
        }

        if (FirstPackage(workspace, d => d.UiPackages) is { } fromPackage)
        {
            return fromPackage;
        }

        var pageExtensions = EcosystemRegistry.All.SelectMany(e => e.Data.UiFiles).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var page = workspace.Files.Files.FirstOrDefault(f => pageExtensions.Contains(Path.GetExtension(f.Name)) && !IsExcluded(f.Path) && !workspace.IsTestPath(f.Path));
        return page is null ? null : new Evidence(page.Path, null, "server-rendered page or component");
    }

    /// <summary>
    /// Services whose own code calls another service or a third party: the source of a call between services, or the
    /// most specific owner of an outbound call in production code or of a manifest declaring an outbound client package.
    /// Calls in shared code that no service owns are left out (they cannot be attributed).
    /// </summary>
    private static IReadOnlyList<string> OutboundCallers(Workspace workspace, IReadOnlyList<ServiceInfo> services, IReadOnlyList<Services.ServiceCall> calls)
    {
        var candidates = services.Where(s => s.HasCode && !s.IsWebFrontEnd).ToList();
        var callers = new SortedSet<string>(calls.Select(c => c.From), StringComparer.Ordinal);
        if (candidates.Count < 2)
        {
            return callers.ToList();
        }

        foreach (var term in TermsOf(d => d.OutboundCalls))
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (!workspace.IsTestPath(hit.File.Path) && !IsExcluded(hit.File.Path) && !hit.IsCommentedOut && MostSpecificOwner(candidates, hit.File.Path) is { } owner)
                {
                    callers.Add(owner.Name);
                }
            }
        }

        foreach (var package in EcosystemRegistry.All.SelectMany(e => e.Data.OutboundPackages))
        {
            foreach (var reference in workspace.FindPackages(package))
            {
                if (!reference.Development && !IsExcluded(reference.ManifestPath) && !workspace.IsTestPath(reference.ManifestPath) &&
                    MostSpecificOwner(candidates, reference.ManifestPath) is { } owner)
                {
                    callers.Add(owner.Name);
                }
            }
        }

        return callers.ToList();
    }

    private static ServiceInfo? MostSpecificOwner(IReadOnlyList<ServiceInfo> services, string path) =>
        services.Select(s => (Service: s, Root: s.CodeRoots.Where(r => RelativePaths.IsUnder(path, r)).Select(r => r.Length).DefaultIfEmpty(-1).Max()))
            .Where(x => x.Root >= 0)
            .OrderByDescending(x => x.Root)
            .ThenBy(x => x.Service.Name, StringComparer.Ordinal)
            .Select(x => x.Service)
            .FirstOrDefault();

    /// <summary>The first production reference, in the ecosystems' order of listing, to one of the packages their data names.</summary>
    private static Evidence? FirstPackage(Workspace workspace, Func<EcosystemData, IEnumerable<string>> select)
    {
        foreach (var package in EcosystemRegistry.All.SelectMany(e => select(e.Data)))
        {
            var reference = workspace.FindPackages(package).FirstOrDefault(r => !r.Development && !IsExcluded(r.ManifestPath) && !workspace.IsTestPath(r.ManifestPath));
            if (reference is not null)
            {
                return new Evidence(reference.ManifestPath, reference.Line, $"{reference.Ecosystem.Display} package {reference.Name}");
            }
        }

        return null;
    }

    /// <summary>An OpenAPI or Swagger document of the repository's own: the team describes an HTTP API it serves.</summary>
    private static Evidence? ApiDescription(Workspace workspace)
    {
        foreach (var file in workspace.Files.Files)
        {
            var name = file.Name.ToLowerInvariant();
            if (!(name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal)) ||
                !(name.Contains("openapi", StringComparison.Ordinal) || name.Contains("swagger", StringComparison.Ordinal) ||
                  RelativePaths.Segments(file.Directory).Any(s => s.Equals("openapi", StringComparison.OrdinalIgnoreCase) || s.Equals("swagger", StringComparison.OrdinalIgnoreCase))) ||
                IsExcluded(file.Path) || workspace.IsTestPath(file.Path) || workspace.Text(file) is not { } text)
            {
                continue;
            }

            for (var i = 1; i <= Math.Min(text.LineCount, 5); i++)
            {
                var line = text.Line(i).TrimStart('{', ' ', '\t');
                if (line.StartsWith("openapi:", StringComparison.Ordinal) || line.StartsWith("\"openapi\"", StringComparison.Ordinal) ||
                    line.StartsWith("swagger:", StringComparison.Ordinal) || line.StartsWith("\"swagger\"", StringComparison.Ordinal))
                {
                    return new Evidence(file.Path, i, "OpenAPI document of the service's API");
                }
            }
        }

        return null;
    }

    private static Evidence? ConfigurationFile(Workspace workspace)
    {
        var patterns = EcosystemRegistry.All.SelectMany(e => e.Data.ConfigFiles).ToList();
        foreach (var file in workspace.Files.Files)
        {
            if (!IsExcluded(file.Path) && !workspace.IsTestPath(file.Path) && patterns.Any(p => p.IsMatch(file.Path)))
            {
                return new Evidence(file.Path, null, "application settings file");
            }
        }

        return null;
    }
}
