using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Testing;

/// <summary>
/// End-to-end tests are tests, not a harness: a Playwright configuration, package and script with no spec that uses
/// Playwright is set up but tests nothing yet (partial). Otherwise the declared signals decide. A suite in its own
/// API/e2e test folder, or beside a test file whose name says it is end-to-end (e2e_test.go, orders.e2e.ts), whose
/// tests reach the service at a network address (http://127.0.0.1:8541, or an address read from the environment and
/// formatted into a URL) drives a running server over HTTP: a live-API end-to-end suite, unlike in-process tests.
/// </summary>
public sealed partial class EndToEndTestsDetector : IPracticeDetector
{
    private static readonly Term[] LiveAddresses =
    [
        new("http://127.0.0.1:", FileClass.JavaScript | FileClass.Python | FileClass.Go),
        new("http://localhost:", FileClass.JavaScript | FileClass.Python | FileClass.Go),
        new("\"http://%", FileClass.Go),
    ];

    /// <summary>Signals that show only the Playwright Test harness (package, configuration, the command that runs it).</summary>
    private static readonly string[] PlaywrightHarness = ["Playwright Test suite", "Playwright configuration", "Playwright suite run"];

    private static readonly Term PlaywrightImport = new("@playwright/test", FileClass.JavaScript);

    public string PracticeId => "test-e2e";

    public IEnumerable<Term> Terms => LiveAddresses.Append(PlaywrightImport);

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        if (verdict.Status != PracticeStatus.Present && LiveApiSuite(context) is { } live)
        {
            return context.Present([live], $"A live-API test suite drives the running service over HTTP ({live.Detail}, {live}).");
        }

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

    /// <summary>The first test in an API/e2e test folder that calls the service at a network address, if any.</summary>
    private static Evidence? LiveApiSuite(PracticeContext context)
    {
        var workspace = context.Workspace;
        return LiveAddresses.SelectMany(workspace.Content.Hits)
            .Where(h => !h.IsCommentedOut && !Ecosystems.Facts.FactsBuilder.IsExcluded(h.File.Path) && InSuite(workspace, h.File.Path))
            .OrderBy(h => h.File.Path, StringComparer.Ordinal).ThenBy(h => h.Line)
            .Select(h => new Evidence(h.File.Path, h.Line, "API tests call the running service at a network address"))
            .FirstOrDefault();
    }

    /// <summary>A file in an API/e2e test folder, or in the folder of a test file named end-to-end.</summary>
    private static bool InSuite(Workspace workspace, string path)
    {
        if (path.Split('/')[..^1].Any(LiveSuiteFolder().IsMatch))
        {
            return true;
        }

        var folder = path.LastIndexOf('/') is var slash and >= 0 ? path[..(slash + 1)] : "";
        return workspace.Files.Files.Any(f => f.Path.Length > folder.Length && f.Path.StartsWith(folder, StringComparison.Ordinal) && f.Path.IndexOf('/', folder.Length) < 0 && EndToEndTestFile().IsMatch(f.Name) && workspace.IsTestPath(f.Path));
    }

    [GeneratedRegex(@"^(?i:(.*[-_.])?e2e([-_.].*)?(_test\.go|\.(spec|test)\.[cm]?[jt]sx?|-spec\.[jt]s|\.py)|test_e2e.*\.py|.*E2E(Tests?|Spec)\.(cs|java|kt))$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EndToEndTestFile();

    [GeneratedRegex(@"^(?i:api[-_]?tests?|e2e([-_]tests?)?|end[-_]to[-_]end([-_]tests?)?|acceptance([-_]tests?)?|system[-_]tests?|smoke[-_]tests?)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex LiveSuiteFolder();
}
