using Gaplens.Core.Model;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis.Configuration;

/// <summary>A repository's .gaplens.yml: how it wants to be judged.</summary>
public sealed record GaplensConfig
{
    public static readonly GaplensConfig Empty = new();

    /// <summary>File the configuration came from, for messages.</summary>
    public string? Source { get; init; }

    public Profile? Profile { get; init; }

    public int? TeamSize { get; init; }

    public Severity? FailOn { get; init; }

    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    /// <summary>Practices switched off: reported as not applicable, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Disabled { get; init; } = new Dictionary<string, string>();

    /// <summary>Owner per domain id, practice id or path glob.</summary>
    public IReadOnlyDictionary<string, string> Owners { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, EffortRange> Effort { get; init; } = new Dictionary<string, EffortRange>();

    /// <summary>New practices and extra signals for existing ones.</summary>
    public IReadOnlyList<PracticeDefinition> Rules { get; init; } = [];
}
