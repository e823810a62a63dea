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
            return context.Practice.PerService ? PerService(context, present) : context.Present(PracticeContext.EvidenceOf(present), "Found " + PracticeContext.Describe(PracticeContext.EvidenceOf(present)) + ".");
        }

        var partial = context.PartialMatches.ToList();
        if (partial.Count > 0)
        {
            return context.Partial(PracticeContext.EvidenceOf(partial), "Partly in place: " + PracticeContext.Describe(PracticeContext.EvidenceOf(partial)) + ".");
        }

        return context.Missing(MissingReason(context));
    }

    public static string MissingReason(PracticeContext context)
    {
        var what = (context.Practice.MissingText ?? $"no sign of {context.Practice.Title.ToLowerInvariant()}").TrimEnd('.');
        var where = what.Contains("repository", StringComparison.OrdinalIgnoreCase) ? string.Empty : " in the repository";
        return $"{char.ToUpperInvariant(what[0])}{what[1..]}{where}.";
    }

    /// <summary>Services that a practice is judged against: those with code (and that serve HTTP when asked).</summary>
    public static IReadOnlyList<ServiceInfo> JudgedServices(RepositoryFacts facts, bool httpOnly = false) =>
        facts.Services.Where(s => s.HasCode && (!httpOnly || s.ServesHttp)).ToList();

    /// <summary>Splits services by whether evidence lies in their code; evidence outside all services counts for none.</summary>
    public static (List<string> With, List<string> Without) Split(IReadOnlyList<ServiceInfo> services, IEnumerable<Evidence> evidence)
    {
        var paths = evidence.Select(e => e.Path).Distinct(StringComparer.Ordinal).ToList();
        var with = new List<string>();
        var without = new List<string>();
        foreach (var service in services)
        {
            if (paths.Any(service.Owns))
            {
                with.Add(service.Name);
            }
            else
            {
                without.Add(service.Name);
            }
        }

        return (with, without);
    }

    public static Verdict PerService(PracticeContext context, IReadOnlyList<SignalMatch> present, bool httpOnly = false)
    {
        var evidence = PracticeContext.EvidenceOf(present).ToList();
        var services = JudgedServices(context.Facts, httpOnly).ToList();
        if (services.Any(s => s.Kind != "web-frontend"))
        {
            // A static front end is judged with the back end it ships with: server-side practices cannot apply to it,
            // and for the others (tests, error tracking) evidence in the back end is what reviewers look for first.
            services.RemoveAll(s => s.Kind == "web-frontend");
        }

        var found = "Found " + PracticeContext.Describe(evidence) + ".";
        if (services.Count < 2)
        {
            return context.Present(evidence, found);
        }

        var (with, without) = Split(services, evidence);
        if (without.Count == 0 || with.Count == 0)
        {
            // Evidence in shared code that no service owns: it cannot be attributed, so it is not held against any.
            return context.Present(evidence, found);
        }

        return context.Partial(evidence, $"{with.Count} of {services.Count} services have it ({string.Join(", ", with)}); missing in {string.Join(", ", without)}. {found}", with, without);
    }
}
