using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis;

/// <summary>
/// Severity of a practice for this repository: the catalog's severity for the profile, adjusted by facts where the
/// same gap matters more or less (no backups for a service owning a database; rate limits for an internal API).
/// A partial gap is one level less severe than a missing one.
/// </summary>
public static class SeverityRules
{
    public static (Severity Severity, string? Note) BaseSeverity(PracticeDefinition practice, Profile profile, RepositoryFacts facts)
    {
        var severity = practice.Severity[profile];
        switch (practice.Id)
        {
            case "data-backup" when facts.OwnsPersistentData && profile != Profile.Pilot:
                return (Severity.Critical, "critical: the service owns a database and has no way back from data loss");
            case "sec-rate-limiting" when !facts.HasUi && facts.Services.All(s => s.Kind is "worker" or "python-worker"):
                return (Lower(severity), "lower: no public-facing service");
            case "sec-rate-limiting" when facts.HasUi && facts.ExposesHttpApi && profile != Profile.Pilot:
                return (Severity.High, "high: a public web application with an API");
            case "sec-authn" when !facts.HasUi && !facts.ExposesHttpApi:
                return (Severity.High, "high: only internal endpoints");
            case "test-contract" or "sec-service-auth" when facts.ServiceCalls.Count >= 3 && profile != Profile.Pilot:
                return (Higher(severity), $"higher: {facts.ServiceCalls.Count} calls between services ({string.Join(", ", facts.ServiceCalls.Take(3).Select(c => $"{c.From} → {c.To}"))})");
            case "api-gateway" when facts.Services.Count(s => s.ServesHttp && !s.IsWebFrontEnd) >= 5 && profile != Profile.Pilot:
                return (Higher(severity), $"higher: {facts.Services.Count(s => s.ServesHttp && !s.IsWebFrontEnd)} HTTP services exposed one by one");
            case "scale-async-messaging" when facts.Services.Count >= 5 && profile != Profile.Pilot:
                return (Higher(severity), $"higher: {facts.Services.Count} services");
            case "deploy-containerized" when ContainerPlatform(facts) is { } platform:
                return (Severity.Critical, $"critical: the deployment runs containers ({platform}), so a service without an image cannot be deployed");
            case "obs-correlation-id" or "obs-tracing" when facts.Services.Count >= 3 && facts.ServiceCalls.Count > 0 && profile != Profile.Pilot:
                return (Higher(severity), $"higher: requests cross {facts.Services.Count} services ({facts.ServiceCalls.Count} calls between them) and cannot be followed without it");
            default:
                return (severity, null);
        }
    }

    /// <summary>The platform that runs the application as containers (a deployment compose file, Kubernetes, ECS, Container Apps, Cloud Run), or null.</summary>
    public static string? ContainerPlatform(RepositoryFacts facts) =>
        new[] { "kubernetes", "ecs", "azure-container-apps", "cloud-run", "compose" }.FirstOrDefault(facts.Has);

    /// <summary>Severity of the gap a verdict leaves: partial is one level less severe; no gap has no severity.</summary>
    public static Severity GapSeverity(Severity baseSeverity, PracticeStatus status) => status switch
    {
        PracticeStatus.Missing => baseSeverity,
        PracticeStatus.Partial => Lower(baseSeverity),
        _ => Severity.None,
    };

    public static Severity Lower(Severity severity) => severity switch
    {
        Severity.Critical => Severity.High,
        Severity.High => Severity.Medium,
        _ => Severity.Low,
    };

    public static Severity Higher(Severity severity) => severity switch
    {
        Severity.Low => Severity.Medium,
        Severity.Medium => Severity.High,
        _ => Severity.Critical,
    };
}
