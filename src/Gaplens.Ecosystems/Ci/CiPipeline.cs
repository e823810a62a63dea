namespace Gaplens.Ecosystems.Ci;

/// <summary>A CI system's configuration reduced to what readiness checks ask: triggers, jobs, steps.</summary>
public sealed record CiPipeline(
    string System,
    string Path,
    IReadOnlyList<string> Triggers,
    bool? PullRequests,
    int PullRequestLine,
    IReadOnlyList<CiJob> Jobs)
{
    public IEnumerable<CiStep> Steps => Jobs.SelectMany(j => j.Steps);
}

/// <summary>A job: <see cref="Environment"/> is the deployment environment it targets, if any.</summary>
public sealed record CiJob(
    string Name,
    int Line,
    IReadOnlyList<CiStep> Steps,
    string? Environment = null,
    int EnvironmentLine = 0,
    bool Manual = false,
    string? Condition = null);

/// <summary>A step: a shell command (<see cref="Run"/>) or a reusable action/task/orb (<see cref="Uses"/>) with its inputs.</summary>
public sealed record CiStep(string? Name, string? Run, string? Uses, int Line, IReadOnlyDictionary<string, string> Inputs, string? WorkingDirectory = null)
{
    public static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    /// <summary>Everything a step says, for text checks: command, action name and inputs.</summary>
    public string AllText => string.Join('\n', new[] { Run, Uses }.Where(s => s is not null).Concat(Inputs.Select(kv => $"{kv.Key}: {kv.Value}")));
}
