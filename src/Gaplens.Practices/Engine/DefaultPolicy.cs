using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Engine;

/// <summary>
/// The verdict when a practice has no detector of its own: present-level signals make it present (per service when
/// the practice is judged per service), partial-level signals make it partial, nothing makes it missing.
/// </summary>
public static class DefaultPolicy
{
    public static Verdict Decide(PracticeContext context)
    {
        var present = context.PresentMatches.ToList();
        if (present.Count > 0)
        {
            return context.Practice.PerService ? PerService(context, present, AboutRequests(context.Practice.Applies)) : context.Present(PracticeContext.EvidenceOf(present), "Found " + PracticeContext.Describe(PracticeContext.EvidenceOf(present)) + ".");
        }

        var partial = context.PartialMatches.ToList();
        if (partial.Count > 0)
        {
            return context.Partial(PracticeContext.EvidenceOf(partial), "Partly in place: " + PracticeContext.Describe(PracticeContext.EvidenceOf(partial)) + ".");
        }

        return context.Missing(MissingReason(context));
    }

    /// <summary>Practices about how a service answers requests are judged on the services that serve HTTP only.</summary>
    public static bool AboutRequests(string? applies) => applies is "http-api" or "serves-http" or "user-facing" or "authn";

    public static string MissingReason(PracticeContext context) => MissingReason(context.Practice);

    /// <summary>"No rate limiter in the repository.": the sentence of a practice found nowhere (a summary may say "none found").</summary>
    public static string MissingReason(Model.PracticeDefinition practice)
    {
        var what = (practice.MissingText ?? $"no sign of {practice.Title.ToLowerInvariant()}").TrimEnd('.');
        var where = what.Contains("repository", StringComparison.OrdinalIgnoreCase) ? string.Empty : " in the repository";
        return $"{char.ToUpperInvariant(what[0])}{what[1..]}{where}.";
    }

    /// <summary>Services that a practice is judged against: those with code (and that serve HTTP when asked).</summary>
    public static IReadOnlyList<ServiceInfo> JudgedServices(RepositoryFacts facts, bool httpOnly = false) =>
        facts.Services.Where(s => s.HasCode && (!httpOnly || s.ServesHttp)).ToList();

    /// <summary>
    /// Splits services by whether evidence belongs to them: it lies in their code, or outside every service in a path
    /// named after one (tests/Basket.UnitTests belongs to Basket.API). <paramref name="shared"/> lists the evidence
    /// paths that belong to no service (shared libraries, root test folders, manifests).
    /// </summary>
    public static (List<string> With, List<string> Without) Split(IReadOnlyList<ServiceInfo> services, IEnumerable<Evidence> evidence, out IReadOnlyList<string> shared)
    {
        var paths = evidence.Select(e => e.Path).Distinct(StringComparer.Ordinal).ToList();
        var owners = paths.ToDictionary(p => p, p => services.Where(s => s.Owns(p)).ToList(), StringComparer.Ordinal);
        foreach (var path in paths.Where(p => owners[p].Count == 0))
        {
            owners[path] = services.Where(s => NamedAfter(path, s)).ToList();
        }

        shared = owners.Where(o => o.Value.Count == 0).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        var with = new List<string>();
        var without = new List<string>();
        foreach (var service in services)
        {
            (owners.Values.Any(o => o.Contains(service)) ? with : without).Add(service.Name);
        }

        return (with, without);
    }

    public static (List<string> With, List<string> Without) Split(IReadOnlyList<ServiceInfo> services, IEnumerable<Evidence> evidence) =>
        Split(services, evidence, out _);

    private static readonly string[] NameSuffixes = [".api", "-api", "_api", "api", "-service", "_service", "service", "-svc", ".web", "-server", "-app"];

    /// <summary>True when a path segment is named after the service ("Basket.UnitTests", "catalog_test.py", "orders").</summary>
    private static bool NamedAfter(string path, ServiceInfo service)
    {
        var name = service.Name.ToLowerInvariant();
        var stem = name;
        foreach (var suffix in NameSuffixes)
        {
            if (stem.Length > suffix.Length + 2 && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = stem[..^suffix.Length].TrimEnd('.', '-', '_');
                break;
            }
        }

        var segments = path.ToLowerInvariant().Split('/');
        return segments.Any(segment => Names(segment, name) || stem.Length >= 3 && Names(segment, stem));

        static bool Names(string segment, string name) =>
            segment == name || segment.Length > name.Length && segment.StartsWith(name, StringComparison.Ordinal) && segment[name.Length] is '.' or '-' or '_';
    }

    /// <summary>Server-rendered web front ends: they render pages and forward the user's calls to an API.</summary>
    private static readonly string[] RenderingFrontEnds = ["nextjs", "nuxt", "remix", "sveltekit"];

    private static bool IsUiServer(ServiceInfo service) => RenderingFrontEnds.Contains(service.Kind, StringComparer.Ordinal);

    public static Verdict PerService(PracticeContext context, IReadOnlyList<SignalMatch> present, bool httpOnly = false, Func<ServiceInfo, bool>? judged = null)
    {
        var evidence = PracticeContext.EvidenceOf(present).ToList();
        // A static front end is judged with the back end it ships with: server-side practices cannot apply to it, and
        // for the others (tests, error tracking) evidence in the back end is what reviewers look for first.
        var backEnds = context.Facts.BackEndServices;
        var services = JudgedServices(context.Facts, httpOnly).Where(backEnds.Contains).Where(s => judged?.Invoke(s) ?? true).ToList();
        if (httpOnly && services.Any(s => !IsUiServer(s)))
        {
            // How requests are answered (authentication, limits, error bodies) is the API's job: a server-rendered front end
            // that calls the repository's API is judged with it.
            services = services.Where(s => !IsUiServer(s)).ToList();
        }

        // A UI application server (Next.js, Nuxt, Remix, SvelteKit) beside an HTTP back end of this repository renders
        // pages for it (from the server or the browser): the system's server-side observability and resilience are
        // judged on the back end. Front-end errors still matter, so error tracking keeps judging it.
        if (context.Practice.Domain is "observability" or "resilience" && context.Practice.Id != "obs-error-tracking" &&
            services.Any(b => !IsUiServer(b) && b.ServesHttp))
        {
            services = services.Where(s => !IsUiServer(s)).ToList();
        }

        // A practice about calls to other services (timeouts, circuit breakers) makes sense only for the services that
        // make such calls: a service that only answers requests and talks to its own database does not lack it.
        if (context.Practice.Applies == "outbound-calls" && context.Facts.OutboundCallers.Count > 0)
        {
            var callers = services.Where(s => context.Facts.OutboundCallers.Contains(s.Name, StringComparer.Ordinal)).ToList();
            services = callers.Count > 0 ? callers : services;
        }

        var found = "Found " + PracticeContext.Describe(evidence) + ".";
        if (services.Count < 2)
        {
            return context.Present(evidence, found);
        }

        var (with, without) = Split(services, evidence, out var unattributed);
        // Shared production code (a ServiceDefaults or common library) may serve every service; manifests, pipelines and
        // tests of something that is not a service say nothing about any one service.
        var shared = unattributed.Any(p => context.Workspace.Files.Get(p) is { } file && file.Is(FileClass.Code) && !context.Workspace.IsTestPath(p));
        if (without.Count == 0 || with.Count == 0 || shared)
        {
            // Evidence in shared code that no service owns may serve every service, so it is not held against any.
            return context.Present(evidence, found);
        }

        return context.Partial(evidence, $"{with.Count} of {services.Count} services have it ({string.Join(", ", with)}); missing in {string.Join(", ", without)}. {found}", with, without);
    }
}
