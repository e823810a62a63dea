using System.Diagnostics;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Engine;

/// <summary>
/// The scan: one walk of the tree, one content pass, the readers, the facts, then every practice in catalog order
/// (so that a practice can depend on an earlier verdict). It knows no practice by name.
/// </summary>
public sealed class ReadinessScanner
{
    private readonly PracticeCatalog catalog;
    private readonly IReadOnlyDictionary<string, IPracticeDetector> detectors;

    public ReadinessScanner(PracticeCatalog? catalog = null, IEnumerable<IPracticeDetector>? detectors = null)
    {
        this.catalog = catalog ?? PracticeCatalog.Default;
        this.detectors = (detectors ?? DiscoverDetectors()).ToDictionary(d => d.PracticeId, StringComparer.Ordinal);
    }

    public PracticeCatalog Catalog => catalog;

    public IReadOnlyCollection<IPracticeDetector> Detectors => detectors.Values.ToList();

    /// <summary>Detectors compiled into this assembly.</summary>
    public static IReadOnlyList<IPracticeDetector> DiscoverDetectors() =>
        typeof(ReadinessScanner).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IPracticeDetector).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IPracticeDetector)Activator.CreateInstance(t)!)
            .OrderBy(d => d.PracticeId, StringComparer.Ordinal)
            .ToList();

    public ScanResult Scan(string root, ScanOptions? options = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ScanOptions();
        var clock = Stopwatch.StartNew();
        progress?.Report("Walking the tree");
        var walked = new RepositoryWalker(new WalkOptions { MaxFileSize = options.MaxFileSize, ExcludedPaths = options.ExcludedPaths }).Walk(root);

        progress?.Report($"Reading {walked.Files.Count:N0} files");
        var terms = catalog.Terms
            .Concat(FactsBuilder.Terms)
            .Concat(Applicability.Terms)
            .Concat(detectors.Values.SelectMany(d => d.Terms));
        var content = new ContentScanner(terms, WorkspaceReader.NeedsText, options.MaxFileSize)
            .Scan(walked, new Progress<int>(n => progress?.Report($"Read {n:N0} of {walked.Files.Count:N0} files")), cancellationToken);

        // Reports of earlier runs, found by the content pass, are left out of the index: never evidence, never counted.
        var files = content.Files;

        progress?.Report("Parsing manifests, pipelines and deployment files");
        var workspace = WorkspaceReader.Read(files, content);
        var facts = FactsBuilder.Build(workspace);

        progress?.Report("Judging practices");
        var evaluator = new SignalEvaluator(workspace, facts);
        var verdicts = Judge(workspace, facts, options, evaluator, content.FilesRead);
        var extra = evaluator.Warnings.Concat(workspace.Ci.Warnings).ToList();
        var warnings = extra.Count == 0 ? workspace.Warnings : Sorted(workspace.Warnings.Concat(extra));
        verdicts = ConfidenceRules.Apply(verdicts, catalog, workspace, facts, warnings);
        var (commit, commitDate) = GitHead.Read(files.Root);
        var readme = files.Files.FirstOrDefault(f => f.Directory.Length == 0 && f.Name.StartsWith("README", StringComparison.OrdinalIgnoreCase))?.Path;
        return new ScanResult(root, commit, commitDate, files.Files.Count, content.FilesRead, options.Profile, facts, verdicts, warnings, catalog, clock.Elapsed, readme);
    }

    private static List<ScanWarning> Sorted(IEnumerable<ScanWarning> warnings) =>
        warnings.Distinct().OrderBy(w => w.Path, StringComparer.Ordinal).ThenBy(w => w.Message, StringComparer.Ordinal).ToList();

    private List<Verdict> Judge(Workspace workspace, RepositoryFacts facts, ScanOptions options, SignalEvaluator evaluator, int filesRead)
    {
        var verdicts = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        var result = new List<Verdict>();
        foreach (var practice in catalog.Practices)
        {
            var matches = practice.Signals.SelectMany(evaluator.Evaluate).ToList();
            var context = new PracticeContext(practice, workspace, facts, matches, id => verdicts.GetValueOrDefault(id));
            Verdict verdict;
            try
            {
                var reason = options.Disabled.TryGetValue(practice.Id, out var disabled) ? $"Disabled: {disabled}." : Applicability.NotApplicableReason(practice.Applies, context);
                verdict = reason is not null
                    ? context.NotApplicable(reason)
                    : detectors.TryGetValue(practice.Id, out var detector) ? detector.Detect(context) : DefaultPolicy.Decide(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not InvalidOperationException)
            {
                // A detector defect must not turn into a silent "missing": say what happened.
                verdict = context.Missing($"The check could not run ({ex.GetType().Name}: {ex.Message}); judge this practice by hand.");
            }

            if (filesRead == 0 && verdict.Status == PracticeStatus.Present && verdict.Evidence.All(e => e.Path == "."))
            {
                // "Present" without evidence in a file is a claim that something is absent (no committed secret, no plain-text
                // config). With no text file read (an empty or unreadable tree) the claim is empty, and neither a
                // strength nor a gap: not applicable, so the score neither gains nor loses by it.
                verdict = context.NotApplicable("Nothing to judge: the scan read no text file (the tree is empty or nothing in it could be read).");
            }

            verdicts[practice.Id] = verdict;
            if (options.Practices.Count == 0 || options.Practices.Contains(practice.Id, StringComparer.Ordinal))
            {
                result.Add(verdict);
            }
        }

        return result;
    }
}
