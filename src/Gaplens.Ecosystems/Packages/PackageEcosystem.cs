namespace Gaplens.Ecosystems.Packages;

/// <summary>
/// A package manager's namespace of names (NuGet, npm, PyPI, Maven, Go modules, RubyGems...). Each ecosystem folder
/// declares its own; <see cref="Key"/> is the prefix of package signals ("nuget:Polly"). Names are compared after
/// <see cref="Normalize"/>: case-insensitively where the registry is, and PEP 503 style for PyPI.
/// </summary>
public sealed class PackageEcosystem
{
    private readonly Func<string, string> normalize;

    public PackageEcosystem(string key, string display, bool ignoreCase = false, Func<string, string>? normalize = null)
    {
        Key = key;
        Display = display;
        IgnoreCase = ignoreCase;
        this.normalize = normalize ?? (ignoreCase ? static n => n.ToLowerInvariant() : static n => n);
    }

    /// <summary>Signal prefix and stable identifier ("nuget", "npm", "pypi", "maven", "go", "rubygems"...).</summary>
    public string Key { get; }

    /// <summary>Name shown in evidence ("NuGet package Polly").</summary>
    public string Display { get; }

    public bool IgnoreCase { get; }

    /// <summary>The form names are compared in.</summary>
    public string Normalize(string name) => normalize(name);

    /// <summary>The package manager a signal prefix names, among those the registered ecosystems declare.</summary>
    public static bool TryParse(string key, out PackageEcosystem ecosystem)
    {
        var found = EcosystemRegistry.PackageManager(key.Trim().ToLowerInvariant());
        ecosystem = found!;
        return found is not null;
    }

    public override string ToString() => Key;
}
