using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis;

/// <summary>Picks the remediation written for the stacks this repository (or the services lacking the practice) uses.</summary>
public static class Recommendations
{
    /// <summary>Remediation keys of platforms, beside the ecosystems' own keys.</summary>
    private static readonly Dictionary<string, string> PlatformLabels = new(StringComparer.Ordinal) { ["kubernetes"] = "Kubernetes", ["terraform"] = "Terraform" };

    private static string Label(string key) => key == "default" ? "Where it runs" : EcosystemRegistry.Find(key)?.Name ?? PlatformLabels.GetValueOrDefault(key, key);

    /// <summary>
    /// Advice for the stacks of the services lacking the practice (three at most) and, for a practice that is about
    /// where the code runs, for the platform found — or the general advice when no platform advice fits, so that a
    /// runtime tweak never stands in for the deployment change itself.
    /// </summary>
    public static string For(PracticeDefinition practice, RepositoryFacts facts, Verdict verdict)
    {
        var stacks = DetectedStacks(facts, verdict);
        var ecosystems = stacks.Where(k => EcosystemRegistry.Find(k) is not null && practice.Remediation.ContainsKey(k)).Take(3).ToList();
        var platforms = stacks.Where(k => PlatformLabels.ContainsKey(k) && practice.Remediation.ContainsKey(k)).ToList();
        if (platforms.Count == 0 && ecosystems.Count > 0 && practice.Remediation.Keys.Any(PlatformLabels.ContainsKey))
        {
            platforms.Add("default");
        }

        var parts = platforms.Concat(ecosystems).ToList();
        var text = parts.Count switch
        {
            0 => practice.Remediation["default"],
            1 => practice.Remediation[parts[0]],
            _ => string.Join(" ", parts.Select(key => $"{Label(key)}: {practice.Remediation[key]}")),
        };
        return PlatformText.Select(text, PlatformsOf(facts));
    }

    /// <summary>
    /// The platforms advice may name: where the code runs (clouds, application platforms, Kubernetes, Compose) and the
    /// clouds whose managed services it already depends on (an Azure Service Bus, Amazon SQS, Cloud SQL).
    /// </summary>
    public static IReadOnlySet<string> PlatformsOf(RepositoryFacts facts)
    {
        var result = new SortedSet<string>(facts.Platforms, StringComparer.Ordinal);
        foreach (var dependency in facts.Dependencies)
        {
            var name = dependency.Name;
            if (name.Contains("Azure", StringComparison.Ordinal) || name.Contains("Cosmos", StringComparison.Ordinal))
            {
                result.Add("azure");
            }
            else if (name.Contains("Amazon", StringComparison.Ordinal) || name.Contains("AWS", StringComparison.Ordinal) || name.Contains("DynamoDB", StringComparison.Ordinal))
            {
                result.Add("aws");
            }
            else if (name.Contains("Google", StringComparison.Ordinal) || name.Contains("Cloud SQL", StringComparison.Ordinal) || name.Contains("Firestore", StringComparison.Ordinal) ||
                     name.Contains("Pub/Sub", StringComparison.Ordinal))
            {
                result.Add("gcp");
            }
        }

        return result;
    }

    /// <summary>Stacks in order of relevance: those of the services lacking the practice, then the repository's languages, then platforms.</summary>
    public static IReadOnlyList<string> DetectedStacks(RepositoryFacts facts, Verdict? verdict = null)
    {
        var result = new List<string>();
        void Add(string? key)
        {
            if (key is not null && !result.Contains(key))
            {
                result.Add(key);
            }
        }

        if (verdict is not null)
        {
            foreach (var service in facts.Services.Where(s => verdict.ServicesWithout.Contains(s.Name)))
            {
                Add(service.Ecosystem);
            }
        }

        foreach (var service in facts.Services)
        {
            Add(service.Ecosystem);
        }

        foreach (var language in facts.Languages)
        {
            Add(EcosystemRegistry.ForLanguage(language)?.Key);
        }

        if (facts.Has("kubernetes"))
        {
            Add("kubernetes");
        }

        if (facts.Has("terraform"))
        {
            Add("terraform");
        }

        return result;
    }
}
