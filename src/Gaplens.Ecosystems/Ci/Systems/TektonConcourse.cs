using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// Tekton: Task steps (<c>script</c>, or <c>command</c> and <c>args</c>) and Pipeline tasks (inline <c>taskSpec</c>, or a
/// <c>taskRef</c> the linker resolves to a Task of the repository); Pipelines-as-Code annotations and EventListener
/// interceptors say which events run it. Concourse: jobs whose plans <c>get</c> resources (a <c>trigger: true</c> get
/// starts the job; without one a person starts it), run <c>task</c>s (inline config, or a task file the linker reads)
/// and <c>put</c> resources (an image registry push, a Cloud Foundry or Kubernetes deployment).
/// </summary>
public static partial class CiReader
{
    /// <summary>Prefix of a step that stands for a Tekton Task of the repository, resolved by name.</summary>
    public const string TektonTaskReference = "tekton-task:";

    /// <summary>Prefix of a step that stands for a Concourse task file, resolved by path.</summary>
    public const string ConcourseTaskFile = "concourse-task-file:";

    private static CiPipeline? ReadTekton(string path, IReadOnlyList<YamlNode> documents)
    {
        var jobs = new List<CiJob>();
        var triggers = new List<string>();
        var pipelineLike = false;
        var prLine = 0;
        foreach (var document in documents)
        {
            var apiVersion = document.ScalarOf("apiVersion") ?? string.Empty;
            if (!apiVersion.StartsWith("tekton.dev/", StringComparison.Ordinal) && !apiVersion.StartsWith("triggers.tekton.dev/", StringComparison.Ordinal))
            {
                continue;
            }

            var kind = document.ScalarOf("kind");
            var name = document.Path("metadata", "name").Scalar() ?? kind ?? "tekton";
            var spec = document.Get("spec");
            switch (kind)
            {
                case "Task" or "ClusterTask":
                    jobs.Add(new CiJob(name, document.Line(), TektonSteps(spec)));
                    break;
                case "TaskRun":
                    pipelineLike = true;
                    jobs.Add(new CiJob(name, document.Line(), spec.Get("taskSpec") is { } inline ? TektonSteps(inline) : TektonReference(spec.Get("taskRef"), document.Line())));
                    break;
                case "Pipeline":
                    pipelineLike = true;
                    jobs.AddRange(TektonTasks(spec));
                    break;
                case "PipelineRun":
                {
                    pipelineLike = true;
                    var annotations = document.Path("metadata", "annotations");
                    foreach (var (key, value, line) in annotations.Entries())
                    {
                        if (key.EndsWith("/on-event", StringComparison.Ordinal) || key.EndsWith("/on-cel-expression", StringComparison.Ordinal))
                        {
                            var text = value.Scalar() ?? string.Empty;
                            if (text.Contains("pull_request", StringComparison.Ordinal))
                            {
                                triggers.Add(CiTriggers.PullRequest);
                                prLine = prLine == 0 ? line : prLine;
                            }

                            if (text.Contains("push", StringComparison.Ordinal))
                            {
                                triggers.Add(CiTriggers.Push);
                            }
                        }
                    }

                    if (spec.Get("pipelineSpec") is { } inlinePipeline)
                    {
                        jobs.AddRange(TektonTasks(inlinePipeline));
                    }
                    else if (spec.Path("pipelineRef", "name").Scalar() is { } reference)
                    {
                        jobs.Add(new CiJob(name, document.Line(), [new CiStep(name, null, "tekton-pipeline:" + reference, document.Line(), CiStep.NoInputs)]));
                    }

                    break;
                }

                case "EventListener" or "Trigger":
                    pipelineLike = true;
                    foreach (var (value, line) in spec.AllScalars())
                    {
                        if (value.Contains("pull_request", StringComparison.Ordinal))
                        {
                            triggers.Add(CiTriggers.PullRequest);
                            prLine = prLine == 0 ? line : prLine;
                        }
                        else if (value == "push")
                        {
                            triggers.Add(CiTriggers.Push);
                        }
                    }

                    break;
            }
        }

        if (jobs.Count == 0 && !pipelineLike)
        {
            return null;
        }

        var distinct = triggers.Distinct(StringComparer.Ordinal).ToList();
        var pipeline = new CiPipeline("tekton", path, distinct, distinct.Contains(CiTriggers.PullRequest) ? true : null, prLine, jobs);
        return pipelineLike ? pipeline : pipeline with { Parts = [TektonTaskOnly] };
    }

    /// <summary>Marks a file that only defines Tasks: a part other pipelines use, not a pipeline by itself.</summary>
    internal const string TektonTaskOnly = "\u0001tekton-task-only";

    private static IEnumerable<CiJob> TektonTasks(YamlNode? pipelineSpec)
    {
        foreach (var task in (pipelineSpec.Get("tasks").Items()).Concat(pipelineSpec.Get("finally").Items()))
        {
            var name = task.ScalarOf("name") ?? "task";
            var steps = task.Get("taskSpec") is { } inline ? TektonSteps(inline) : TektonReference(task.Get("taskRef"), task.Line());
            yield return new CiJob(name, task.Line(), steps);
        }
    }

    private static List<CiStep> TektonReference(YamlNode? taskRef, int line) =>
        taskRef.ScalarOf("name") is { } reference ? [new CiStep(reference, null, TektonTaskReference + reference, line, CiStep.NoInputs)] : [];

    private static List<CiStep> TektonSteps(YamlNode? taskSpec)
    {
        var result = new List<CiStep>();
        foreach (var step in taskSpec.Get("steps").Items())
        {
            var name = step.ScalarOf("name");
            var image = step.ScalarOf("image");
            var script = step.ScalarOf("script");
            var command = script ?? string.Join(' ', step.Get("command").Strings().Concat(step.Get("args").Strings()));
            if (command.Length > 0)
            {
                result.Add(new CiStep(name, command, null, (step.Get("script") ?? step.Get("command") ?? step).Line(), CiStep.NoInputs, step.ScalarOf("workingDir"), image));
            }
        }

        return result;
    }

    private static CiPipeline? ReadConcourse(string path, YamlNode root)
    {
        if (root.Get("jobs") is not YamlSequenceNode jobList || !jobList.Children.Any(j => j.Get("plan") is not null))
        {
            return null;
        }

        var resourceTypes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in root.Get("resource_types").Items())
        {
            if (type.ScalarOf("name") is { } typeName)
            {
                resourceTypes[typeName] = type.Path("source", "repository").Scalar() ?? typeName;
            }
        }

        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in root.Get("resources").Items())
        {
            if (resource.ScalarOf("name") is { } resourceName)
            {
                var type = resource.ScalarOf("type") ?? string.Empty;
                resources[resourceName] = resourceTypes.GetValueOrDefault(type, type);
            }
        }

        var jobs = new List<CiJob>();
        var all = new HashSet<string>(StringComparer.Ordinal);
        var prLine = 0;
        foreach (var job in jobList.Children)
        {
            var name = job.ScalarOf("name") ?? "job";
            var steps = new List<CiStep>();
            var events = new List<string>();
            foreach (var step in ConcourseSteps(job.Get("plan")))
            {
                if (step.ScalarOf("get") is { } get)
                {
                    var resource = step.ScalarOf("resource") ?? get;
                    if (step.ScalarOf("trigger") == "true")
                    {
                        var type = resources.GetValueOrDefault(resource, string.Empty);
                        var e = type.Contains("pull-request", StringComparison.Ordinal) || type.Contains("pr-resource", StringComparison.Ordinal) || type.EndsWith("/pr", StringComparison.Ordinal) || type == "pr"
                            ? CiTriggers.PullRequest
                            : type == "time" ? CiTriggers.Schedule
                            : type is "git" or "github-release" or "" || type.Contains("git", StringComparison.Ordinal) ? CiTriggers.Push
                            : CiTriggers.Push;
                        events.Add(e);
                        if (e == CiTriggers.PullRequest && prLine == 0)
                        {
                            prLine = step.Line();
                        }
                    }
                }
                else if (step.ScalarOf("put") is { } put)
                {
                    var resource = step.ScalarOf("resource") ?? put;
                    var type = resources.GetValueOrDefault(resource, string.Empty);
                    steps.Add(new CiStep("put " + put, null, "concourse-put:" + type, step.Line(), Inputs(step.Get("params"))));
                }
                else if (step.ScalarOf("task") is { } task)
                {
                    if (step.Get("config") is { } config)
                    {
                        steps.AddRange(ConcourseTaskSteps(task, config, null));
                    }
                    else if (step.ScalarOf("file") is { } file)
                    {
                        steps.Add(new CiStep(task, null, ConcourseTaskFile + file, step.Line(), CiStep.NoInputs));
                    }
                }
            }

            var distinct = events.Distinct(StringComparer.Ordinal).ToList();
            var manual = distinct.Count == 0;
            foreach (var e in manual ? [CiTriggers.Manual] : distinct)
            {
                all.Add(e);
            }

            jobs.Add(new CiJob(name, job.Line(), steps, null, 0, manual, null, manual ? [CiTriggers.Manual] : distinct));
        }

        var triggers = all.OrderBy(t => t, StringComparer.Ordinal).ToList();
        return new CiPipeline("concourse", path, triggers, triggers.Contains(CiTriggers.PullRequest), prLine, jobs);
    }

    private static IEnumerable<YamlNode> ConcourseSteps(YamlNode? plan)
    {
        foreach (var step in plan.Items())
        {
            yield return step;
            foreach (var key in new[] { "in_parallel", "aggregate", "do" })
            {
                var nested = step.Get(key);
                foreach (var inner in ConcourseSteps(nested is YamlMappingNode ? nested.Get("steps") : nested))
                {
                    yield return inner;
                }
            }

            foreach (var key in new[] { "try", "on_success", "on_failure", "ensure", "on_abort", "on_error" })
            {
                if (step.Get(key) is YamlMappingNode single)
                {
                    foreach (var inner in ConcourseSteps(new YamlSequenceNode(single)))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    /// <summary>The command of a Concourse task config: <c>run: {path, args, dir}</c>, with <c>sh -c "script"</c> unwrapped.</summary>
    internal static IEnumerable<CiStep> ConcourseTaskSteps(string task, YamlNode config, string? file)
    {
        var run = config.Get("run");
        var program = run.ScalarOf("path");
        if (program is null)
        {
            yield break;
        }

        // Task paths start with the name of the input the repository is mounted as (repo/ci/test.sh).
        program = program.Contains('/', StringComparison.Ordinal) ? WithoutInput(program) : program;
        var args = run.Get("args").Strings().ToList();
        var command = program is "sh" or "bash" or "/bin/sh" or "/bin/bash" && args.Count >= 2 && args[0].StartsWith('-') && args[0].Contains('c', StringComparison.Ordinal)
            ? args[1]
            : string.Join(' ', new[] { program }.Concat(args));
        var image = config.Path("image_resource", "source", "repository").Scalar();
        var dir = run.ScalarOf("dir") is { } d ? WithoutInput(d) : null;
        yield return new CiStep(task, command, null, run!.Line(), CiStep.NoInputs, dir, image, file);
    }

    /// <summary>A Concourse path without the input it starts with: repo/ci/test.sh is ci/test.sh of the repository.</summary>
    internal static string WithoutInput(string path)
    {
        if (path.StartsWith('/') || path.StartsWith("./", StringComparison.Ordinal))
        {
            return path;
        }

        var slash = path.IndexOf('/');
        return slash < 0 ? "." : path[(slash + 1)..];
    }
}
