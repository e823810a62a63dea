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
    private static readonly Term BuildImage = new("build-image", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Yaml);
    private static readonly Term BootBuildImage = new("bootBuildImage", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Build);

    public static IEnumerable<Term> Terms => FactTerms.All.Concat([VercelDeployButton, BuildImage, BootBuildImage]);

    public static RepositoryFacts Build(Workspace workspace)
    {
        var files = workspace.Files.Files;
        var codeFiles = files.Where(f => f.Is(FileClass.Code) && !IsExcluded(f.Path)).ToList();
        var testFiles = codeFiles.Count(f => workspace.IsTestPath(f.Path));
        var services = new ServiceFinder(workspace).Find();
        var platforms = Platforms(workspace);
        return new RepositoryFacts
        {
            Languages = Languages(files),
            Services = services,
            Dependencies = Dependencies(workspace),
            CiSystems = workspace.Pipelines.Select(p => p.System).Distinct().Order(StringComparer.Ordinal).ToList(),
            Platforms = platforms,
            HttpApi = FirstProductionHit(workspace, FactTerms.HttpApi, hit => !IsIncidentalRouteHandler(hit.File.Path) && !IsProbeRoute(hit.LineText)),
            Ui = UiEvidence(workspace),
            Grpc = FirstProductionHit(workspace, FactTerms.Grpc),
            OutboundCalls = FirstProductionHit(workspace, FactTerms.OutboundCalls) ?? OutboundPackage(workspace),
            InterServiceCalls = InterServiceCalls(workspace, services),
            ReadsConfiguration = FirstProductionHit(workspace, FactTerms.Configuration) ?? ConfigurationFile(workspace),
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
    public static bool IsInfrastructureImage(string image) => DependencyCatalog.IsInfrastructureImage(image);

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
            var language = Path.GetExtension(file.Name).ToLowerInvariant() switch
            {
                ".cs" => "C#",
                ".fs" => "F#",
                ".vb" => "Visual Basic",
                ".ts" or ".tsx" or ".mts" or ".cts" => "TypeScript",
                ".js" or ".jsx" or ".mjs" or ".cjs" => "JavaScript",
                ".vue" => "Vue",
                ".svelte" => "Svelte",
                ".py" => "Python",
                ".java" => "Java",
                ".kt" => "Kotlin",
                ".scala" => "Scala",
                ".groovy" => "Groovy",
                ".go" => "Go",
                ".rb" => "Ruby",
                ".php" => "PHP",
                ".rs" => "Rust",
                ".tf" => "HCL",
                ".bicep" => "Bicep",
                ".sh" or ".bash" => "Shell",
                ".ps1" or ".psm1" => "PowerShell",
                _ => null,
            };
            if (language is not null)
            {
                counts[language] = counts.GetValueOrDefault(language) + 1;
            }
        }

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList();
    }

    private static IReadOnlyList<Dependency> Dependencies(Workspace workspace)
    {
        var found = new Dictionary<string, Dependency>(StringComparer.Ordinal);
        void Add(DependencyCatalog.Entry entry, Evidence evidence)
        {
            if (!found.TryGetValue(entry.Name, out var existing) || Compare(evidence, existing.Evidence) < 0)
            {
                found[entry.Name] = new Dependency(entry.Name, entry.Category, entry.Kind, evidence);
            }
        }

        foreach (var (ecosystem, package, entry) in DependencyCatalog.Packages)
        {
            foreach (var reference in workspace.FindPackages(ecosystem, package))
            {
                if (reference.Development || IsExcluded(reference.ManifestPath) || workspace.IsTestPath(reference.ManifestPath))
                {
                    continue;
                }

                Add(entry, new Evidence(reference.ManifestPath, reference.Line, $"{ecosystem.Display()} package {reference.Name}"));
                break;
            }
        }

        foreach (var compose in workspace.ComposeFiles)
        {
            foreach (var service in compose.Services)
            {
                if (service.Image is { } image && MatchImage(image) is { } entry)
                {
                    Add(entry, new Evidence(compose.Path, service.Line, $"compose service '{service.Name}' runs {image}"));
                }
            }
        }

        foreach (var workload in workspace.DeployedWorkloads)
        {
            foreach (var container in workload.Containers)
            {
                if (MatchImage(container.Image) is { } entry)
                {
                    Add(entry, new Evidence(workload.Path, container.Line, $"{workload.Kind} '{workload.Name}' runs {container.Image}"));
                }
            }
        }

        foreach (var (term, name, category, kind) in FactTerms.AspireResources)
        {
            if (workspace.Content.Hits(term).FirstOrDefault(h => !workspace.IsTestPath(h.File.Path)) is { } hit)
            {
                Add(new DependencyCatalog.Entry(name, category, kind), new Evidence(hit.File.Path, hit.Line, Core.Secrets.SecretPatterns.Mask(hit.LineText)));
            }
        }

        foreach (var tf in workspace.TerraformFiles)
        {
            foreach (var block in tf.Resources())
            {
                var type = block.Label(0) ?? string.Empty;
                DependencyCatalog.Entry? entry = type switch
                {
                    _ when type.StartsWith("aws_db_instance", StringComparison.Ordinal) || type.StartsWith("aws_rds_cluster", StringComparison.Ordinal) => new("Amazon RDS", DependencyCategory.Database, "relational"),
                    _ when type.StartsWith("azurerm_postgresql", StringComparison.Ordinal) => new("PostgreSQL", DependencyCategory.Database, "relational"),
                    _ when type.StartsWith("azurerm_mssql", StringComparison.Ordinal) || type.StartsWith("azurerm_sql_", StringComparison.Ordinal) => new("SQL Server", DependencyCategory.Database, "relational"),
                    _ when type.StartsWith("azurerm_mysql", StringComparison.Ordinal) => new("MySQL", DependencyCategory.Database, "relational"),
                    _ when type.StartsWith("google_sql_database_instance", StringComparison.Ordinal) => new("Cloud SQL", DependencyCategory.Database, "relational"),
                    _ when type.StartsWith("aws_dynamodb_table", StringComparison.Ordinal) => new("DynamoDB", DependencyCategory.Database, "document"),
                    _ when type.StartsWith("azurerm_cosmosdb", StringComparison.Ordinal) => new("Cosmos DB", DependencyCategory.Database, "document"),
                    _ when type.StartsWith("aws_elasticache", StringComparison.Ordinal) || type.StartsWith("azurerm_redis", StringComparison.Ordinal) || type.StartsWith("google_redis", StringComparison.Ordinal) => new("Redis", DependencyCategory.Cache, "key-value"),
                    _ when type.StartsWith("aws_s3_bucket", StringComparison.Ordinal) && block.Type == "resource" && type == "aws_s3_bucket" => new("Amazon S3", DependencyCategory.Storage, "object"),
                    _ when type == "azurerm_storage_account" => new("Azure Storage", DependencyCategory.Storage, "object"),
                    _ when type == "google_storage_bucket" => new("Google Cloud Storage", DependencyCategory.Storage, "object"),
                    _ when type.StartsWith("aws_sqs", StringComparison.Ordinal) || type.StartsWith("aws_sns", StringComparison.Ordinal) => new("Amazon SQS/SNS", DependencyCategory.Broker, "queue"),
                    _ when type.StartsWith("azurerm_servicebus", StringComparison.Ordinal) => new("Azure Service Bus", DependencyCategory.Broker, "queue"),
                    _ when type.StartsWith("google_pubsub", StringComparison.Ordinal) => new("Google Pub/Sub", DependencyCategory.Broker, "queue"),
                    _ => null,
                };
                if (entry is not null && block.Type == "resource")
                {
                    Add(entry, new Evidence(tf.Path, block.Line, $"Terraform resource {type}"));
                }
            }
        }

        // "SQL database" (an ORM) says nothing new when the concrete engine is known.
        if (found.Count > 1 && found.ContainsKey("SQL database") && found.Values.Any(d => d.Kind == "relational" && d.Name != "SQL database"))
        {
            found.Remove("SQL database");
        }

        return found.Values.OrderBy(d => d.Category).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    private static DependencyCatalog.Entry? MatchImage(string image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return null;
        }

        var name = image.ToLowerInvariant().Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1);
        var shortName = (colon >= 0 ? name[..colon] : name)[(lastSlash + 1)..];
        foreach (var (fragment, entry) in DependencyCatalog.Images)
        {
            if (shortName.Contains(fragment, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    private static int Compare(Evidence a, Evidence b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        return byPath != 0 ? byPath : (a.Line ?? 0).CompareTo(b.Line ?? 0);
    }

    private static IReadOnlyList<string> Platforms(Workspace workspace)
    {
        var platforms = new SortedSet<string>(StringComparer.Ordinal);
        var files = workspace.Files;
        if (workspace.Dockerfiles.Any(d => !d.IsDevContainer && !IsExcluded(d.Path)))
        {
            platforms.Add("docker");
        }

        if (workspace.DotnetProjects.Any(p => string.Equals(p.Property("EnableSdkContainerSupport"), "true", StringComparison.OrdinalIgnoreCase) ||
                                              p.Property("ContainerRepository") is not null || p.HasPackage("Microsoft.NET.Build.Containers")) ||
            workspace.HasPackage(PackageEcosystem.Maven, "com.google.cloud.tools:jib-maven-plugin") ||
            workspace.HasPackage(PackageEcosystem.Maven, "plugin:com.google.cloud.tools.jib") ||
            files.Get("project.toml") is not null || files.Get(".ko.yaml") is not null ||
            (workspace.HasPackage(PackageEcosystem.Maven, "org.springframework.boot:spring-boot-maven-plugin") || workspace.HasPackage(PackageEcosystem.Maven, "plugin:org.springframework.boot")) &&
            (workspace.Content.Hits(BuildImage).Count > 0 || workspace.Content.Hits(BootBuildImage).Count > 0) ||
            workspace.Content.Hits(FactTerms.AspireAzureContainerApps).Count > 0 || workspace.Content.Hits(FactTerms.AspirePublishAsContainerApp).Count > 0)
        {
            platforms.Add("container-build");
        }

        if (workspace.Content.Hits(FactTerms.AspireAzureContainerApps).Count > 0 || workspace.Content.Hits(FactTerms.AspirePublishAsContainerApp).Count > 0)
        {
            platforms.Add("azure-container-apps");
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
            if (name.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase))
            {
                platforms.Add("bicep");
            }
            else if (name is "Pulumi.yaml" or "Pulumi.yml")
            {
                platforms.Add("pulumi");
            }
            else if (name == "cdk.json")
            {
                platforms.Add("cdk");
            }
            else if (name is "serverless.yml" or "serverless.yaml" or "template.yaml" && workspace.Text(file)?.Text.Contains("AWS::Serverless", StringComparison.Ordinal) == true || name is "serverless.yml" or "serverless.yaml")
            {
                platforms.Add("serverless");
            }
            else if (name is "azure.yaml" or "azure.yml" && file.Directory.Length == 0)
            {
                platforms.Add("azd");
            }
            else if (name is "fly.toml")
            {
                platforms.Add("fly");
            }
            else if (name is "vercel.json")
            {
                platforms.Add("vercel");
            }
            else if (name is "netlify.toml")
            {
                platforms.Add("netlify");
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

            if ((name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) &&
                workspace.Text(file)?.Text is { } text)
            {
                if (text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal))
                {
                    platforms.Add("cloudformation");
                }
                else if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && text.Contains("schema.management.azure.com/schemas", StringComparison.Ordinal) && text.Contains("deploymentTemplate", StringComparison.Ordinal))
                {
                    platforms.Add("arm");
                }
            }
        }

        if (workspace.DotnetProjects.Any(p => p.IsAspireHost))
        {
            platforms.Add("aspire");
        }

        if (workspace.TerraformFiles.SelectMany(t => t.Resources()).Any(b => b.Label(0) is { } type && (type.StartsWith("aws_ecs_", StringComparison.Ordinal))))
        {
            platforms.Add("ecs");
        }

        if (workspace.TerraformFiles.SelectMany(t => t.Resources()).Any(b => b.Label(0) is { } type && type.StartsWith("google_cloud_run", StringComparison.Ordinal)))
        {
            platforms.Add("cloud-run");
        }

        if (workspace.Content.Hits(VercelDeployButton).Count > 0)
        {
            platforms.Add("vercel");
        }

        return platforms.ToList();
    }

    private static Evidence? UiEvidence(Workspace workspace)
    {
        var fromCode = FirstProductionHit(workspace, FactTerms.Ui);
        if (fromCode is not null)
        {
            return fromCode;
        }

        foreach (var ui in new[] { "react-dom", "react", "vue", "@angular/core", "svelte", "next", "nuxt", "@remix-run/react", "solid-js", "preact", "@sveltejs/kit", "astro" })
        {
            var reference = workspace.FindPackages(PackageEcosystem.Npm, ui).FirstOrDefault(r => !IsExcluded(r.ManifestPath) && !workspace.IsTestPath(r.ManifestPath));
            if (reference is not null)
            {
                return new Evidence(reference.ManifestPath, reference.Line, $"npm package {reference.Name}");
            }
        }

        var page = workspace.Files.Files.FirstOrDefault(f => (f.Name.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) || f.Name.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase)) && !IsExcluded(f.Path) && !workspace.IsTestPath(f.Path));
        if (page is not null)
        {
            return new Evidence(page.Path, null, "Razor page or component");
        }

        foreach (var thymeleaf in workspace.FindPackages(PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-thymeleaf"))
        {
            return new Evidence(thymeleaf.ManifestPath, thymeleaf.Line, "Thymeleaf server-rendered pages");
        }

        return null;
    }

    private static Evidence? OutboundPackage(Workspace workspace)
    {
        var candidates = new (PackageEcosystem, string)[]
        {
            (PackageEcosystem.Npm, "axios"), (PackageEcosystem.Npm, "got"), (PackageEcosystem.Npm, "node-fetch"), (PackageEcosystem.Npm, "nodemailer"),
            (PackageEcosystem.PyPI, "requests"), (PackageEcosystem.PyPI, "httpx"), (PackageEcosystem.PyPI, "emails"), (PackageEcosystem.PyPI, "aiohttp"),
            (PackageEcosystem.NuGet, "Refit"), (PackageEcosystem.NuGet, "RestSharp"), (PackageEcosystem.NuGet, "MailKit"),
            (PackageEcosystem.Maven, "org.springframework.cloud:spring-cloud-starter-openfeign"), (PackageEcosystem.Maven, "org.springframework.boot:spring-boot-starter-mail"),
        };
        foreach (var (ecosystem, name) in candidates)
        {
            var reference = workspace.FindPackages(ecosystem, name).FirstOrDefault(r => !r.Development && !IsExcluded(r.ManifestPath) && !workspace.IsTestPath(r.ManifestPath));
            if (reference is not null)
            {
                return new Evidence(reference.ManifestPath, reference.Line, $"{ecosystem.Display()} package {reference.Name}");
            }
        }

        return null;
    }

    private static Evidence? ConfigurationFile(Workspace workspace)
    {
        foreach (var file in workspace.Files.Files)
        {
            if (IsExcluded(file.Path) || workspace.IsTestPath(file.Path))
            {
                continue;
            }

            if (file.Name.Equals("appsettings.json", StringComparison.OrdinalIgnoreCase) ||
                file.Name.StartsWith("application", StringComparison.Ordinal) && (file.Name.EndsWith(".properties", StringComparison.Ordinal) || file.Name.EndsWith(".yml", StringComparison.Ordinal) || file.Name.EndsWith(".yaml", StringComparison.Ordinal)) && file.Path.Contains("resources", StringComparison.Ordinal))
            {
                return new Evidence(file.Path, null, "application settings file");
            }
        }

        return null;
    }

    /// <summary>Several code services, one of which is named in another's code, configuration or deployment environment.</summary>
    private static Evidence? InterServiceCalls(Workspace workspace, IReadOnlyList<ServiceInfo> services)
    {
        var codeServices = services.Where(s => s.HasCode).ToList();
        if (codeServices.Count < 2)
        {
            return null;
        }

        // Environment variables of compose services that point at another service (http://basket-api, CATALOG_ADDR=catalog:3550).
        foreach (var compose in workspace.ComposeFiles.Where(c => DescribesDeployment(c.Path)))
        {
            var names = compose.Services.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var service in compose.Services.Where(s => s.Builds && !IsTestRunnerOrFrontend(s.Name, codeServices)))
            {
                foreach (var (key, (value, line)) in service.Environment)
                {
                    if (key.StartsWith("VITE_", StringComparison.Ordinal) || key.StartsWith("NEXT_PUBLIC_", StringComparison.Ordinal) || key.StartsWith("REACT_APP_", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var other in names)
                    {
                        if (!other.Equals(service.Name, StringComparison.OrdinalIgnoreCase) &&
                            compose.Services.First(s => s.Name.Equals(other, StringComparison.OrdinalIgnoreCase)).Builds &&
                            (value.Contains("://" + other, StringComparison.OrdinalIgnoreCase) || value.StartsWith(other + ":", StringComparison.OrdinalIgnoreCase)))
                        {
                            return new Evidence(compose.Path, line, $"'{service.Name}' calls '{other}' ({key})");
                        }
                    }
                }
            }
        }

        foreach (var workload in workspace.DeployedWorkloads)
        {
            foreach (var (value, line) in Yaml.YamlDocuments.AllScalars(Yaml.YamlDocuments.Get(workload.PodSpec, "containers")))
            {
                foreach (var other in codeServices)
                {
                    var name = other.Name.ToLowerInvariant();
                    if (name.Length > 3 && !workload.Name.Equals(name, StringComparison.OrdinalIgnoreCase) &&
                        (value.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase) || value.Contains("://" + name, StringComparison.OrdinalIgnoreCase)))
                    {
                        return new Evidence(workload.Path, line, $"'{workload.Name}' calls '{other.Name}'");
                    }
                }
            }
        }

        // .NET Aspire: an AppHost wiring one project to another with WithReference.
        var aspireHosts = workspace.DotnetProjects.Where(p => p.IsAspireHost).ToList();
        foreach (var host in aspireHosts)
        {
            foreach (var file in workspace.Files.Files.Where(f => RelativePaths.IsUnder(f.Path, host.Directory) && f.Name.EndsWith(".cs", StringComparison.Ordinal)))
            {
                var text = workspace.Text(file);
                if (text is null)
                {
                    continue;
                }

                for (var i = 1; i <= text.LineCount; i++)
                {
                    var line = text.Line(i);
                    if (line.Contains(".WithReference(", StringComparison.Ordinal) && codeServices.Any(s => line.Contains(s.Name.Replace(".", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase) || line.Contains("Api", StringComparison.Ordinal)))
                    {
                        return new Evidence(file.Path, i, Core.Secrets.SecretPatterns.Mask(line.Trim()));
                    }
                }
            }
        }

        var outbound = FirstProductionHit(workspace, FactTerms.OutboundCalls.Where(t => t.Literal.Contains("Grpc", StringComparison.OrdinalIgnoreCase) || t.Literal.Contains("grpc", StringComparison.Ordinal)));
        return outbound;
    }

    /// <summary>A browser front end calling its API, or a test runner, is not one service calling another.</summary>
    private static bool IsTestRunnerOrFrontend(string name, IReadOnlyList<ServiceInfo> services)
    {
        return TestPaths.IsTestRunnerName(name) || services.Any(s => (s.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || s.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase)) && s.IsWebFrontEnd);
    }

    /// <summary>Finds deployable services and merges what several sources say about the same directory.</summary>
    private sealed class ServiceFinder(Workspace workspace)
    {
        private readonly Dictionary<string, MutableService> byPath = new(StringComparer.Ordinal);

        public IReadOnlyList<ServiceInfo> Find()
        {
            AddDotnet();
            AddNode();
            AddPython();
            AddJvm();
            AddGo();
            AddDockerfiles();
            AddCompose();
            AddKubernetes();
            return Finish();
        }

        private void AddDotnet()
        {
            var projects = workspace.DotnetProjects.ToDictionary(p => p.Path, StringComparer.Ordinal);
            foreach (var project in workspace.DotnetProjects)
            {
                if (project.IsTestProject || project.IsAspireHost || IsExcluded(project.Path) || TestPaths.LooksLikeTest(project.Path))
                {
                    continue;
                }

                string? kind = null;
                if (project.IsWeb)
                {
                    kind = "aspnetcore";
                }
                else if (project.IsWorker || project.HasPackage("Microsoft.Azure.Functions.Worker") || project.HasPackage("Microsoft.NET.Sdk.Functions") ||
                         project.IsExecutable && (project.HasPackage("Microsoft.Extensions.Hosting") || project.Sdk.Contains("Worker", StringComparison.OrdinalIgnoreCase)))
                {
                    kind = project.HasPackage("Microsoft.Azure.Functions.Worker") || project.HasPackage("Microsoft.NET.Sdk.Functions") ? "azure-functions" : "worker";
                }

                if (kind is null)
                {
                    continue;
                }

                var roots = new List<string> { project.Directory };
                var queue = new Queue<string>(project.ProjectReferences);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (queue.Count > 0)
                {
                    var reference = queue.Dequeue();
                    if (!seen.Add(reference))
                    {
                        continue;
                    }

                    if (projects.TryGetValue(reference, out var referenced))
                    {
                        roots.Add(referenced.Directory);
                        foreach (var next in referenced.ProjectReferences)
                        {
                            queue.Enqueue(next);
                        }
                    }
                }

                Add(project.Directory, project.Name, kind, new Evidence(project.Path, 1, $"{project.Sdk.Split(';')[0]} project"), kind != "worker", roots);
            }
        }

        private void AddNode()
        {
            foreach (var package in workspace.PackageJsons)
            {
                if (IsExcluded(package.Path) || TestPaths.LooksLikeTest(package.Path))
                {
                    continue;
                }

                string? kind = null;
                var servesHttp = true;
                if (package.Has("next"))
                {
                    kind = "nextjs";
                }
                else if (package.Has("nuxt"))
                {
                    kind = "nuxt";
                }
                else if (package.Has("@remix-run/node") || package.Has("@remix-run/react"))
                {
                    kind = "remix";
                }
                else if (package.Has("@sveltejs/kit"))
                {
                    kind = "sveltekit";
                }
                else if (package.HasRuntime("express") || package.HasRuntime("fastify") || package.HasRuntime("koa") || package.HasRuntime("@nestjs/core") ||
                         package.HasRuntime("@hapi/hapi") || package.HasRuntime("hono") || package.HasRuntime("restify") || package.HasRuntime("@adonisjs/core") ||
                         package.HasRuntime("apollo-server") || package.HasRuntime("@apollo/server"))
                {
                    kind = "node-api";
                }
                else if (package.Scripts.TryGetValue("start", out var start) && (start.Command.StartsWith("node ", StringComparison.Ordinal) || start.Command.Contains("pm2", StringComparison.Ordinal) || start.Command.Contains("ts-node", StringComparison.Ordinal)))
                {
                    kind = "node-app";
                    servesHttp = false;
                }
                else if ((package.Has("react") || package.Has("vue") || package.Has("@angular/core") || package.Has("svelte") || package.Has("solid-js")) &&
                         package.Scripts.ContainsKey("build") && HasIndexPage(package.Directory))
                {
                    kind = "web-frontend";
                }

                if (kind is null)
                {
                    continue;
                }

                // A client app inside a back-end project (ASP.NET ClientApp, Spring frontend) is part of that service.
                var parent = byPath.Values.FirstOrDefault(s => s.Path != package.Directory && RelativePaths.IsUnder(package.Directory, s.Path) && s.Path.Length > 0);
                if (parent is not null)
                {
                    continue;
                }

                var name = package.Name is { Length: > 0 } n && !n.StartsWith('@') ? n : DirectoryName(package.Directory);
                Add(package.Directory, name, kind, new Evidence(package.Path, 1, $"Node.js {kind} package"), servesHttp, [package.Directory]);
            }
        }

        /// <summary>A single-page app has an index.html (email templates and component libraries do not).</summary>
        private bool HasIndexPage(string directory)
        {
            var prefix = directory.Length == 0 ? string.Empty : directory + "/";
            return new[] { "index.html", "public/index.html", "src/index.html" }.Any(p => workspace.Files.Get(prefix + p) is not null);
        }

        private void AddPython()
        {
            var frameworks = new[] { "fastapi", "flask", "django", "starlette", "aiohttp", "tornado", "sanic", "litestar", "quart", "falcon", "bottle", "pyramid", "streamlit", "gradio" };
            var candidates = new Dictionary<string, (string Framework, PackageReference Reference)>(StringComparer.Ordinal);
            foreach (var framework in frameworks.Concat(["celery"]))
            {
                foreach (var reference in workspace.FindPackages(PackageEcosystem.PyPI, framework))
                {
                    if (reference.Development || IsExcluded(reference.ManifestPath) || TestPaths.LooksLikeTest(reference.ManifestPath))
                    {
                        continue;
                    }

                    if (!candidates.ContainsKey(reference.Directory))
                    {
                        candidates[reference.Directory] = (framework, reference);
                    }
                }
            }

            foreach (var (directory, (framework, reference)) in candidates.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var kind = framework == "celery" ? "python-worker" : $"python-{framework}";
                Add(directory, DirectoryName(directory), kind, new Evidence(reference.ManifestPath, reference.Line, $"PyPI package {reference.Name}"), framework != "celery", [directory]);
            }
        }

        private void AddJvm()
        {
            foreach (var hit in workspace.Content.Hits(FactTerms.SpringBootApplication))
            {
                if (IsExcluded(hit.File.Path) || workspace.IsTestPath(hit.File.Path))
                {
                    continue;
                }

                var directory = NearestManifestDirectory(hit.File.Path, ["pom.xml", "build.gradle", "build.gradle.kts"]) ?? string.Empty;
                var web = workspace.Packages.Any(p => p.Ecosystem == PackageEcosystem.Maven && RelativePaths.IsUnder(p.ManifestPath, directory) &&
                                                      (p.Name.EndsWith(":spring-boot-starter-web", StringComparison.Ordinal) || p.Name.EndsWith(":spring-boot-starter-webflux", StringComparison.Ordinal)));
                Add(directory, DirectoryName(directory), "spring-boot", new Evidence(hit.File.Path, hit.Line, "@SpringBootApplication"), web, [directory]);
            }
        }

        private void AddGo()
        {
            string[] listeners = ["ListenAndServe", "grpc.NewServer(", ".Serve(", "gin.Default()", "gin.New()", "echo.New()", "fiber.New(", "http.Server{", ".Run(\":", "r.Run("];
            foreach (var hit in workspace.Content.Hits(FactTerms.GoMain))
            {
                if (IsExcluded(hit.File.Path) || workspace.IsTestPath(hit.File.Path))
                {
                    continue;
                }

                var directory = hit.File.Directory;
                var texts = workspace.Files.Files.Where(f => f.Directory == directory && f.Name.EndsWith(".go", StringComparison.Ordinal)).Select(f => workspace.Text(f)?.Text).Where(t => t is not null);
                var listens = texts.Any(t => listeners.Any(l => t!.Contains(l, StringComparison.Ordinal)));
                if (!listens)
                {
                    continue;
                }

                var segments = RelativePaths.Segments(directory);
                var name = segments.Length >= 2 && segments[^2] == "cmd" ? segments[^1] : DirectoryName(directory);
                Add(directory, name, "go-service", new Evidence(hit.File.Path, hit.Line, "Go main package with a network listener"), true, GoCodeRoots(directory));
            }
        }

        /// <summary>
        /// A Go service's code is its main package plus the module's shared packages (cmd/api with pkg/ and internal/
        /// of the same module), not every folder of the module.
        /// </summary>
        private List<string> GoCodeRoots(string mainDirectory)
        {
            var roots = new List<string> { mainDirectory };
            if (NearestManifestDirectory(RelativePaths.Combine(mainDirectory, "main.go"), ["go.mod"]) is { } module && module != mainDirectory)
            {
                roots.AddRange(new[] { "pkg", "internal" }.Select(d => RelativePaths.Combine(module, d)).Where(workspace.Files.DirectoryExists));
            }

            return roots;
        }

        private void AddDockerfiles()
        {
            foreach (var dockerfile in workspace.Dockerfiles)
            {
                if (dockerfile.IsDevContainer || IsExcluded(dockerfile.Path) || TestPaths.LooksLikeTest(dockerfile.Path))
                {
                    continue;
                }

                var evidence = new Evidence(dockerfile.Path, 1, "Dockerfile");
                var owner = Owner(dockerfile.Directory);
                if (owner is not null)
                {
                    owner.Dockerfiles.Add(dockerfile.Path);
                    continue;
                }

                // A Dockerfile at a parent of services builds the one whose path it copies.
                var text = workspace.Text(dockerfile.Path)?.Text ?? string.Empty;
                var copied = byPath.Values.Where(s => RelativePaths.IsUnder(s.Path, dockerfile.Directory) && s.Path.Length > dockerfile.Directory.Length &&
                                                      text.Contains(s.Path[(dockerfile.Directory.Length == 0 ? 0 : dockerfile.Directory.Length + 1)..], StringComparison.Ordinal)).ToList();
                if (copied.Count > 0)
                {
                    foreach (var service in copied)
                    {
                        service.Dockerfiles.Add(dockerfile.Path);
                    }

                    continue;
                }

                var service2 = Add(dockerfile.Directory, DirectoryName(dockerfile.Directory), "container", evidence, true, [dockerfile.Directory]);
                service2.Dockerfiles.Add(dockerfile.Path);
            }
        }

        private void AddCompose()
        {
            foreach (var compose in workspace.ComposeFiles)
            {
                if (!DescribesDeployment(compose.Path))
                {
                    continue;
                }

                foreach (var service in compose.Services.Where(s => s.Builds))
                {
                    var context = service.BuildContext!;
                    var existing = Owner(context);
                    if (existing is not null)
                    {
                        existing.Aliases.Add(service.Name);
                        continue;
                    }

                    // A context above the code (". " with dockerfile: backend/Dockerfile, or the root Dockerfile that builds
                    // cmd/api) builds the service the Dockerfile belongs to.
                    var dockerfilePath = RelativePaths.Combine(context, service.Dockerfile ?? "Dockerfile");
                    var byDockerfile = byPath.Values.FirstOrDefault(s => s.Dockerfiles.Contains(dockerfilePath) || RelativePaths.IsUnder(dockerfilePath, s.Path) && s.Path.Length > 0);
                    if (byDockerfile is not null)
                    {
                        byDockerfile.Aliases.Add(service.Name);
                        continue;
                    }

                    if (!workspace.Files.DirectoryExists(context) && context.Length > 0)
                    {
                        continue;
                    }

                    Add(context, service.Name, "compose", new Evidence(compose.Path, service.Line, $"compose service '{service.Name}' builds {(context.Length == 0 ? "." : context)}"), service.Ports.Count > 0, [context]);
                }
            }
        }

        private void AddKubernetes()
        {
            var codeServices = byPath.Values.ToList();
            foreach (var workload in workspace.DeployedWorkloads.Where(o => o.Kind is not "Job" and not "CronJob" and not "Pod"))
            {
                var images = workload.Containers.Select(c => c.Image).ToList();
                if (images.Count == 0 || images.All(DependencyCatalog.IsInfrastructureImage))
                {
                    continue;
                }

                var match = codeServices.FirstOrDefault(s => Matches(s, workload.Name) || images.Any(i => ImageNames(i, s)));
                if (match is not null)
                {
                    match.Aliases.Add(workload.Name);
                    continue;
                }

                if (codeServices.Count == 0 && byPath.Values.All(s => !s.Aliases.Contains(workload.Name) && s.Name != workload.Name))
                {
                    var key = "k8s:" + workload.Name;
                    if (!byPath.ContainsKey(key))
                    {
                        var service = new MutableService(key, workload.Name, "kubernetes-workload", new Evidence(workload.Path, workload.Line, $"{workload.Kind} '{workload.Name}'"), true, [], false)
                        {
                            DisplayPath = RelativePaths.DirectoryOf(workload.Path),
                        };
                        byPath[key] = service;
                    }
                }
            }
        }

        private bool Matches(MutableService service, string name)
        {
            static string Normalize(string value) => value.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
            var normalized = Normalize(name);
            return Normalize(service.Name) == normalized || service.Aliases.Any(a => Normalize(a) == normalized) || Normalize(DirectoryName(service.Path)) == normalized;
        }

        private bool ImageNames(string image, MutableService service)
        {
            var lastSlash = image.LastIndexOf('/');
            var name = image[(lastSlash + 1)..].Split(':')[0];
            return Matches(service, name);
        }

        private MutableService? Owner(string directory) =>
            byPath.Values.Where(s => !s.Path.StartsWith("k8s:", StringComparison.Ordinal) && RelativePaths.IsUnder(directory, s.Path))
                .OrderByDescending(s => s.Path.Length).FirstOrDefault(s => s.Path == directory || s.Path.Length > 0);

        private string? NearestManifestDirectory(string path, string[] names)
        {
            var directory = RelativePaths.DirectoryOf(path);
            while (true)
            {
                foreach (var name in names)
                {
                    if (workspace.Files.Get(directory.Length == 0 ? name : directory + "/" + name) is not null)
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

        private MutableService Add(string path, string name, string kind, Evidence evidence, bool servesHttp, List<string> roots)
        {
            if (byPath.TryGetValue(path, out var existing))
            {
                foreach (var root in roots.Where(r => !existing.Roots.Contains(r)))
                {
                    existing.Roots.Add(root);
                }

                existing.ServesHttp |= servesHttp;
                return existing;
            }

            var service = new MutableService(path, name, kind, evidence, servesHttp, roots, true);
            byPath[path] = service;
            return service;
        }

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
                    service.Dockerfiles.Order(StringComparer.Ordinal).ToList(), service.Aliases.Order(StringComparer.Ordinal).ToList()));
            }

            return result;
        }

        private string DirectoryName(string directory)
        {
            if (directory.Length == 0)
            {
                return Path.GetFileName(workspace.Files.Root.TrimEnd(Path.DirectorySeparatorChar)) is { Length: > 0 } root ? root : "app";
            }

            return RelativePaths.FileName(directory);
        }

        private sealed class MutableService(string path, string name, string kind, Evidence evidence, bool servesHttp, List<string> roots, bool hasCode)
        {
            public string Path { get; } = path;

            public string? DisplayPath { get; init; }

            public string Name { get; } = name;

            public string Kind { get; } = kind;

            public Evidence Evidence { get; } = evidence;

            public bool ServesHttp { get; set; } = servesHttp;

            public List<string> Roots { get; } = roots;

            public bool HasCode { get; } = hasCode;

            public HashSet<string> Aliases { get; } = new(StringComparer.OrdinalIgnoreCase);

            public HashSet<string> Dockerfiles { get; } = new(StringComparer.Ordinal);
        }
    }
}
