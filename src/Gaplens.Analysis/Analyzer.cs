using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis;

/// <summary>Turns a scan into an <see cref="Assessment"/>: severities, acceptance, effort, scores, plan and risks.</summary>
public static class Analyzer
{
    public static Assessment Analyze(ScanResult scan, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var warnings = new List<ScanWarning>();
        var catalog = scan.Catalog;
        var positions = PositionsInDomain(catalog);
        var waivers = ActiveWaivers(options, catalog, warnings);
        var practices = new List<PracticeAssessment>();
        var usedWaivers = new HashSet<Waiver>(ReferenceEqualityComparer.Instance);
        foreach (var verdict in scan.Verdicts)
        {
            var definition = catalog[verdict.PracticeId];
            var (baseSeverity, note) = SeverityRules.BaseSeverity(definition, scan.Profile, scan.Facts);
            var acceptance = Acceptance(definition, verdict, scan.Profile, waivers, usedWaivers);
            var touched = ServicesTouched(definition, verdict, scan);
            var overriddenEffort = options.EffortOverrides.TryGetValue(definition.Id, out var overridden);
            var effort = overriddenEffort ? overridden! : Effort(definition.Effort, touched, verdict);
            var basis = verdict.IsGap ? EffortBasis(definition, touched, verdict, scan, overriddenEffort) : null;
            var owner = Owner(options.Owners, definition, verdict, scan);
            practices.Add(new PracticeAssessment(
                definition.Id,
                definition.Domain,
                definition.Title,
                verdict,
                baseSeverity,
                SeverityRules.GapSeverity(baseSeverity, verdict.Status),
                note,
                $"GAP-{DomainCodes.For(definition.Domain)}-{positions[definition.Id]:00}",
                acceptance,
                verdict.IsGap ? effort : EffortRange.Zero,
                touched,
                owner,
                Recommendations.For(definition, scan.Facts, verdict),
                Impact(definition, scan, verdict),
                definition.SuccessCriterion,
                definition.DependsOn)
            {
                EffortBasis = basis,
            });
        }

        UnusedWaivers(waivers, usedWaivers, scan, warnings);
        var scores = ScoreDomains(practices, catalog, scan.Profile);
        var plan = Planner.Plan(practices);
        var risks = RiskRegister.Assess(practices, scan.Facts, scan.Profile);
        var services = ServiceMatrix.Build(practices, scan);
        return new Assessment
        {
            Scan = scan,
            Options = options,
            Practices = practices,
            Scores = scores,
            Plan = plan,
            Risks = risks,
            Services = services,
            Warnings = warnings,
        };
    }

    /// <summary>What is at stake in this repository, then what goes wrong in general without the practice.</summary>
    private static string Impact(PracticeDefinition definition, ScanResult scan, Verdict verdict)
    {
        if (!verdict.IsGap)
        {
            return definition.Impact;
        }

        var scope = GapScope.Describe(definition, scan.Facts, verdict);
        return scope.Length == 0 ? definition.Impact : $"{scope} {definition.Impact}";
    }

    /// <summary>Owner of a gap: configured for the practice, else for a path its evidence or services lie in, else for the domain.</summary>
    private static string Owner(IReadOnlyDictionary<string, string> owners, PracticeDefinition definition, Verdict verdict, ScanResult scan)
    {
        if (owners.TryGetValue(definition.Id, out var byId))
        {
            return byId;
        }

        var paths = verdict.Evidence.Select(e => e.Path)
            .Concat(scan.Facts.Services.Where(s => verdict.ServicesWithout.Contains(s.Name)).Select(s => s.Path))
            .ToList();
        foreach (var (pattern, owner) in owners.Where(o => o.Key.Contains('/', StringComparison.Ordinal) || o.Key.Contains('*', StringComparison.Ordinal)).OrderByDescending(o => o.Key.Length))
        {
            var glob = new Practices.Signals.PathGlob(pattern.EndsWith('/') ? pattern + "**" : pattern, fromConfiguration: true);
            if (paths.Count > 0 && paths.All(glob.IsMatch))
            {
                return owner;
            }
        }

        return owners.TryGetValue(definition.Domain, out var byDomain) ? byDomain : definition.Owner;
    }

    private static Dictionary<string, int> PositionsInDomain(PracticeCatalog catalog)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in catalog.Practices.GroupBy(p => p.Domain, StringComparer.Ordinal))
        {
            var index = 0;
            foreach (var practice in group)
            {
                positions[practice.Id] = ++index;
            }
        }

        return positions;
    }

    private static List<Waiver> ActiveWaivers(AnalysisOptions options, PracticeCatalog catalog, List<ScanWarning> warnings)
    {
        var active = new List<Waiver>();
        foreach (var waiver in options.Waivers)
        {
            var where = waiver.Source is null ? "configuration" : waiver.Line is { } line ? $"{waiver.Source}:{line}" : waiver.Source;
            if (catalog.Find(waiver.Practice) is null)
            {
                warnings.Add(new ScanWarning(waiver.Source ?? ".gaplens.yml", $"waiver at {where} names unknown practice '{waiver.Practice}'; ignored"));
                continue;
            }

            if (waiver.Expires is { } expires && expires < options.Today)
            {
                warnings.Add(new ScanWarning(waiver.Source ?? ".gaplens.yml", $"waiver for {waiver.Practice} at {where} expired on {expires:yyyy-MM-dd}; the gap is open again"));
                continue;
            }

            active.Add(waiver);
        }

        return active;
    }

    /// <summary>A waiver that accepts nothing is a stale decision or a typo in its services: say so rather than stay silent.</summary>
    private static void UnusedWaivers(List<Waiver> waivers, HashSet<Waiver> used, ScanResult scan, List<ScanWarning> warnings)
    {
        foreach (var waiver in waivers.Where(w => !used.Contains(w)))
        {
            var verdict = scan.Verdicts.FirstOrDefault(v => v.PracticeId == waiver.Practice);
            if (verdict is null)
            {
                continue; // the practice was not judged in this run (--practice)
            }

            var where = waiver.Source is null ? "configuration" : waiver.Line is { } line ? $"{waiver.Source}:{line}" : waiver.Source;
            var why = !verdict.IsGap
                ? $"the practice is {verdict.Status.ToWire()}, not a gap"
                : used.Any(u => u.Practice == waiver.Practice)
                    ? "an earlier waiver for the same practice already accepts the gap"
                : verdict.ServicesWithout.Count == 0
                    ? $"the gap is not per service, but the waiver names services ({string.Join(", ", waiver.Services)})"
                    : $"the gap concerns {string.Join(", ", verdict.ServicesWithout)}, not only the waiver's services ({string.Join(", ", waiver.Services)})";
            warnings.Add(new ScanWarning(waiver.Source ?? ".gaplens.yml", $"waiver for {waiver.Practice} at {where} matches nothing: {why}; remove it or fix it"));
        }
    }

    private static Acceptance? Acceptance(PracticeDefinition definition, Verdict verdict, Profile profile, List<Waiver> waivers, HashSet<Waiver> used)
    {
        if (!verdict.IsGap)
        {
            return null;
        }

        var waiver = waivers.FirstOrDefault(w => w.Practice == definition.Id && (w.Services.Count == 0 ||
            verdict.ServicesWithout.Count > 0 && verdict.ServicesWithout.All(s => w.Services.Contains(s, StringComparer.OrdinalIgnoreCase))));
        if (waiver is not null)
        {
            used.Add(waiver);
            return new Acceptance("waiver", waiver.Reason, waiver.Expires, waiver.Services);
        }

        return definition.DeferredIn.TryGetValue(profile, out var reason) ? new Acceptance("deferred", reason, null, []) : null;
    }

    private static int ServicesTouched(PracticeDefinition definition, Verdict verdict, ScanResult scan)
    {
        if (verdict.ServicesWithout.Count > 0)
        {
            return verdict.ServicesWithout.Count;
        }

        if (definition.PerService && verdict.Status == PracticeStatus.Missing)
        {
            return Math.Max(1, DefaultPolicy.JudgedServices(scan.Facts, DefaultPolicy.AboutRequests(definition.Applies)).Count);
        }

        return 1;
    }

    /// <summary>Base effort for the first service plus the per-service effort for each further one.</summary>
    public static EffortRange Effort(Effort effort, int servicesTouched)
    {
        var extra = Math.Max(0, servicesTouched - 1);
        return new EffortRange(effort.BaseLow + extra * effort.PerServiceLow, effort.BaseHigh + extra * effort.PerServiceHigh);
    }

    /// <summary>
    /// Effort of a gap: as <see cref="Effort(Practices.Model.Effort, int)"/>, halved (rounded up) when the practice is
    /// partly in place across the repository — part of the work is done. A partial gap that names the services lacking
    /// it already counts only those services, so it is not halved again.
    /// </summary>
    public static EffortRange Effort(Effort effort, int servicesTouched, Verdict verdict)
    {
        var full = Effort(effort, servicesTouched);
        return verdict.Status == PracticeStatus.Partial && verdict.ServicesWithout.Count == 0
            ? new EffortRange((full.Low + 1) / 2, (full.High + 1) / 2)
            : full;
    }

    /// <summary>What drives a gap's estimate: the base and per-service ranges, the services and their stacks, what exists already.</summary>
    private static string EffortBasis(PracticeDefinition definition, int touched, Verdict verdict, ScanResult scan, bool overridden)
    {
        if (overridden)
        {
            return "set by the configuration (effort)";
        }

        var effort = definition.Effort;
        var names = verdict.ServicesWithout.Count > 0
            ? verdict.ServicesWithout
            : definition.PerService && verdict.Status == PracticeStatus.Missing ? DefaultPolicy.JudgedServices(scan.Facts).Select(s => s.Name).ToList() : [];
        var stacks = scan.Facts.Services.Where(s => names.Contains(s.Name, StringComparer.Ordinal))
            .GroupBy(s => s.Kind, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}").ToList();
        var text = touched > 1
            ? $"{effort.BaseLow}-{effort.BaseHigh} h for the first service + {touched - 1} more × {effort.PerServiceLow}-{effort.PerServiceHigh} h"
            : $"{effort.BaseLow}-{effort.BaseHigh} h for the repository";
        if (stacks.Count > 0)
        {
            text += $" ({string.Join(", ", stacks)} service{(names.Count == 1 ? string.Empty : "s")})";
        }

        if (verdict.Status == PracticeStatus.Partial)
        {
            text += verdict.ServicesWithout.Count > 0
                ? $"; {verdict.ServicesWith.Count} service{(verdict.ServicesWith.Count == 1 ? " has" : "s have")} it already"
                : ", halved: partly in place already";
        }

        return text;
    }

    private static Scores ScoreDomains(List<PracticeAssessment> practices, PracticeCatalog catalog, Profile profile)
    {
        var domains = new List<DomainScore>();
        foreach (var (domain, title) in catalog.Domains)
        {
            var inDomain = practices.Where(p => p.Domain == domain).ToList();
            if (inDomain.Count == 0)
            {
                continue;
            }

            var gapSeverity = inDomain.Where(p => p.IsOpenGap).Select(p => p.Severity).DefaultIfEmpty(Severity.None).Min();
            var (score, cap) = Scoring.Capped(Scoring.Score(inDomain), inDomain);
            domains.Add(new DomainScore(
                domain,
                title,
                score,
                Scoring.Target(profile, domain),
                gapSeverity,
                inDomain.Count(p => p.Status == PracticeStatus.Present),
                inDomain.Count(p => p.Status == PracticeStatus.Partial && !p.IsAccepted),
                inDomain.Count(p => p.Status == PracticeStatus.Missing && !p.IsAccepted),
                inDomain.Count(p => p.Status == PracticeStatus.NotApplicable),
                inDomain.Count(p => p.IsAccepted),
                cap,
                cap is null ? null : Scoring.Score(inDomain)));
        }

        var uncapped = Scoring.Score(practices) ?? 100;
        var (overall, overallCap) = Scoring.Capped(uncapped, practices);
        return new Scores(overall ?? 100, Scoring.Target(profile), domains, overallCap, overallCap is null ? null : uncapped);
    }
}
