using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Practices.Engine;

/// <summary>
/// When a practice applies, decided from the facts (and from verdicts judged earlier). Each rule gives the reason
/// the practice does not apply, so that not-applicable is always explained.
/// </summary>
public static class Applicability
{
    private static readonly Term[] PersonalDataTerms =
    [
        new("email", FileClass.Code), new("Email", FileClass.Code), new("phone", FileClass.Code), new("Phone", FileClass.Code),
        new("telephone", FileClass.Code), new("[PersonalData]", FileClass.Code), new("firstName", FileClass.Code),
        new("FirstName", FileClass.Code), new("first_name", FileClass.Code), new("full_name", FileClass.Code), new("dateOfBirth", FileClass.Code),
    ];

    public static IEnumerable<Term> Terms => PersonalDataTerms;

    public static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal)
    {
        "always", "code", "tests", "ci", "deployable", "deploy-automation", "container-images", "ui-or-public-api", "network-or-data",
        "service-calls", "user-facing", "authn", "http-api", "serves-http", "dockerfiles", "needs-secrets", "reads-config",
        "relational-db", "persistent-data", "backups", "database", "iac-storage", "serves-requests", "requests-or-jobs",
        "health-with-dependencies", "orchestrated", "network-calls", "outbound-calls", "cloud-deploy", "deploys-containers",
        "multi-service", "multi-service-or-jobs", "multi-http-service", "terraform", "personal-data", "users-and-data", "needs-services", "long-running",
    };

    /// <summary>Null when the practice applies; otherwise why it does not.</summary>
    public static string? NotApplicableReason(string key, PracticeContext context)
    {
        var facts = context.Facts;
        return key switch
        {
            "always" => null,
            "code" => facts.HasCode || facts.TestFiles > 0 ? null : "The repository holds no application code.",
            "tests" => facts.TestFiles > 0 || context.Has("test-unit") || context.Has("test-integration") || context.Has("test-e2e") ? null : "The repository has no tests to measure.",
            "ci" => facts.CiSystems.Count > 0 ? null : "There is no CI pipeline (reported under ci-pipeline).",
            "deployable" => facts.IsDeployable ? null : NotDeployable(facts),
            "deploy-automation" => context.Has("cd-deploy-automation") ? null : "There is no deploy automation to gate (reported under cd-deploy-automation).",
            "container-images" => facts.HasContainers ? null : "No container image is built from this repository.",
            "ui-or-public-api" => facts.HasUi || facts.ExposesHttpApi ? null : "The repository exposes neither a user interface nor an HTTP API.",
            "network-or-data" => facts.UsesDatabase || facts.UsesBroker || facts.OutboundCalls is not null || facts.IsMultiService ? null : "The code talks to no database, broker or other service.",
            "service-calls" => facts.InterServiceCalls is not null ? null : facts.IsMultiService ? "The services of this repository do not call each other." : "There is a single service, so no service calls another.",
            "user-facing" => facts.HasUi || facts.ExposesHttpApi ? null : "The repository exposes no API or user interface to users.",
            "authn" => context.Has("sec-authn") ? null : "There is no authentication, so there is no authorization layer to judge (reported under sec-authn).",
            "http-api" => facts.ExposesHttpApi ? null : "The repository exposes no HTTP API.",
            "serves-http" => facts.ServesHttp && facts.IsDeployable ? null : "Nothing in the repository serves HTTP.",
            "dockerfiles" => facts.Has("docker") || facts.Has("kubernetes") ? null : "There are no Dockerfiles or Kubernetes workloads for deployed images.",
            "needs-secrets" => facts.UsesDatabase || facts.UsesBroker || facts.OutboundCalls is not null || context.Has("sec-authn") || facts.Dependencies.Count > 0 ? null : "The application uses no credentials (no database, broker, external API or token signing).",
            "reads-config" => facts.ReadsConfiguration is not null && facts.IsDeployable ? null : facts.IsDeployable ? "The application reads no environment configuration." : NotDeployable(facts),
            "relational-db" => facts.UsesRelationalDatabase ? null : facts.UsesDatabase ? $"The data store ({string.Join(", ", facts.Databases.Select(d => d.Name))}) is schemaless; there is no relational schema to migrate." : "The application owns no relational database.",
            "persistent-data" => facts.OwnsPersistentData ? null : "The application owns no persistent data.",
            "backups" => context.Has("data-backup") ? null : "There are no backups to restore (reported under data-backup).",
            "database" => facts.UsesDatabase ? null : "The application uses no database.",
            "iac-storage" => IacProvisionsStorage(facts) ? null : "No infrastructure code provisions storage or databases.",
            "serves-requests" => facts.IsDeployable && (facts.ServesHttp || facts.Grpc is not null) ? null : facts.IsDeployable ? "The services serve no requests." : NotDeployable(facts),
            "requests-or-jobs" => facts.IsDeployable ? null : NotDeployable(facts),
            "health-with-dependencies" => !context.Has("res-health-endpoint") ? "There is no health endpoint (reported under res-health-endpoint)." :
                facts.UsesDatabase || facts.UsesBroker || facts.Dependencies.Count > 0 || facts.OutboundCalls is not null ? null : "The services have no dependencies for a health check to probe.",
            "orchestrated" => facts.Has("kubernetes") || facts.Has("azure-container-apps") || facts.Has("ecs") || facts.Has("compose") && facts.IsDeployable ? null : "Nothing is deployed to Kubernetes, Docker Compose or a container platform.",
            "network-calls" => facts.UsesDatabase || facts.UsesBroker || facts.OutboundCalls is not null ? null : "The code calls no database or service over the network.",
            "outbound-calls" => facts.OutboundCalls is not null || facts.InterServiceCalls is not null ? null : "The code calls no other service over the network (only its own data stores, if any).",
            "cloud-deploy" => facts.DeploysToOrchestratorOrCloud ? null : "Nothing deploys to an orchestrator or cloud platform (no Kubernetes, IaC or platform configuration).",
            "deploys-containers" => facts.Has("kubernetes") || facts.Has("compose") && facts.HasContainers || facts.Has("ecs") || facts.Has("azure-container-apps") ? null : "No container deployment (Kubernetes, Compose, ECS, Container Apps) is described.",
            "multi-service" => facts.BackEndServices.Count > 1 ? null :
                facts.HasWebFrontEnd ? "There is a single deployable back-end service (the browser front end calls it directly)." : "There is a single deployable service.",
            "multi-service-or-jobs" => facts.BackEndServices.Count > 1 || facts.UsesBroker || facts.Services.Any(s => s.Processes.Count > 1) ? null :
                facts.HasWebFrontEnd ? "There is a single deployable back-end service (the browser front end calls it directly) with no background jobs or message broker." : "There is a single deployable service with no background jobs or message broker.",
            "multi-http-service" => facts.Services.Count(s => s.ServesHttp && !s.IsWebFrontEnd) > 1 ? null : "There is at most one HTTP back-end service (a browser front end calling it does not need a gateway).",
            "terraform" => facts.Has("terraform") ? null : "There is no Terraform in the repository.",
            "personal-data" => facts.OwnsPersistentData && (context.Has("sec-authn") || HasPersonalFields(context)) ? null : "The application stores no personal data.",
            "users-and-data" => facts.OwnsPersistentData && (context.Has("sec-authn") || facts.HasUi) ? null : "The application has no users changing stored data.",
            "long-running" => !facts.IsDeployable ? NotDeployable(facts) :
                facts.GitServerlessPlatform is { } serverless && !facts.HasContainers && !facts.Has("kubernetes")
                    ? $"The app runs as serverless functions on the platform ({serverless}): there is no long-running process to stop gracefully."
                    : null,
            "needs-services" => facts.UsesDatabase || facts.UsesBroker || facts.Dependencies.Count > 0 || facts.IsMultiService ? null : "The application needs no other service to run.",
            _ => throw new InvalidOperationException($"unknown applicability rule '{key}'"),
        };
    }

    private static string NotDeployable(RepositoryFacts facts) =>
        facts.HasCode ? "No deployable service was found (a library or tooling repository)." : "The repository holds no deployable application.";

    private static bool IacProvisionsStorage(RepositoryFacts facts) =>
        facts.ProvisionedStorage is not null ||
        (facts.Has("terraform") || facts.Has("bicep") || facts.Has("arm") || facts.Has("pulumi") || facts.Has("cdk") || facts.Has("cloudformation") || facts.Has("aspire")) &&
        facts.Dependencies.Any(d => d.Category is DependencyCategory.Database or DependencyCategory.Storage &&
                                    (d.Evidence.Path.EndsWith(".tf", StringComparison.Ordinal) || d.Evidence.Path.EndsWith(".bicep", StringComparison.Ordinal) ||
                                     d.Evidence.Detail.Contains("AddAzure", StringComparison.Ordinal)));

    private static bool HasPersonalFields(PracticeContext context) =>
        PersonalDataTerms.Any(t => context.Workspace.Content.Hits(t).Any(h => !context.Workspace.IsTestPath(h.File.Path) && !FactsBuilder.IsExcluded(h.File.Path)));
}
