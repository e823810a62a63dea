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
public sealed record TermHit(RepoFile File, int Line, string LineText)
{
    /// <summary>True when the hit sits on a commented-out line of code or configuration (documentation is never a comment).</summary>
    public bool IsCommentedOut
    {
        get
        {
            var line = LineText;
            if (File.Is(FileClass.Docs))
            {
                return false;
            }

            if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("/*", StringComparison.Ordinal) ||
                line.StartsWith("<!--", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal) && File.Is(FileClass.Code))
            {
                return true;
            }

            if (line.StartsWith('#') && File.Is(FileClass.Python | FileClass.Yaml | FileClass.Shell | FileClass.Properties | FileClass.Terraform | FileClass.Dockerfile | FileClass.Toml | FileClass.Ruby | FileClass.Elixir))
            {
                return true;
            }

            return line.StartsWith("--", StringComparison.Ordinal) && File.Is(FileClass.Sql);
        }
    }
}
