using Gaplens.Core.Model;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Model;

/// <summary>
/// One practice as data (its <c>Catalog/&lt;domain&gt;/&lt;id&gt;.yml</c>): what it is, why it matters, when it applies,
/// how severe its absence is per profile, what fixing it costs and the signals that show it.
/// </summary>
public sealed record PracticeDefinition
{
    public required string Id { get; init; }

    public required string Domain { get; init; }

    public required string Title { get; init; }

    /// <summary>What the practice is, in one or two sentences.</summary>
    public required string Summary { get; init; }

    /// <summary>What goes wrong without it: the impact of the gap.</summary>
    public required string Impact { get; init; }

    /// <summary>Key of the applicability rule (see <see cref="Engine.Applicability"/>).</summary>
    public required string Applies { get; init; }

    public required IReadOnlyDictionary<Profile, Severity> Severity { get; init; }

    /// <summary>Role that usually owns the fix: DevOps, Backend, Frontend, QA, Security, Architect.</summary>
    public required string Owner { get; init; }

    public required Effort Effort { get; init; }

    /// <summary>Judge each deployable service on its own (partial names those that lack it).</summary>
    public bool PerService { get; init; }

    /// <summary>Remediation text per stack: dotnet, node, python, java, go, kubernetes, terraform, default.</summary>
    public required IReadOnlyDictionary<string, string> Remediation { get; init; }

    /// <summary>What a team checks to call the task done.</summary>
    public required string SuccessCriterion { get; init; }

    /// <summary>Profiles that accept the gap by default, with the reason (a pilot can live without chaos tests).</summary>
    public IReadOnlyDictionary<Profile, string> DeferredIn { get; init; } = new Dictionary<Profile, string>();

    /// <summary>Practices whose gaps should be closed first.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    public required IReadOnlyList<Signal> Signals { get; init; }

    /// <summary>Words of the reason when nothing was found, e.g. "no rate limiter".</summary>
    public string? MissingText { get; init; }
}

/// <summary>Effort to close a gap, in hours: a base range plus a range per additional service it touches.</summary>
public sealed record Effort(int BaseLow, int BaseHigh, int PerServiceLow, int PerServiceHigh);
