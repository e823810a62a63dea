using System.Text.RegularExpressions;
using Gaplens.Core.Search;

namespace Gaplens.Core.Secrets;

/// <summary>How a rule recognises a credential.</summary>
public enum SecretKind
{
    /// <summary>A provider's format (a prefix, a length, a keyword next to it): the format is the evidence.</summary>
    Token,

    /// <summary>A pattern whose "secret" group is a value to judge (a password in a connection URL, a literal signing key).</summary>
    Generic,

    /// <summary>"name = value" lines whose name says password, secret, token or key; the value is judged.</summary>
    Assignment,

    /// <summary>The start of private key material; the key counts only when its body follows.</summary>
    PrivateKey,
}

/// <summary>How much a finding of the rule weighs.</summary>
public enum SecretLevel
{
    /// <summary>A credential for a real environment.</summary>
    Secret,

    /// <summary>A test-mode or sandbox credential, or a low-value token: reported, never a launch blocker.</summary>
    Low,
}

/// <summary>A pattern that must also occur within a number of lines of the match (a key secret next to its key ID).</summary>
public sealed record NearContext(Regex Pattern, int Lines);

/// <summary>Where a value of the rule is a public identifier (Firebase client configuration): files by name, or a pattern nearby.</summary>
public sealed record PublicContext(IReadOnlyList<string> Files, Regex? Near, int Lines);

/// <summary>
/// One entry of the secret catalog: a kind of credential, the literals that make a line a candidate, and how to
/// recognise and judge the value on that line. Rules are data (Secrets/Catalog/*.yml), loaded and validated once.
/// </summary>
public sealed record SecretRule
{
    public required string Id { get; init; }

    public required string Provider { get; init; }

    public required string Title { get; init; }

    public required string Category { get; init; }

    public SecretKind Kind { get; init; }

    public SecretLevel Level { get; init; }

    /// <summary>Literals for the content pass; a line is a candidate when it holds one of them.</summary>
    public required IReadOnlyList<Term> Terms { get; init; }

    /// <summary>The regular expression applied to candidate lines (null for assignments).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>For assignments: the setting names that hold this kind of credential.</summary>
    public Regex? Names { get; init; }

    /// <summary>Minimum Shannon entropy (bits per character) of the secret; 0 when not checked.</summary>
    public double MinEntropy { get; init; }

    public NearContext? Near { get; init; }

    public PublicContext? PublicWhen { get; init; }

    public string? Note { get; init; }

    /// <summary>Samples the rule must find (with the splice mark ¦ still in them).</summary>
    public IReadOnlyList<string> MatchSamples { get; init; } = [];

    /// <summary>Samples the rule must not find.</summary>
    public IReadOnlyList<string> NoMatchSamples { get; init; } = [];

    /// <summary>The catalog file that defines the rule.</summary>
    public string Source { get; init; } = string.Empty;

    public override string ToString() => Id;
}
