using Gaplens.Core.Model;

namespace Gaplens.Ecosystems.Facts;

/// <summary>Collects run-time dependencies; each store keeps its first evidence in path order.</summary>
public sealed class DependencyFinder
{
    private readonly Dictionary<string, Dependency> found = new(StringComparer.Ordinal);

    public void Add(DataStore store, Evidence evidence)
    {
        if (!found.TryGetValue(store.Name, out var existing) || Compare(evidence, existing.Evidence) < 0)
        {
            found[store.Name] = new Dependency(store.Name, store.Category, store.Kind, evidence);
        }
    }

    public IReadOnlyList<Dependency> Result()
    {
        // "SQL database" (an ORM) says nothing new when the concrete engine is known.
        if (found.Count > 1 && found.ContainsKey("SQL database") && found.Values.Any(d => d.Kind == "relational" && d.Name != "SQL database"))
        {
            found.Remove("SQL database");
        }

        return found.Values.OrderBy(d => d.Category).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    private static int Compare(Evidence a, Evidence b)
    {
        var byPath = string.CompareOrdinal(a.Path, b.Path);
        return byPath != 0 ? byPath : (a.Line ?? 0).CompareTo(b.Line ?? 0);
    }
}
