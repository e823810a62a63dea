using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// HTTPS means a certificate that clients trust. TLS terminated with a self-signed certificate that the repository
/// generates or names ("openssl req -x509", snakeoil, "self-signed until a domain is registered") encrypts but is
/// rejected by browsers and clients: partial, unless a trusted certificate is also provisioned (ACME, cert-manager, a
/// managed or platform certificate). Otherwise the declared signals decide.
/// </summary>
public sealed class HttpsDetector : IPracticeDetector
{
    /// <summary>Where certificates are made and configured (not package manifests or lock files, where "selfsigned" is a package name).</summary>
    private const FileClass Deployment = FileClass.Shell | FileClass.Dockerfile | FileClass.Yaml | FileClass.OtherText | FileClass.Properties | FileClass.Toml;

    /// <summary>Signals of TLS terminated with a certificate the repository supplies (which may be self-signed).</summary>
    private static readonly string[] CertificateBearing =
    [
        "NGINX TLS certificate", "NGINX HTTPS listener", "Apache TLS", "Node HTTPS server", "Uvicorn TLS certificate", "Gunicorn TLS certificate",
        "Spring Boot server TLS", "Go TLS listener", "Gin TLS listener", "Kestrel HTTPS endpoint",
    ];

    private static readonly Term[] SelfSigned =
    [
        new("openssl req", FileClass.Shell | FileClass.Dockerfile | FileClass.Yaml | FileClass.Build),
        new("self-signed", Deployment, IgnoreCase: true),
        new("selfsigned", Deployment, IgnoreCase: true),
        new("self signed", Deployment, IgnoreCase: true),
        new("snakeoil", Deployment, IgnoreCase: true),
    ];

    /// <summary>Words in the details of signals that provision a certificate clients trust.</summary>
    private static readonly string[] TrustedWords = ["ACME", "cert-manager", "Caddy", "managed", "ACM", "load balancer", "App Service", "Front Door", "CloudFront", "Fly.io", "platform", "Let's Encrypt"];

    public string PracticeId => "sec-https";

    public IEnumerable<Term> Terms => SelfSigned;

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status != PracticeStatus.Present || !context.PresentMatches.Any(m => CertificateBearing.Contains(m.Signal.Detail, StringComparer.Ordinal)) ||
            context.PresentMatches.Any(m => TrustedWords.Any(w => m.Signal.Detail.Contains(w, StringComparison.Ordinal))))
        {
            return verdict;
        }

        var workspace = context.Workspace;
        var selfSigned = SelfSigned.SelectMany(workspace.Content.Hits)
            .Where(h => !workspace.IsTestPath(h.File.Path) && !Ecosystems.Facts.FactsBuilder.IsExcluded(h.File.Path) && !h.File.Name.Contains("lock", StringComparison.OrdinalIgnoreCase) && IsSelfSigned(h))
            .OrderBy(h => h.File.Path, StringComparer.Ordinal).ThenBy(h => h.Line)
            .ToList();
        if (selfSigned.Count == 0)
        {
            return verdict;
        }

        var first = selfSigned[0];
        var evidence = PracticeContext.EvidenceOf(context.PresentMatches).Append(new Evidence(first.File.Path, first.Line, "self-signed certificate"));
        return context.Partial(
            evidence,
            $"TLS is configured ({PracticeContext.Describe(PracticeContext.EvidenceOf(context.PresentMatches), 2)}) but with a self-signed certificate ({first.File.Path}:{first.Line}): browsers and API clients do not trust it, so users do not get HTTPS until a trusted certificate (ACME/Let's Encrypt or a managed one) is provisioned.");
    }

    /// <summary>"openssl req" counts only when it makes a certificate (-x509); the words count in comments too, where such notes live.</summary>
    private static bool IsSelfSigned(TermHit hit) =>
        !hit.LineText.Contains("openssl req", StringComparison.Ordinal) || hit.LineText.Contains("-x509", StringComparison.Ordinal);
}
