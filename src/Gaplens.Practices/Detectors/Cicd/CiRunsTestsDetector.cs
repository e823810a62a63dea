using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A CI step runs the test suite. Each ecosystem that has tests should have its tests run: a pipeline that runs
/// the JavaScript tests but never the Go tests is partial.
/// </summary>
public sealed partial class CiRunsTestsDetector : IPracticeDetector
{
    private static readonly (string Ecosystem, Regex Command)[] Runners =
    [
        ("dotnet", DotnetTest()),
        ("node", NodeTest()),
        ("python", PythonTest()),
        ("go", GoTest()),
        ("java", JavaTest()),
        ("other", OtherTest()),
    ];

    public string PracticeId => "ci-runs-tests";

    public Verdict Detect(PracticeContext context)
    {
        var workspace = context.Workspace;
        if (workspace.Pipelines.Count == 0)
        {
            return context.Missing("There is no CI pipeline, so nothing runs the tests automatically.", ["a CI pipeline (see ci-pipeline)"]);
        }

        var found = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        foreach (var pipeline in workspace.Pipelines)
        {
            foreach (var step in pipeline.Steps)
            {
                foreach (var (text, source) in CiCommands.Expand(step, workspace))
                {
                    foreach (var (ecosystem, command) in Runners)
                    {
                        if (found.ContainsKey(ecosystem))
                        {
                            continue;
                        }

                        var match = command.Match(text);
                        if (match.Success || ecosystem == "dotnet" && step.Uses?.StartsWith("DotNetCoreCLI", StringComparison.Ordinal) == true && step.Inputs.TryGetValue("command", out var c) && c == "test")
                        {
                            var shown = match.Success ? match.Value.Trim() : "DotNetCoreCLI test";
                            var via = source == "step" ? string.Empty : $" via {source}";
                            found[ecosystem] = new Evidence(pipeline.Path, step.Line, $"runs `{Shorten(shown)}`{via}");
                        }
                    }
                }
            }
        }

        if (found.Count == 0)
        {
            var steps = workspace.Pipelines.Sum(p => p.Steps.Count());
            return context.Missing($"The CI pipelines ({steps} steps) build or lint but no step runs a test command.",
                ["dotnet test", "npm/yarn/pnpm test, jest, vitest, playwright test", "pytest, tox", "go test", "mvn test/verify, gradle test/check/build", "make test", "scripts called by CI steps"],
                workspace.Pipelines.Select(p => new Evidence(p.Path, 1, $"{p.System} pipeline without a test step")));
        }

        var tested = TestedEcosystems(context);
        var untested = tested.Where(e => !found.ContainsKey(e) && !(found.ContainsKey("other") && e != "dotnet")).ToList();
        if (untested.Count > 0 && found.Keys.Any(k => tested.Contains(k)))
        {
            return context.Partial(found.Values, $"CI runs the {string.Join(", ", found.Keys.Where(k => k != "other").Select(Label))} tests but not the {string.Join(", ", untested.Select(Label))} tests. {PracticeContext.Describe(found.Values)}.");
        }

        return context.Present(found.Values, "CI " + PracticeContext.Describe(found.Values) + ".");
    }

    /// <summary>Ecosystems with test files of their own.</summary>
    private static List<string> TestedEcosystems(PracticeContext context)
    {
        var workspace = context.Workspace;
        var result = new List<string>();
        if (workspace.DotnetProjects.Any(p => p.IsTestProject))
        {
            result.Add("dotnet");
        }

        foreach (var file in workspace.Files.Files)
        {
            if (!TestPaths.IsTestFileName(file.Name))
            {
                continue;
            }

            var ecosystem = file.Class switch
            {
                FileClass.JavaScript => "node",
                FileClass.Python => "python",
                FileClass.Go => "go",
                FileClass.Java => "java",
                _ => null,
            };
            if (ecosystem is not null && !result.Contains(ecosystem) && !Ecosystems.Facts.FactsBuilder.IsExcluded(file.Path))
            {
                result.Add(ecosystem);
            }
        }

        return result;
    }

    private static string Label(string ecosystem) => ecosystem switch
    {
        "dotnet" => ".NET",
        "node" => "JavaScript/TypeScript",
        "python" => "Python",
        "go" => "Go",
        "java" => "Java/Kotlin",
        _ => ecosystem,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";

    [GeneratedRegex(@"\bdotnet\s+(test|coverage\s+collect)\b|\bdotnet-coverage\b|\bInvoke-Build\b.*\btest|\bdotnet\s+run\b.*--project\s+\S*[Tt]ests?\b")]
    private static partial Regex DotnetTest();

    [GeneratedRegex(@"\b(npm|pnpm|yarn|bun)\s+(run\s+)?(test|e2e|test:[\w:-]+)\b|\bnpm\s+t\b|\bnpm\s+run\s+\w*test|\b(npx|pnpm exec|yarn)\s+(jest|vitest|mocha|playwright\s+test|cypress\s+run|ava|karma|nx\s+(run-many\s+.*)?test)\b|\b(jest|vitest\s+run|mocha|playwright\s+test|cypress\s+run|karma\s+start|ng\s+test)\b|\bturbo\s+(run\s+)?test\b|\bnx\s+(affected|run-many).*\btest\b")]
    private static partial Regex NodeTest();

    [GeneratedRegex(@"\bpytest\b|\bpython\d?(\.\d+)?\s+-m\s+(pytest|unittest)\b|\btox\b|\bnox\b|\bmanage\.py\s+test\b|\bcoverage\s+run\b|\b(uv|poetry|hatch|pdm)\s+run\s+(pytest|test)\b")]
    private static partial Regex PythonTest();

    [GeneratedRegex(@"\bgo\s+test\b|\bgotestsum\b|\bginkgo\b")]
    private static partial Regex GoTest();

    [GeneratedRegex(@"\b(mvnw?|\./mvnw|mvn\.cmd)\b[^\n]*\b(test|verify|install|package)\b|\b(gradlew?|\./gradlew)\b[^\n]*\b(test|check|build|integrationTest)\b|\bsbt\b[^\n]*\btest\b")]
    private static partial Regex JavaTest();

    [GeneratedRegex(@"\bmake\s+(test|tests|check|unit-test|test-\w+)\b|\bcargo\s+(test|nextest)\b|\b(bundle\s+exec\s+)?(rspec|rake\s+test)\b|\bphpunit\b|\bctest\b|\bmix\s+test\b|\bswift\s+test\b|\btask\s+test\b|\bjust\s+test\b")]
    private static partial Regex OtherTest();
}
