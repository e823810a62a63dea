using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Devex;

/// <summary>
/// Code style is enforced when a linter or formatter is configured or run. A JavaScript linter that is only listed in
/// package.json — no configuration file, no configuration key in package.json, no script and no CI step that runs it —
/// checks nothing: partial. Otherwise the declared signals decide.
/// </summary>
public sealed class CodeStyleDetector : IPracticeDetector
{
    /// <summary>npm package signal details, with the package.json keys that configure each tool and the command words that run it.</summary>
    private static readonly (string Detail, string[] Keys, string[] Commands)[] NpmTools =
    [
        ("ESLint", ["eslintConfig"], ["eslint"]),
        ("Prettier", ["prettier"], ["prettier"]),
        ("Biome", [], ["biome"]),
        ("JavaScript Standard Style", ["standard"], ["standard"]),
        ("XO", ["xo"], ["xo"]),
    ];

    public string PracticeId => "dx-code-style";

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        var present = context.PresentMatches.ToList();
        if (verdict.Status != PracticeStatus.Present || present.Count == 0 || !present.All(m => m.Signal.Package is not null && NpmTools.Any(t => t.Detail == m.Signal.Detail)))
        {
            return verdict;
        }

        if (present.Any(m => IsConfiguredOrRun(context, NpmTools.First(t => t.Detail == m.Signal.Detail))))
        {
            return verdict;
        }

        var evidence = PracticeContext.EvidenceOf(present).Concat(PracticeContext.EvidenceOf(context.PartialMatches));
        return context.Partial(
            evidence,
            "A linter or formatter is listed in package.json (" + PracticeContext.Describe(PracticeContext.EvidenceOf(present)) +
            ") but nothing configures or runs it: no configuration file or key, no script and no CI step, so the style is not enforced.");
    }

    private static bool IsConfiguredOrRun(PracticeContext context, (string Detail, string[] Keys, string[] Commands) tool)
    {
        foreach (var package in context.Workspace.PackageJsons)
        {
            if (tool.Keys.Any(package.TopLevelKeys.Contains) || package.Scripts.Values.Any(s => Runs(s.Command, tool.Commands)))
            {
                return true;
            }
        }

        return context.Workspace.Pipelines.SelectMany(p => p.Steps).Any(s => Runs(s.AllText, tool.Commands));
    }

    /// <summary>True when a command line names the tool as a word ("eslint .", "npx prettier --check", "biome ci").</summary>
    private static bool Runs(string command, string[] words) =>
        command.Split([' ', '\t', '\n', '&', '|', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Any(token => words.Any(w => token.Equals(w, StringComparison.Ordinal) || token.EndsWith("/" + w, StringComparison.Ordinal) || token.StartsWith(w + "@", StringComparison.Ordinal)));
}
