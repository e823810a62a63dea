using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>A CI configuration exists: any file a CI system reads, even one that did not parse (that is a warning).</summary>
public sealed class CiPipelineDetector : IPracticeDetector
{
    public string PracticeId => "ci-pipeline";

    public Verdict Detect(PracticeContext context)
    {
        var files = context.Workspace.Files.Files.Where(f => CiReader.SystemOf(f.Path) is not null).ToList();
        if (files.Count == 0)
        {
            return context.Missing("No CI configuration in the repository.",
                ["GitHub Actions workflows (.github/workflows)", ".gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile", ".circleci/config.yml",
                 "bitbucket-pipelines.yml", ".travis.yml", "other CI configuration files"]);
        }

        var evidence = files.Select(f =>
        {
            var pipeline = context.Workspace.Pipelines.FirstOrDefault(p => p.Path == f.Path);
            var detail = pipeline is null ? $"{CiReader.SystemOf(f.Path)} configuration (could not be parsed)" : $"{pipeline.System} pipeline with {pipeline.Jobs.Count} job(s)";
            return new Evidence(f.Path, 1, detail);
        }).ToList();
        var systems = files.Select(f => CiReader.SystemOf(f.Path)!).Distinct().Order(StringComparer.Ordinal);
        return context.Present(evidence, $"{files.Count} CI configuration file(s): {string.Join(", ", systems)}.");
    }
}
