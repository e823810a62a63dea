using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis;

/// <summary>
/// What a gap puts at stake in this repository, from its facts: the services lacking the practice, the stores that
/// keep their data, the calls between them, the platform they run on. A reviewer's impact names the system; the
/// catalog's impact says what goes wrong in general, so the two are written together.
/// </summary>
public static class GapScope
{
    private const int MaxNames = 4;

    private static readonly Dictionary<string, string> PlatformNames = new(StringComparer.Ordinal)
    {
        ["compose"] = "Docker Compose", ["kubernetes"] = "Kubernetes", ["helm"] = "Helm", ["kustomize"] = "Kustomize",
        ["terraform"] = "Terraform", ["bicep"] = "Bicep", ["arm"] = "ARM templates", ["pulumi"] = "Pulumi", ["cdk"] = "AWS CDK",
        ["cloudformation"] = "CloudFormation", ["serverless"] = "Serverless Framework", ["azure-container-apps"] = "Azure Container Apps",
        ["ecs"] = "AWS ECS", ["cloud-run"] = "Cloud Run", ["app-engine"] = "App Engine", ["fly"] = "Fly.io", ["heroku"] = "Heroku",
        ["vercel"] = "Vercel", ["netlify"] = "Netlify", ["azd"] = "Azure Developer CLI", ["aspire"] = ".NET Aspire",
    };

    /// <summary>Practices whose harm travels along the calls between services.</summary>
    private static readonly HashSet<string> CallPractices = new(StringComparer.Ordinal)
    {
        "res-retry", "res-circuit-breaker", "res-timeouts", "sec-service-auth", "test-contract", "scale-async-messaging", "obs-correlation-id", "obs-tracing",
    };

    /// <summary>Practices about requests that reach the services from outside.</summary>
    private static readonly HashSet<string> RequestPractices = new(StringComparer.Ordinal)
    {
        "sec-authn", "sec-authz", "sec-input-validation", "sec-rate-limiting", "sec-security-headers", "sec-https", "api-openapi", "api-versioning", "api-gateway", "api-error-contract", "test-load", "test-e2e",
    };

    /// <summary>Practices about the data the services keep.</summary>
    private static readonly HashSet<string> DataPractices = new(StringComparer.Ordinal)
    {
        "data-backup", "data-restore-test", "data-encryption-at-rest", "data-migrations", "data-connection-pooling", "ops-disaster-recovery", "comp-privacy", "comp-audit-log",
    };

    /// <summary>One sentence naming what the gap concerns here; empty when the repository has nothing to name.</summary>
    public static string Describe(PracticeDefinition practice, RepositoryFacts facts, Verdict verdict)
    {
        var services = Affected(practice, facts, verdict);
        var stores = Stores(facts);
        var platform = Platform(facts);
        if (DataPractices.Contains(practice.Id) && stores.Length > 0)
        {
            var keepers = services.Count > 0 ? $" that {Names(services, "service", facts.Services.Count)} {(services.Count == 1 ? "keeps" : "keep")}" : string.Empty;
            return $"At stake here: the data{keepers} in {stores}{(platform.Length > 0 ? $", run on {platform}" : string.Empty)}.";
        }

        if (CallPractices.Contains(practice.Id) && facts.ServiceCalls.Count > 0)
        {
            var calls = facts.ServiceCalls.Select(c => $"{c.From} → {c.To}").Distinct(StringComparer.Ordinal).ToList();
            return $"At stake here: {calls.Count} {(calls.Count == 1 ? "call" : "calls")} between services ({List(calls)}).";
        }

        if (RequestPractices.Contains(practice.Id))
        {
            var http = services.Where(s => s.ServesHttp || s.IsWebFrontEnd).ToList();
            if (http.Count > 0)
            {
                return $"At stake here: the requests {Names(http, "service", facts.Services.Count)} {(http.Count == 1 ? "answers" : "answer")}{(facts.HasUi ? ", a browser user interface among them" : string.Empty)}{(platform.Length > 0 ? $", on {platform}" : string.Empty)}.";
            }
        }

        if (services.Count == 0)
        {
            return stores.Length > 0 && practice.Domain is "data" or "operations" ? $"At stake here: the data in {stores}." : string.Empty;
        }

        var stacks = services.Select(s => s.Ecosystem).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(k => EcosystemRegistry.Find(k)?.Name ?? k).ToList();
        var stackText = stacks.Count > 0 ? $" ({string.Join(", ", stacks)})" : string.Empty;
        var where = platform.Length > 0 ? $" on {platform}" : string.Empty;
        var data = stores.Length > 0 && practice.Domain is "operations" or "resilience" or "observability" ? $", with data in {stores}" : string.Empty;
        return $"At stake here: {Names(services, "service", facts.Services.Count)}{stackText}{where}{data}.";
    }

    /// <summary>The services the gap concerns: those the verdict names as lacking it, else every back-end service.</summary>
    public static IReadOnlyList<ServiceInfo> Affected(PracticeDefinition practice, RepositoryFacts facts, Verdict verdict)
    {
        if (verdict.ServicesWithout.Count > 0)
        {
            var without = facts.Services.Where(s => verdict.ServicesWithout.Contains(s.Name, StringComparer.Ordinal)).ToList();
            if (without.Count > 0)
            {
                return without;
            }
        }

        return practice.Domain is "security" or "api" ? facts.Services : facts.BackEndServices;
    }

    /// <summary>"PostgreSQL (docker-compose.yml:12) and Redis": the persistent stores first, each named once.</summary>
    public static string Stores(RepositoryFacts facts)
    {
        var stores = facts.Dependencies
            .Where(d => d.Category is DependencyCategory.Database or DependencyCategory.Storage or DependencyCategory.Cache or DependencyCategory.Broker)
            .OrderBy(d => d.Category).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => d.Name).Distinct(StringComparer.Ordinal).ToList();
        return stores.Count == 0 ? string.Empty : List(stores);
    }

    /// <summary>The platform the services run on, as a reader names it; the most specific one first.</summary>
    public static string Platform(RepositoryFacts facts)
    {
        var names = facts.Platforms.Where(PlatformNames.ContainsKey).Select(p => PlatformNames[p]).ToList();
        // Helm and Kustomize deploy to Kubernetes: naming both says the same thing twice.
        if (names.Contains("Kubernetes") && (names.Contains("Helm") || names.Contains("Kustomize")))
        {
            names.Remove("Kubernetes");
        }

        return names.Count == 0 ? string.Empty : List(names.Take(3).ToList());
    }

    public static string PlatformName(string key) => PlatformNames.GetValueOrDefault(key, key);

    private static string Names(IReadOnlyList<ServiceInfo> services, string noun, int ofTotal = 0)
    {
        var names = services.Select(s => s.Name).ToList();
        if (ofTotal > MaxNames && names.Count == ofTotal)
        {
            return $"all {ofTotal} {noun}s";
        }

        if (names.Count > MaxNames)
        {
            return $"{string.Join(", ", names.Take(MaxNames - 1))} and {names.Count - (MaxNames - 1)} more {noun}s";
        }

        return $"{List(names)} {noun}{(names.Count == 1 ? string.Empty : "s")}";
    }

    private static string List(IReadOnlyList<string> items)
    {
        if (items.Count > MaxNames + 1)
        {
            return $"{string.Join(", ", items.Take(MaxNames))} and {items.Count - MaxNames} more";
        }

        return items.Count switch
        {
            0 => string.Empty,
            1 => items[0],
            _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
        };
    }
}
