using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Tests;

/// <summary>Runs the real scanner over a tree on disk.</summary>
internal static class Scan
{
    private static readonly ReadinessScanner Scanner = new();

    public static ScanResult Run(string root, string? profile = null)
    {
        ProfileNames.TryParse(profile, out var parsed);
        return Scanner.Scan(root, new ScanOptions { Profile = profile is null ? Profile.Production : parsed });
    }

    public static Verdict Verdict(string root, string practice, string? profile = null) =>
        Run(root, profile).Verdicts.Single(v => v.PracticeId == practice);
}
