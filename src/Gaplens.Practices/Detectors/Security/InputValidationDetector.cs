using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// Input validation is judged per HTTP service, except API gateways: a gateway forwards request bodies it does not
/// interpret, and the services behind it, which own the models, validate them.
/// </summary>
public sealed class InputValidationDetector : IPracticeDetector
{
    /// <summary>Packages that make a service an API gateway or reverse proxy (prefixes of the package name).</summary>
    private static readonly string[] GatewayPackages =
    [
        "org.springframework.cloud:spring-cloud-starter-gateway", "org.springframework.cloud:spring-cloud-gateway", "Ocelot", "Yarp.ReverseProxy",
        "express-gateway", "@apollo/gateway",
    ];

    public string PracticeId => "sec-input-validation";

    public Verdict Detect(PracticeContext context)
    {
        var present = context.PresentMatches.ToList();
        if (present.Count == 0)
        {
            return DefaultPolicy.Decide(context);
        }

        var gateways = context.Facts.Services
            .Where(s => context.Workspace.Packages.Any(p => !p.Development && RelativePaths.IsUnder(p.ManifestPath, s.Path) && GatewayPackages.Any(g => p.Name.StartsWith(g, StringComparison.Ordinal))))
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        return DefaultPolicy.PerService(context, present, httpOnly: true, judged: s => !gateways.Contains(s.Name));
    }
}
