using System.Collections.Frozen;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems;

/// <summary>
/// Every <see cref="Ecosystem"/> compiled into this assembly, found by reflection and ordered by key: adding a stack
/// is adding its folder. The set is immutable once built.
/// </summary>
public static class EcosystemRegistry
{
    private static readonly Lazy<Registry> Instance = new(Build);

    /// <summary>Every ecosystem, ordered by key.</summary>
    public static IReadOnlyList<Ecosystem> All => Instance.Value.Ecosystems;

    /// <summary>The ecosystem with this key, or null.</summary>
    public static Ecosystem? Find(string? key) => key is not null && Instance.Value.ByKey.TryGetValue(key, out var ecosystem) ? ecosystem : null;

    /// <summary>The ecosystem whose code a language name is ("Ruby", "TypeScript"), or null.</summary>
    public static Ecosystem? ForLanguage(string language) => Instance.Value.ByLanguage.GetValueOrDefault(language);

    /// <summary>The language of a file extension (".rb" → Ruby), or null.</summary>
    public static string? LanguageOf(string extension) => Instance.Value.Languages.GetValueOrDefault(extension);

    /// <summary>The package manager of a signal prefix ("nuget", "rubygems"), or null.</summary>
    public static PackageEcosystem? PackageManager(string key) => Instance.Value.PackageManagers.GetValueOrDefault(key);

    private sealed record Registry(
        IReadOnlyList<Ecosystem> Ecosystems,
        FrozenDictionary<string, Ecosystem> ByKey,
        FrozenDictionary<string, Ecosystem> ByLanguage,
        FrozenDictionary<string, string> Languages,
        FrozenDictionary<string, PackageEcosystem> PackageManagers);

    private static Registry Build()
    {
        var ecosystems = typeof(EcosystemRegistry).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Ecosystem).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (Ecosystem)Activator.CreateInstance(t)!)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

        var byKey = new Dictionary<string, Ecosystem>(StringComparer.Ordinal);
        var byLanguage = new Dictionary<string, Ecosystem>(StringComparer.Ordinal);
        var languages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var managers = new Dictionary<string, PackageEcosystem>(StringComparer.Ordinal);
        foreach (var ecosystem in ecosystems)
        {
            if (!byKey.TryAdd(ecosystem.Key, ecosystem))
            {
                throw new InvalidDataException($"ecosystem '{ecosystem.Key}' is declared twice");
            }

            foreach (var (extension, language) in ecosystem.Data.Languages)
            {
                if (!languages.TryAdd(extension, language))
                {
                    throw new InvalidDataException($"ecosystem '{ecosystem.Key}': extension '{extension}' already belongs to {languages[extension]}");
                }

                byLanguage.TryAdd(language, ecosystem);
            }

            foreach (var manager in ecosystem.PackageManagers)
            {
                if (!managers.TryAdd(manager.Key, manager))
                {
                    throw new InvalidDataException($"ecosystem '{ecosystem.Key}': package manager '{manager.Key}' is declared twice");
                }
            }
        }

        return new Registry(ecosystems, byKey.ToFrozenDictionary(StringComparer.Ordinal), byLanguage.ToFrozenDictionary(StringComparer.Ordinal),
            languages.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), managers.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
