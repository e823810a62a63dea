using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Testing;

/// <summary>
/// Coverage is measured where it counts: in CI. Present when a CI step (followed through its scripts and build
/// targets) collects or reports coverage, or when CI runs a test runner whose own configuration collects it on every
/// run (pytest addopts with --cov, Jest collectCoverage, JaCoCo or Kover in the build, coverlet CollectCoverage,
/// an unconditional SimpleCov). Coverage tooling that only runs locally or is configured but never collected is partial.
/// </summary>
public sealed class TestCoverageDetector : IPracticeDetector
{
    public string PracticeId => "test-coverage";

    public Verdict Detect(PracticeContext context)
    {
        var ci = context.Workspace.Ci;
        var collected = ci.Coverage.Select(c => new Evidence(c.Run.Path, c.Run.Step.Line, $"runs `{Shorten(c.Shown)}`{c.Command.ViaText}")).Distinct().ToList();
        if (collected.Count > 0)
        {
            return context.Present(collected, "CI collects or reports coverage: " + PracticeContext.Describe(collected) + ".");
        }

        var configured = ConfiguredForRunner(context, ci).ToList();
        if (configured.Count > 0)
        {
            return context.Present(configured, "CI runs tests whose configuration collects coverage on every run: " + PracticeContext.Describe(configured) + ".");
        }

        var matches = context.Matches.Select(m => m.Evidence).Distinct().ToList();
        if (matches.Count > 0)
        {
            return context.Partial(matches, "Coverage tooling is configured (" + PracticeContext.Describe(matches) + ") but no CI step collects or reports coverage, so nobody sees it change.");
        }

        return context.Missing(DefaultPolicy.MissingReason(context));
    }

    /// <summary>Runner configuration that turns coverage on, for the ecosystems whose tests CI runs.</summary>
    private static IEnumerable<Evidence> ConfiguredForRunner(PracticeContext context, CiModel ci)
    {
        var tests = ci.Tests;
        foreach (var match in context.Matches.Where(m => m.Signal.Name is not null))
        {
            var runs = match.Signal.Name switch
            {
                "pythonConfig" when Addopts(context, match) => tests.Where(t => t.Ecosystem == "python" && !t.Command.Text.Contains("--no-cov", StringComparison.Ordinal) && !t.Command.Text.Contains("no:cov", StringComparison.Ordinal)),
                "nodeConfig" => tests.Where(t => t.Ecosystem == "node"),
                "javaBuild" => tests.Where(t => t.Ecosystem == "java" && (match.Evidence.Path.EndsWith("pom.xml", StringComparison.Ordinal) ? t.Shown.Contains("mvn", StringComparison.Ordinal) : t.Shown.Contains("gradle", StringComparison.Ordinal))),
                "dotnetConfig" => tests.Where(t => t.Ecosystem == "dotnet"),
                "rubyConfig" when Unconditional(context, match) => tests.Where(t => t.Ecosystem == "ruby"),
                _ => [],
            };
            if (runs.FirstOrDefault() is { } run)
            {
                yield return match.Evidence;
                yield return new Evidence(run.Run.Path, run.Run.Step.Line, $"runs `{Shorten(run.Shown)}`{run.Command.ViaText}");
            }
        }
    }

    /// <summary>A pytest-cov option in pytest's addopts applies to every pytest run.</summary>
    private static bool Addopts(PracticeContext context, SignalMatch match) =>
        context.Workspace.Text(match.Evidence.Path)?.Line(match.Evidence.Line ?? 1).Contains("addopts", StringComparison.Ordinal) == true;

    /// <summary>SimpleCov started at the top of the test helper, not inside a condition.</summary>
    private static bool Unconditional(PracticeContext context, SignalMatch match) =>
        context.Workspace.Text(match.Evidence.Path)?.Line(match.Evidence.Line ?? 1) is { Length: > 0 } line && !char.IsWhiteSpace(line[0]) && !line.Contains(" if ", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
