using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Compliance;

/// <summary>A license at the root, or declared in the package manifest.</summary>
public sealed class LicenseDetector : IPracticeDetector
{
    private static readonly string[] Names = ["LICENSE", "LICENCE", "COPYING", "UNLICENSE"];

    public string PracticeId => "comp-license";

    public Verdict Detect(PracticeContext context)
    {
        var workspace = context.Workspace;
        var evidence = new List<Evidence>();
        foreach (var file in workspace.Files.Files.Where(f => f.Directory.Length == 0))
        {
            if (Names.Any(n => file.Name.StartsWith(n, StringComparison.OrdinalIgnoreCase)))
            {
                evidence.Add(new Evidence(file.Path, 1, "license file at the root"));
            }
        }

        foreach (var package in workspace.PackageJsons.Where(p => p.Directory.Length == 0 && !string.IsNullOrWhiteSpace(p.License)))
        {
            evidence.Add(new Evidence(package.Path, workspace.Text(package.Path)?.FindLine("\"license\"") ?? 1, $"license field: {package.License}"));
        }

        foreach (var project in workspace.DotnetProjects)
        {
            if (project.Properties.TryGetValue("PackageLicenseExpression", out var license))
            {
                evidence.Add(new Evidence(project.Path, license.Line, $"PackageLicenseExpression {license.Value}"));
                break;
            }
        }

        foreach (var name in new[] { "Directory.Build.props", "pyproject.toml", "Cargo.toml", "pom.xml" })
        {
            if (workspace.Text(name) is { } text && (text.FindLine("PackageLicenseExpression") ?? text.FindLine("license =") ?? text.FindLine("<licenses>")) is { } line)
            {
                evidence.Add(new Evidence(name, line, "license declared in the build manifest"));
            }
        }

        if (evidence.Count > 0)
        {
            return context.Present(evidence, "License: " + PracticeContext.Describe(evidence) + ".");
        }

        var nested = context.PresentMatches.Select(m => m.Evidence).ToList();
        if (nested.Count > 0)
        {
            return context.Partial(nested, "License files exist only below the root; the repository as a whole has no license.");
        }

        return context.Missing("No LICENSE file at the root and no license field in the package manifests: others cannot know what use is allowed.",
            ["LICENSE / LICENCE / COPYING at the root", "license field in package.json, pyproject.toml, Cargo.toml, pom.xml", "PackageLicenseExpression in .NET projects"]);
    }
}
