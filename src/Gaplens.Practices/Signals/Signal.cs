using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Practices.Signals;

/// <summary>Whether a signal shows the whole practice or only part of it.</summary>
public enum SignalLevel
{
    Present,
    Partial,
}

/// <summary>
/// Where a signal may match: production code (the default), tests, anywhere, or the team's own documents (not tests and
/// not the pages of a web site the repository builds, such as a legal or marketing page under a front end's source).
/// </summary>
public enum SignalScope
{
    Production,
    Test,
    Any,
    TeamDocs,
}

/// <summary>
/// A yes/no question about the repository, declared as data: a package is referenced, a literal occurs in some
/// files (optionally refined by a regex on its line), or a file exists. Practices list signals; detectors add logic.
/// </summary>
public sealed record Signal
{
    public required string Detail { get; init; }

    public SignalLevel Level { get; init; } = SignalLevel.Present;

    /// <summary>Package form: ecosystem and name (a trailing '*' is a prefix).</summary>
    public PackageEcosystem? Ecosystem { get; init; }

    public string? Package { get; init; }

    /// <summary>Term form: the literal found by the content pass.</summary>
    public Term? Term { get; init; }

    /// <summary>Optional regex the line of a term hit must match.</summary>
    public Regex? LineMatch { get; init; }

    /// <summary>Optional glob that the path of a hit or file must match.</summary>
    public PathGlob? PathGlob { get; init; }

    /// <summary>File form: a glob of paths that must exist.</summary>
    public PathGlob? File { get; init; }

    public SignalScope Scope { get; init; } = SignalScope.Production;

    /// <summary>Platform form: the repository deploys to one of these platforms (facts), e.g. vercel or netlify.</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>The ecosystem folder that declared the signal (null for the practice's own signals).</summary>
    public string? Stack { get; init; }

    /// <summary>Named signals can be asked for by detectors.</summary>
    public string? Name { get; init; }

    public override string ToString() =>
        Package is not null ? $"{Ecosystem}:{Package}" :
        Term is not null ? $"'{Term.Literal}' in {Term.Classes}" :
        File is not null ? $"file {File}" :
        Platforms is not null ? $"platform {string.Join(", ", Platforms)}" : Detail;
}
