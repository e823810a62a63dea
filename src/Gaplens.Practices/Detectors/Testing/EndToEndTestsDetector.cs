using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Testing;

/// <summary>
/// End-to-end tests are tests, not a harness: a Playwright configuration, package and script with no spec that uses
/// Playwright is set up but tests nothing yet (partial). Otherwise the declared signals decide.
/// </summary>
public sealed class EndToEndTestsDetector : IPracticeDetector
{
    /// <summary>Signals that show only the Playwright Test harness (package, configuration, the command that runs it).</summary>
    private static readonly string[] PlaywrightHarness = ["Playwright Test suite", "Playwright configuration", "Playwright suite run"];

    private static readonly Term PlaywrightImport = new("@playwright/test", FileClass.JavaScript);

    public string PracticeId => "test-e2e";

    public IEnumerable<Term> Terms => [PlaywrightImport];

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        var present = context.PresentMatches.ToList();
        if (verdict.Status != PracticeStatus.Present || present.Count == 0 || !present.All(m => PlaywrightHarness.Contains(m.Signal.Detail, StringComparer.Ordinal)))
        {
            return verdict;
        }

        var specs = context.Workspace.Content.Hits(PlaywrightImport)
            .Where(h => !h.IsCommentedOut && !h.File.Name.StartsWith("playwright.config", StringComparison.OrdinalIgnoreCase) && context.Workspace.IsTestPath(h.File.Path))
            .ToList();
        if (specs.Count > 0)
        {
            return verdict;
        }

        return context.Partial(
            PracticeContext.EvidenceOf(present),
            "Playwright is set up (" + PracticeContext.Describe(PracticeContext.EvidenceOf(present)) + ") but no test in the repository uses it: the harness runs no end-to-end test yet.");
    }
}
