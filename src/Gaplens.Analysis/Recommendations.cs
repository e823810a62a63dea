using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis;

/// <summary>Picks the remediation written for the stacks this repository (or the services lacking the practice) uses.</summary>
public static class Recommendations
{
    private static readonly (string Key, string Label)[] Stacks =
    [
        ("dotnet", ".NET"), ("node", "Node.js"), ("python", "Python"), ("java", "Java"), ("go", "Go"), ("kubernetes", "Kubernetes"), ("terraform", "Terraform"),
    ];

    public static string For(PracticeDefinition practice, RepositoryFacts facts, Verdict verdict)
    {
        var stacks = DetectedStacks(facts, verdict);
        var parts = stacks.Where(practice.Remediation.ContainsKey).Take(3).ToList();
        if (parts.Count == 0)
        {
            return practice.Remediation["default"];
        }

        if (parts.Count == 1)
        {
            return practice.Remediation[parts[0]];
        }

        return string.Join(" ", parts.Select(key => $"{Stacks.First(s => s.Key == key).Label}: {practice.Remediation[key]}"));
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
                Add(StackOfKind(service.Kind));
            }
        }

        foreach (var service in facts.Services)
        {
            Add(StackOfKind(service.Kind));
        }

        foreach (var language in facts.Languages)
        {
            Add(language switch
            {
                "C#" or "F#" or "Visual Basic" => "dotnet",
                "TypeScript" or "JavaScript" => "node",
                "Python" => "python",
                "Java" or "Kotlin" or "Scala" => "java",
                "Go" => "go",
                _ => null,
            });
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

    private static string? StackOfKind(string kind) => kind switch
    {
        "aspnetcore" or "worker" or "azure-functions" => "dotnet",
        "nextjs" or "nuxt" or "remix" or "sveltekit" or "node-api" or "node-app" or "web-frontend" => "node",
        "spring-boot" => "java",
        "go-service" => "go",
        _ when kind.StartsWith("python", StringComparison.Ordinal) => "python",
        _ => null,
    };
}
