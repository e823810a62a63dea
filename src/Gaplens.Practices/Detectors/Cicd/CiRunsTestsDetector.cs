using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A CI step runs the test suite, directly or through what it calls (a make target, a script, a package script, a
/// composite action, a reusable workflow). Each ecosystem that has tests should have its tests run: a pipeline that
/// runs the JavaScript tests but never the Go tests is partial.
/// </summary>
public sealed class CiRunsTestsDetector : IPracticeDetector
{
    public string PracticeId => "ci-runs-tests";

    public Verdict Detect(PracticeContext context)
    {
        var workspace = context.Workspace;
        var ci = workspace.Ci;
        if (ci.Pipelines.Count == 0)
        {
            return context.Missing("There is no CI pipeline, so nothing runs the tests automatically.", ["a CI pipeline (see ci-pipeline)"]);
        }

        var found = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        foreach (var test in ci.Tests)
        {
            if (!found.ContainsKey(test.Ecosystem))
            {
                found[test.Ecosystem] = new Evidence(test.Run.Path, test.Run.Step.Line, $"runs `{Shorten(test.Shown)}`{test.Command.ViaText}");
            }
        }

        if (found.Count == 0)
        {
            var steps = ci.Runs.Count;
            return context.Missing($"The CI pipelines ({steps} steps) build or lint but no step runs a test command, directly or through the scripts and build targets it calls.",
                ["dotnet test", "npm/yarn/pnpm test, jest, vitest, playwright test", "pytest, tox/nox sessions", "go test", "mvn test/verify, gradle test/check/build", "rails test, rspec, cargo test, mix test, phpunit",
                 "make/just/task targets, package scripts and scripts called by CI steps", "composite actions and reusable workflows"],
                ci.Pipelines.Select(p => new Evidence(p.Path, 1, $"{p.System} pipeline without a test step")));
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
        "ruby" => "Ruby",
        "rust" => "Rust",
        "php" => "PHP",
        "elixir" => "Elixir",
        _ => ecosystem,
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..79] + "…";
}
