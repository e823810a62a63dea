namespace Gaplens.Ecosystems.Packages;

public enum PackageEcosystem
{
    NuGet,
    Npm,
    PyPI,
    Maven,
    Go,
    Cargo,
    RubyGems,
    Composer,
}

public static class PackageEcosystemNames
{
    public static bool TryParse(string text, out PackageEcosystem ecosystem)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "nuget": ecosystem = PackageEcosystem.NuGet; return true;
            case "npm": ecosystem = PackageEcosystem.Npm; return true;
            case "pypi": ecosystem = PackageEcosystem.PyPI; return true;
            case "maven": ecosystem = PackageEcosystem.Maven; return true;
            case "go": ecosystem = PackageEcosystem.Go; return true;
            case "cargo": ecosystem = PackageEcosystem.Cargo; return true;
            case "rubygems": ecosystem = PackageEcosystem.RubyGems; return true;
            case "composer": ecosystem = PackageEcosystem.Composer; return true;
            default: ecosystem = default; return false;
        }
    }

    public static string Display(this PackageEcosystem ecosystem) => ecosystem switch
    {
        PackageEcosystem.NuGet => "NuGet",
        PackageEcosystem.Npm => "npm",
        PackageEcosystem.PyPI => "PyPI",
        PackageEcosystem.Maven => "Maven",
        PackageEcosystem.Go => "Go",
        PackageEcosystem.Cargo => "Cargo",
        PackageEcosystem.RubyGems => "RubyGems",
        PackageEcosystem.Composer => "Composer",
        _ => ecosystem.ToString(),
    };
}
