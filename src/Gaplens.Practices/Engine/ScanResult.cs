using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Practices.Engine;

/// <summary>Everything one scan produced: facts, one verdict per practice, warnings. Writers and the analysis read this.</summary>
public sealed record ScanResult(
    string Root,
    string? Commit,
    DateTimeOffset? CommitDate,
    int FilesScanned,
    int FilesRead,
    Profile Profile,
    RepositoryFacts Facts,
    IReadOnlyList<Verdict> Verdicts,
    IReadOnlyList<ScanWarning> Warnings,
    PracticeCatalog Catalog,
    TimeSpan Duration,
    string? ReadmePath = null);
