using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Devex;

/// <summary>A root README that says what the project is and how to build or run it; a stub is partial.</summary>
public sealed class ReadmeDetector : IPracticeDetector
{
    private static readonly string[] HowToWords = ["install", "build", "run", "usage", "getting started", "quick start", "quickstart", "setup", "set up", "develop", "docker", "deploy", "npm ", "dotnet ", "pip ", "go run", "mvn", "gradle"];

    public string PracticeId => "dx-readme";

    public Verdict Detect(PracticeContext context)
    {
        var readme = context.Workspace.Files.Files
            .Where(f => f.Directory.Length == 0 && f.Name.StartsWith("README", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Name.Length)
            .FirstOrDefault()
            ?? context.Workspace.Files.Files.FirstOrDefault(f => (f.Directory is ".github" or "docs") && f.Name.StartsWith("README", StringComparison.OrdinalIgnoreCase));
        if (readme is null)
        {
            return context.Missing("No README at the root: nothing tells a newcomer what this is or how to run it.", ["README.md / README.rst / README.txt at the root"]);
        }

        var text = context.Workspace.Text(readme)?.Text ?? string.Empty;
        var lines = text.Split('\n').Count(l => l.Trim().Length > 0);
        var lower = text.ToLowerInvariant();
        var howTo = HowToWords.Where(w => lower.Contains(w, StringComparison.Ordinal)).ToList();
        var evidence = new Evidence(readme.Path, 1, $"README ({lines} non-empty lines)");
        if (lines >= 8 && howTo.Count >= 2)
        {
            return context.Present([evidence], $"{readme.Path} describes the project and how to work with it ({lines} lines; mentions {string.Join(", ", howTo.Take(4).Select(w => w.Trim()))}).");
        }

        return context.Partial([evidence], $"{readme.Path} is a stub ({lines} non-empty lines) that does not explain how to build, run or use the project.");
    }
}
