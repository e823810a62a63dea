namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// A command a CI step executes: a line of the step itself (<see cref="Depth"/> 0) or of a script, make target, just
/// recipe, task, package script or build target it calls, with the file and line where it is written and the chain
/// of calls that led there (<see cref="Via"/>, null for the step's own lines).
/// </summary>
public sealed record CiCommand(string Text, string Path, int Line, int Depth, string? Via)
{
    /// <summary>"via make test → scripts/test.sh:8" for evidence; empty for the step's own commands.</summary>
    public string ViaText => Via is null ? string.Empty : $" via {Via} ({Path}:{Line})";
}

/// <summary>A step of a pipeline with everything it executes, followed through the build.</summary>
public sealed record CiStepRun(CiPipeline Pipeline, CiJob Job, CiStep Step, IReadOnlyList<CiCommand> Commands)
{
    /// <summary>The events the step runs on: the job's own, else the pipeline's.</summary>
    public IReadOnlyList<string> Triggers => Job.Triggers ?? Pipeline.Triggers;

    /// <summary>Where the step is written: the pipeline file, or the composite action/template that defines it.</summary>
    public string Path => Step.Path ?? Pipeline.Path;
}
