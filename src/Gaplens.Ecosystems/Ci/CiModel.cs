using Gaplens.Core.Model;
using Gaplens.Ecosystems.Build;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// What the repository's CI executes: its pipelines linked (composite actions, reusable workflows, includes and
/// templates joined; their parts removed) and, for every step, the commands it runs followed through scripts and
/// build files. Built once per scan (<see cref="Workspace.Ci"/>) and shared by every CI detector.
/// </summary>
public sealed class CiModel
{
    private readonly Lazy<IReadOnlyList<CiTestRun>> tests;
    private readonly Lazy<IReadOnlyList<CiDeployStep>> deploys;
    private readonly Lazy<IReadOnlyList<CiCoverageRun>> coverage;

    private CiModel(IReadOnlyList<CiPipeline> pipelines, IReadOnlyList<CiStepRun> runs, IReadOnlyList<ScanWarning> warnings)
    {
        Pipelines = pipelines;
        Runs = runs;
        Warnings = warnings;
        tests = new Lazy<IReadOnlyList<CiTestRun>>(() => CiActivities.FindTests(Runs));
        deploys = new Lazy<IReadOnlyList<CiDeployStep>>(() => CiActivities.FindDeploys(Runs, Tests));
        coverage = new Lazy<IReadOnlyList<CiCoverageRun>>(() => CiActivities.FindCoverage(Runs));
    }

    /// <summary>Pipelines as they run: each with the parts it pulls in, without files that are only parts of another.</summary>
    public IReadOnlyList<CiPipeline> Pipelines { get; }

    /// <summary>Every step of every pipeline with the commands it executes.</summary>
    public IReadOnlyList<CiStepRun> Runs { get; }

    /// <summary>Steps that run a test suite, first found per ecosystem and step.</summary>
    public IReadOnlyList<CiTestRun> Tests => tests.Value;

    /// <summary>Steps that deploy, push an image, publish a package or deploy into a throwaway cluster.</summary>
    public IReadOnlyList<CiDeployStep> Deploys => deploys.Value;

    /// <summary>Parts of pipelines or steps that could not be followed (the step still counts with its own commands).</summary>
    public IReadOnlyList<ScanWarning> Warnings { get; }

    /// <summary>Steps that collect test coverage or report it to a coverage service.</summary>
    public IReadOnlyList<CiCoverageRun> Coverage => coverage.Value;

    internal static CiModel Build(Workspace workspace)
    {
        var warnings = new List<ScanWarning>();
        var pipelines = new CiLinker(workspace, warnings).Link();
        var follower = new CommandFollower(workspace);
        var runs = new List<CiStepRun>();
        foreach (var pipeline in pipelines)
        {
            // Systems that run a job's command list in one shell keep the directory a "cd" moved to.
            var sharedShell = pipeline.System is "gitlab-ci" or "woodpecker" or "drone" or "bitbucket-pipelines" or "travis-ci" or "appveyor" or "buildkite";
            foreach (var job in pipeline.Jobs)
            {
                string? directory = null;
                foreach (var step in job.Steps)
                {
                    var current = sharedShell && directory is not null && step.WorkingDirectory is null ? step with { WorkingDirectory = directory } : step;
                    IReadOnlyList<CiCommand> commands;
                    string? final;
                    try
                    {
                        commands = Commands(current, pipeline, follower, out final);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // A build file that defeats the follower must not stop the scan: the step keeps its own text.
                        warnings.Add(new ScanWarning(step.Path ?? pipeline.Path, $"CI step at line {step.Line} could not be followed into what it runs: {ex.GetType().Name}"));
                        commands = [new CiCommand(step.AllText, step.Path ?? pipeline.Path, step.Line, 0, null)];
                        final = null;
                    }

                    runs.Add(new CiStepRun(pipeline, job, step, commands));
                    directory = sharedShell ? final : null;
                }
            }
        }

        return new CiModel(pipelines, runs, warnings.Distinct().ToList());
    }

    private static IReadOnlyList<CiCommand> Commands(CiStep step, CiPipeline pipeline, CommandFollower follower, out string? finalDirectory)
    {
        finalDirectory = step.WorkingDirectory;
        var path = step.Path ?? pipeline.Path;
        var result = new List<CiCommand>();
        if (step.Uses is not null)
        {
            // The action, task or plugin with its inputs, for checks that read what a step is configured with.
            result.Add(new CiCommand(step.AllText, path, step.Line, 0, null));
            if (step.Uses.StartsWith("docker/build-push-action", StringComparison.Ordinal))
            {
                var context = step.Inputs.GetValueOrDefault("context") is { } c && !c.Contains("${{", StringComparison.Ordinal) && !c.Contains("://", StringComparison.Ordinal) ? RelativePaths.Combine(string.Empty, c) : string.Empty;
                var file = step.Inputs.GetValueOrDefault("file") is { } f && !f.Contains("${{", StringComparison.Ordinal) ? RelativePaths.Combine(string.Empty, f) : RelativePaths.Combine(context, "Dockerfile");
                result.AddRange(follower.FollowImageBuild(file, step.Inputs.GetValueOrDefault("target")));
            }
        }

        if (step.Run is not null)
        {
            result.AddRange(follower.Follow(step.Run, path, step.Line, RelativePaths.Combine(string.Empty, step.WorkingDirectory ?? string.Empty), out var final));
            finalDirectory = final.Length == 0 && step.WorkingDirectory is null ? null : final;
        }

        return result;
    }
}
