using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A CI configuration exists: any file a CI system reads, even one that did not parse (that is a warning), and the
/// pipelines recognised by content (Tekton, Concourse). Files that are only parts of another pipeline (includes,
/// templates, reusable workflows) are named with it.
/// </summary>
public sealed class CiPipelineDetector : IPracticeDetector
{
    public string PracticeId => "ci-pipeline";

    public Verdict Detect(PracticeContext context)
    {
        var pipelines = context.Workspace.Ci.Pipelines;
        var usedBy = pipelines.SelectMany(p => p.Parts.Where(part => !part.StartsWith('\u0001')).Select(part => (Part: part, Pipeline: p.Path)))
            .GroupBy(x => x.Part, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.Pipeline).First(), StringComparer.Ordinal);
        var files = context.Workspace.Files.Files.Select(f => f.Path).Where(p => CiReader.SystemOf(p) is not null)
            .Concat(pipelines.Select(p => p.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return context.Missing("No CI configuration in the repository.",
                ["GitHub Actions workflows (.github/workflows)", ".gitlab-ci.yml", "azure-pipelines.yml", "Jenkinsfile", ".circleci/config.yml",
                 "bitbucket-pipelines.yml", ".travis.yml", ".woodpecker.yml / .woodpecker/", ".drone.yml", ".buildkite/pipeline.yml", "cloudbuild.yaml",
                 "appveyor.yml", "Tekton and Concourse pipelines"]);
        }

        var evidence = files.Select(f =>
        {
            var pipeline = pipelines.FirstOrDefault(p => p.Path == f);
            var detail = pipeline is null && usedBy.TryGetValue(f, out var caller)
                ? $"{CiReader.SystemOf(f)} configuration run as part of {caller}"
                : pipeline is null
                ? $"{CiReader.SystemOf(f)} configuration (could not be parsed)"
                : $"{pipeline.System} pipeline with {pipeline.Jobs.Count} job(s)" + (pipeline.Parts.Count > 0 ? $", using {string.Join(", ", pipeline.Parts.Where(p => !p.StartsWith('\u0001')).Take(4))}" : string.Empty);
            return new Evidence(f, 1, detail);
        }).ToList();
        var systems = files.Select(f => pipelines.FirstOrDefault(p => p.Path == f)?.System ?? CiReader.SystemOf(f)!).Distinct().Order(StringComparer.Ordinal);
        return context.Present(evidence, $"{files.Count} CI configuration file(s): {string.Join(", ", systems)}.");
    }
}
