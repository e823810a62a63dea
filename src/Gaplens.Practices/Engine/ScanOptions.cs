using Gaplens.Core.Model;

namespace Gaplens.Practices.Engine;

/// <summary>What to scan and how.</summary>
public sealed record ScanOptions
{
    public Profile Profile { get; init; } = Profile.Production;

    /// <summary>Files larger than this are not read.</summary>
    public long MaxFileSize { get; init; } = 2 * 1024 * 1024;

    /// <summary>Restrict the verdict to these practice ids (all when empty).</summary>
    public IReadOnlyList<string> Practices { get; init; } = [];

    /// <summary>Files never read as evidence, by full path: the configuration file in use.</summary>
    public IReadOnlyCollection<string> ExcludedPaths { get; init; } = [];

    /// <summary>Practices switched off by the repository's configuration, with the reason shown as not-applicable.</summary>
    public IReadOnlyDictionary<string, string> Disabled { get; init; } = new Dictionary<string, string>();
}
