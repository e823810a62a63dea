namespace Gaplens.Analysis;

/// <summary>Short codes for gap ids (GAP-SEC-05): stable because the catalog order per domain is the contract's.</summary>
public static class DomainCodes
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["cicd"] = "CICD", ["testing"] = "TEST", ["security"] = "SEC", ["secrets"] = "SCRT", ["data"] = "DATA",
        ["observability"] = "OBS", ["resilience"] = "RES", ["scalability"] = "SCALE", ["config"] = "CONF", ["api"] = "API",
        ["operations"] = "OPS", ["compliance"] = "COMP", ["devex"] = "DX",
    };

    public static string For(string domain) => Codes.TryGetValue(domain, out var code) ? code : domain.ToUpperInvariant().Replace('-', '_');
}
