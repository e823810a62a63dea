using Gaplens.Core.Files;

namespace Gaplens.Core.Search;

/// <summary>
/// A literal looked for in every file of the given classes during the single content pass.
/// Literals are cheap to find all at once; anything finer (a regex, a scope) is applied to the hits afterwards.
/// </summary>
public sealed record Term(string Literal, FileClass Classes, bool IgnoreCase = false)
{
    public override string ToString() => $"{Literal} [{Classes}{(IgnoreCase ? ", ignore case" : string.Empty)}]";
}

/// <summary>One place where a term occurs.</summary>
public sealed record TermHit(RepoFile File, int Line, string LineText);
