using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// Rate limiting protects the API. An Express-style limiter that is mounted only on the sign-in routes
/// (app.use('/v1/auth', authLimiter), router.post('/login', limiter, ...)) guards against password guessing but leaves
/// the rest of the API unlimited: partial, as login-only throttling is in every other stack. Otherwise the declared
/// signals decide (per HTTP service).
/// </summary>
public sealed partial class RateLimitingDetector : IPracticeDetector
{
    /// <summary>Middleware packages that do nothing until mounted with use() or on a route.</summary>
    private static readonly string[] MountedMiddleware = ["express-rate-limit middleware", "rate-limiter-flexible", "hono-rate-limiter"];

    private static readonly Term[] Uses = [new("imiter", FileClass.JavaScript), new("rateLimit(", FileClass.JavaScript)];

    public string PracticeId => "sec-rate-limiting";

    public IEnumerable<Term> Terms => Uses;

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        var present = context.PresentMatches.ToList();
        if (verdict.Status != PracticeStatus.Present || present.Count == 0 || !present.All(m => MountedMiddleware.Contains(m.Signal.Detail, StringComparer.Ordinal)))
        {
            return verdict;
        }

        var workspace = context.Workspace;
        var hits = Uses.SelectMany(workspace.Content.Hits)
            .Where(h => !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path) && !Ecosystems.Facts.FactsBuilder.IsExcluded(h.File.Path))
            .DistinctBy(h => (h.File.Path, h.Line))
            .ToList();
        var global = hits.Any(h => GlobalMount().IsMatch(h.LineText));
        var scoped = hits.Select(h => (Hit: h, Match: ScopedMount().Match(h.LineText))).Where(x => x.Match.Success).ToList();
        if (global || scoped.Count == 0 || !scoped.All(x => SignInPath().IsMatch(x.Match.Groups["path"].Value)))
        {
            return verdict;
        }

        var evidence = scoped.Select(x => new Evidence(x.Hit.File.Path, x.Hit.Line, $"limiter mounted on {x.Match.Groups["path"].Value} only"))
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ToList();
        return context.Partial(
            PracticeContext.EvidenceOf(present).Concat(evidence),
            $"A rate limiter guards only the sign-in routes ({string.Join(", ", scoped.Select(x => x.Match.Groups["path"].Value).Distinct(StringComparer.Ordinal))}; {evidence[0]}): password guessing is slowed, but the rest of the API has no limit.");
    }

    /// <summary>use(limiter) or use(rateLimit({...})) with no path: every route.</summary>
    [GeneratedRegex(@"\.use\(\s*(\w*[Ll]imit(er)?\w*\s*[,)]|rateLimit\()", RegexOptions.CultureInvariant, 200)]
    private static partial Regex GlobalMount();

    /// <summary>A limiter mounted on a path: use('/v1/auth', authLimiter) or post('/login', loginLimiter, handler).</summary>
    [GeneratedRegex(@"\.(use|get|post|put|patch|delete|all)\(\s*['""`](?<path>[^'""`]+)['""`]\s*,\s*(\w*[Ll]imit(er)?\w*|rateLimit\()", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ScopedMount();

    [GeneratedRegex(@"(?i)auth|log-?in|sign-?in|sign-?up|register|password|otp|token|session", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SignInPath();
}
