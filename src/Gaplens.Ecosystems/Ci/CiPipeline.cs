namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// A CI system's configuration reduced to what readiness checks ask: triggers, jobs, steps. <see cref="Triggers"/> uses
/// the names of <see cref="CiTriggers"/>; a job may narrow them (a step that runs only on tags).
/// </summary>
public sealed record CiPipeline(
    string System,
    string Path,
    IReadOnlyList<string> Triggers,
    bool? PullRequests,
    int PullRequestLine,
    IReadOnlyList<CiJob> Jobs)
{
    public IEnumerable<CiStep> Steps => Jobs.SelectMany(j => j.Steps);

    /// <summary>Files that are part of this pipeline (GitLab includes, templates, reusable workflows, composite actions).</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];
}

/// <summary>
/// A job: <see cref="Environment"/> is the deployment environment it targets, if any. <see cref="Triggers"/>, when set,
/// are the events this job runs on (a Woodpecker step with its own <c>when: event</c>); null means the pipeline's.
/// </summary>
public sealed record CiJob(
    string Name,
    int Line,
    IReadOnlyList<CiStep> Steps,
    string? Environment = null,
    int EnvironmentLine = 0,
    bool Manual = false,
    string? Condition = null,
    IReadOnlyList<string>? Triggers = null);

/// <summary>
/// A step: a shell command (<see cref="Run"/>) or a reusable action/task/orb/plugin (<see cref="Uses"/>) with its inputs.
/// <see cref="Image"/> is the container image the step runs in; <see cref="Path"/> is the file that defines the step when
/// it is not the pipeline's own file (a composite action, an included file, a template).
/// </summary>
public sealed record CiStep(
    string? Name,
    string? Run,
    string? Uses,
    int Line,
    IReadOnlyDictionary<string, string> Inputs,
    string? WorkingDirectory = null,
    string? Image = null,
    string? Path = null)
{
    public static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    /// <summary>Everything a step says, for text checks: command, action name and inputs.</summary>
    public string AllText => string.Join('\n', new[] { Run, Uses }.Where(s => s is not null).Concat(Inputs.Select(kv => $"{kv.Key}: {kv.Value}")));
}

/// <summary>Trigger names shared by every CI system, so that detectors ask one vocabulary.</summary>
public static class CiTriggers
{
    public const string Push = "push";
    public const string PushTags = "push-tags";
    public const string PullRequest = "pull_request";
    public const string Schedule = "schedule";
    public const string Manual = "manual";
    public const string Deployment = "deployment";

    /// <summary>Triggers that start a run only by a deliberate act of a person (a dispatch, a release, a tag, a promotion).</summary>
    public static readonly IReadOnlySet<string> Deliberate = new HashSet<string>(StringComparer.Ordinal)
    {
        "workflow_dispatch", "release", "repository_dispatch", PushTags, Manual, Deployment, "promote", "custom", "web",
    };

    /// <summary>What a CI system that filters nothing runs on.</summary>
    public static readonly IReadOnlyList<string> AllEvents = [Push, PullRequest, PushTags, Manual];
}
