using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Practices.Model;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Engine;

/// <summary>What a detector sees for one practice, and the vocabulary to state its verdict.</summary>
public sealed class PracticeContext
{
    private const int MaxEvidence = 8;
    private readonly Func<string, Verdict?> verdictOf;

    public PracticeContext(PracticeDefinition practice, Workspace workspace, RepositoryFacts facts, IReadOnlyList<SignalMatch> matches, Func<string, Verdict?> verdictOf)
    {
        Practice = practice;
        Workspace = workspace;
        Facts = facts;
        Matches = matches;
        this.verdictOf = verdictOf;
    }

    public PracticeDefinition Practice { get; }

    public Workspace Workspace { get; }

    public RepositoryFacts Facts { get; }

    /// <summary>Matches of the practice's declared signals.</summary>
    public IReadOnlyList<SignalMatch> Matches { get; }

    public IEnumerable<SignalMatch> PresentMatches => Matches.Where(m => m.Signal.Level == SignalLevel.Present);

    public IEnumerable<SignalMatch> PartialMatches => Matches.Where(m => m.Signal.Level == SignalLevel.Partial);

    public IEnumerable<SignalMatch> Named(string name) => Matches.Where(m => m.Signal.Name == name);

    /// <summary>The same practice judged on fewer matches (a detector that set some aside first).</summary>
    public PracticeContext WithMatches(IReadOnlyList<SignalMatch> matches) => new(Practice, Workspace, Facts, matches, verdictOf);

    /// <summary>
    /// JavaScript that runs in the browser: a static front end's code, or script assets of a service written in another
    /// language (a Rails app's app/javascript, a Django app's static files). It says nothing about the server's calls.
    /// </summary>
    public bool IsBrowserCode(string path)
    {
        if (Workspace.Files.Get(path) is not { } file || !file.Is(FileClass.JavaScript))
        {
            return false;
        }

        var owner = Facts.Services.Where(s => s.Owns(path))
            .OrderByDescending(s => s.CodeRoots.Where(r => RelativePaths.IsUnder(path, r)).Select(r => r.Length).DefaultIfEmpty(-1).Max())
            .FirstOrDefault();
        return owner is not null && (owner.IsWebFrontEnd || owner.Ecosystem is { } ecosystem && ecosystem != "node");
    }

    /// <summary>The verdict of a practice judged earlier in catalog order.</summary>
    public Verdict? VerdictOf(string practiceId) => verdictOf(practiceId);

    public bool Has(string practiceId) => VerdictOf(practiceId)?.Status is PracticeStatus.Present or PracticeStatus.Partial;

    /// <summary>
    /// What a missing verdict says was searched for: the signals that could have matched in this tree (a NuGet package
    /// or a C# literal means nothing to a Node repository), or every signal when none could.
    /// </summary>
    public IReadOnlyList<string> SearchedSignals
    {
        get
        {
            var relevant = Practice.Signals.Where(IsRelevant).ToList();
            return (relevant.Count > 0 ? relevant : Practice.Signals).Select(s => s.Detail).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// A package signal fits when its package manager is in use; a code literal when an ecosystem whose code it
    /// searches is present (a service of it, or a manifest declaring its packages) — a stray script does not make
    /// Django advice relevant to a Node repository; other literals when such files exist. A signal an ecosystem folder
    /// declares (a Symfony bundle's configuration key, a Rails initializer) fits only when that ecosystem is present.
    /// </summary>
    private bool IsRelevant(Signal signal)
    {
        if (signal.Stack is { } stack && EcosystemRegistry.Find(stack) is { } owner && !IsPresent(owner))
        {
            return false;
        }

        if (signal.Ecosystem is { } ecosystem)
        {
            return Workspace.Ecosystems.Contains(ecosystem.Key);
        }

        if (signal.Term is not { } term)
        {
            return true;
        }

        if ((term.Classes & ~FileClass.Code) == FileClass.None)
        {
            return PresentCodeClasses() is var present && (term.Classes & present) != FileClass.None;
        }

        return (term.Classes & Workspace.Classes) != FileClass.None;
    }

    private FileClass? presentCodeClasses;

    /// <summary>Code classes of the ecosystems present: those with a service, or whose package managers have declared packages.</summary>
    private FileClass PresentCodeClasses() => presentCodeClasses ??= EcosystemRegistry.All
        .Where(IsPresent)
        .Aggregate(FileClass.None, (all, e) => all | e.Data.CodeClass);

    private bool IsPresent(Ecosystem ecosystem) =>
        Facts.Services.Any(s => s.Ecosystem == ecosystem.Key) || ecosystem.PackageManagers.Any(m => Workspace.Ecosystems.Contains(m.Key));

    public Verdict Present(IEnumerable<Evidence> evidence, string reason) => Make(PracticeStatus.Present, evidence, reason, [], [], []);

    public Verdict Partial(IEnumerable<Evidence> evidence, string reason, IReadOnlyList<string>? servicesWith = null, IReadOnlyList<string>? servicesWithout = null) =>
        Make(PracticeStatus.Partial, evidence, reason, servicesWith ?? [], servicesWithout ?? [], []);

    public Verdict Missing(string reason, IEnumerable<string>? searched = null, IEnumerable<Evidence>? evidence = null) =>
        Make(PracticeStatus.Missing, evidence ?? [], reason, [], [], (searched ?? SearchedSignals).Distinct(StringComparer.Ordinal).ToList());

    public Verdict NotApplicable(string reason) => Make(PracticeStatus.NotApplicable, [], reason, [], [], []);

    /// <summary>Evidence of matches, one line per place, ordered by path and line.</summary>
    public static IEnumerable<Evidence> EvidenceOf(IEnumerable<SignalMatch> matches) => matches.Select(m => m.Evidence);

    /// <summary>
    /// Names grouped by the file that declares them, the file written once: "api, web (docker-compose.yml); worker
    /// (k8s/worker.yaml)", with "and N more" past <paramref name="max"/> names. Empty when there are none.
    /// </summary>
    public static string NamesByFile(IEnumerable<(string Name, string? Path)> items, int max = 8)
    {
        var list = items.Distinct().ToList();
        var shown = list.Take(max).ToList();
        var parts = shown.GroupBy(i => i.Path ?? string.Empty, StringComparer.Ordinal)
            .Select(g => g.Key.Length == 0 ? string.Join(", ", g.Select(i => i.Name)) : $"{string.Join(", ", g.Select(i => i.Name))} ({g.Key})");
        return string.Join("; ", parts) + (list.Count > max ? $"; and {list.Count - max} more" : string.Empty);
    }

    /// <summary>"detail (path:line); other detail (path:line)" for the first distinct details.</summary>
    public static string Describe(IEnumerable<Evidence> evidence, int max = 3)
    {
        var parts = evidence
            .GroupBy(e => e.Detail, StringComparer.Ordinal)
            .Select(g => g.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line ?? 0).First())
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line ?? 0)
            .Take(max)
            .Select(e => $"{e.Detail} ({e})");
        return string.Join("; ", parts);
    }

    private Verdict Make(PracticeStatus status, IEnumerable<Evidence> evidence, string reason, IReadOnlyList<string> with, IReadOnlyList<string> without, IReadOnlyList<string> searched)
    {
        // Evidence in a deployable service's code first: it is what the verdict is about (a CLI that calls /healthz
        // is not a health endpoint), then the rest in path order.
        var list = evidence
            .Distinct()
            .OrderBy(e => Facts.Services.Any(s => s.Owns(e.Path)) ? 0 : 1)
            .ThenBy(e => e.Path, StringComparer.Ordinal)
            .ThenBy(e => e.Line ?? 0)
            .ThenBy(e => e.Detail, StringComparer.Ordinal)
            .ToList();

        // Keep the evidence short but show each kind of signal: first pick one per detail, then fill up.
        var picked = list.GroupBy(e => e.Detail, StringComparer.Ordinal).Select(g => g.First()).Take(MaxEvidence).ToList();
        foreach (var e in list)
        {
            if (picked.Count >= MaxEvidence)
            {
                break;
            }

            if (!picked.Contains(e))
            {
                picked.Add(e);
            }
        }

        picked = picked.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line ?? 0).ThenBy(e => e.Detail, StringComparer.Ordinal).ToList();
        return new Verdict(Practice.Id, Practice.Domain, status, picked, reason, with.Order(StringComparer.Ordinal).ToList(), without.Order(StringComparer.Ordinal).ToList(), searched);
    }
}
