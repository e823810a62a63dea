using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// Woodpecker and Drone: container steps with <c>commands</c> or plugin <c>settings</c>, filtered by
/// <c>when: event</c> (per step, per workflow, or Drone's <c>trigger</c>). Without a filter every event runs the
/// step, pull requests included. A deployment/promotion event with a target is a deployment to that environment.
/// </summary>
public static partial class CiReader
{
    private static CiPipeline ReadWoodpecker(string path, YamlNode root)
    {
        var workflowEvents = Events(root.Get("when"), out var workflowPrLine);
        var stepsNode = root.Get("steps") ?? root.Get("pipeline");
        return ContainerSteps("woodpecker", path, stepsNode, workflowEvents, workflowPrLine, Targets(root.Get("when")));
    }

    private static CiPipeline ReadDrone(string path, IReadOnlyList<YamlNode> documents)
    {
        var pipelines = new List<CiPipeline>();
        foreach (var document in documents)
        {
            var kind = document.ScalarOf("kind");
            if (kind is not null && kind != "pipeline")
            {
                continue;
            }

            var trigger = document.Get("trigger");
            var events = Events(trigger, out var prLine);
            var stepsNode = document.Get("steps") ?? document.Get("pipeline");
            pipelines.Add(ContainerSteps("drone", path, stepsNode, events, prLine, Targets(trigger)));
        }

        if (pipelines.Count == 0)
        {
            return new CiPipeline("drone", path, [], null, 0, []);
        }

        var triggers = pipelines.SelectMany(p => p.Triggers).Distinct(StringComparer.Ordinal).ToList();
        var pr = pipelines.Any(p => p.PullRequests == true);
        return new CiPipeline("drone", path, triggers, pr, pipelines.Select(p => p.PullRequestLine).FirstOrDefault(l => l > 0), pipelines.SelectMany(p => p.Jobs).ToList());
    }

    /// <summary>Steps of a container-step pipeline (Woodpecker, Drone): each step is a job with its own events.</summary>
    private static CiPipeline ContainerSteps(string system, string path, YamlNode? stepsNode, IReadOnlyList<string>? workflowEvents, int workflowPrLine, IReadOnlyList<string> workflowTargets)
    {
        IEnumerable<(string Name, YamlNode Node, int Line)> steps = stepsNode is YamlMappingNode
            ? stepsNode.Entries()
            : stepsNode.Items().Select((n, i) => (n.ScalarOf("name") ?? $"step {i + 1}", n, n.Line()));
        var jobs = new List<CiJob>();
        var prLine = workflowEvents is null || workflowEvents.Contains(CiTriggers.PullRequest) ? workflowPrLine : 0;
        var any = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, step, line) in steps)
        {
            if (step is not YamlMappingNode)
            {
                continue;
            }

            var when = step.Get("when");
            var stepEvents = Events(when, out var stepPrLine);
            var events = Intersect(workflowEvents, stepEvents);
            var image = step.ScalarOf("image");
            var commands = step.Get("commands") ?? step.Get("command") ?? step.Get("entrypoint");
            var ciSteps = new List<CiStep>();
            foreach (var (command, commandLine) in commands.AllScalars())
            {
                ciSteps.Add(new CiStep(name, command, null, commandLine, CiStep.NoInputs, null, image));
            }

            if (step.Get("settings") is { } settings || commands is null && image is not null)
            {
                ciSteps.Add(new CiStep(name, null, image, line, Inputs(step.Get("settings")), null, image));
            }

            var targets = Targets(when);
            var environment = targets.FirstOrDefault() ?? (events is not null && events.All(e => e is CiTriggers.Deployment or "promote") ? workflowTargets.FirstOrDefault() : null);
            foreach (var e in events ?? CiTriggers.AllEvents)
            {
                any.Add(e);
            }

            if (prLine == 0 && (events is null || events.Contains(CiTriggers.PullRequest)))
            {
                prLine = stepPrLine;
            }

            jobs.Add(new CiJob(name, line, ciSteps, environment, environment is null ? 0 : when?.Line() ?? line, false, step.ScalarOf("evaluate"), events));
        }

        var triggers = any.Count > 0 ? any.OrderBy(t => t, StringComparer.Ordinal).ToList() : (workflowEvents ?? CiTriggers.AllEvents).ToList();
        var pr = triggers.Contains(CiTriggers.PullRequest);
        return new CiPipeline(system, path, triggers, pr, pr ? prLine : 0, jobs);
    }

    /// <summary>The events of a <c>when</c>/<c>trigger</c> filter (a map, or a list of maps any of which may match); null when it does not filter events.</summary>
    private static IReadOnlyList<string>? Events(YamlNode? filter, out int prLine)
    {
        prLine = 0;
        if (filter is null)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var item in filter is YamlSequenceNode ? filter.Items() : [filter])
        {
            var node = item.Get("event");
            if (node is null)
            {
                return null;
            }

            IEnumerable<string> names;
            if (node is YamlMappingNode)
            {
                var include = node.Get("include").Strings().ToList();
                var exclude = node.Get("exclude").Strings().Select(EventName).ToHashSet(StringComparer.Ordinal);
                names = include.Count > 0 ? include : CiTriggers.AllEvents.Where(e => !exclude.Contains(e));
            }
            else
            {
                names = node.Strings();
            }

            foreach (var name in names.Select(EventName))
            {
                if (name == CiTriggers.PullRequest && prLine == 0)
                {
                    prLine = node.Line();
                }

                if (!result.Contains(name))
                {
                    result.Add(name);
                }
            }
        }

        return result;
    }

    private static string EventName(string name) => name switch
    {
        "tag" => CiTriggers.PushTags,
        "cron" => CiTriggers.Schedule,
        "pull_request" => CiTriggers.PullRequest,
        _ => name,
    };

    private static IReadOnlyList<string>? Intersect(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null ? b : b is null ? a : a.Where(b.Contains).ToList();

    /// <summary>Deployment targets named by a filter: Woodpecker's <c>environment</c>, Drone's <c>target</c>.</summary>
    private static IReadOnlyList<string> Targets(YamlNode? filter)
    {
        var result = new List<string>();
        foreach (var item in filter is YamlSequenceNode ? filter.Items() : filter is null ? [] : [filter])
        {
            foreach (var key in new[] { "environment", "target" })
            {
                var node = item.Get(key);
                result.AddRange(node is YamlMappingNode ? node.Get("include").Strings() : node.Strings());
            }
        }

        return result;
    }
}
