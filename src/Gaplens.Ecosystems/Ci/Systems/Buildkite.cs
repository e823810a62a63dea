using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// Buildkite: command steps (in groups too), the docker and docker-compose plugins (a <c>run:</c> service runs the
/// command, <c>push:</c> pushes images), and <c>block</c>/<c>input</c> steps, which hold every later step until a
/// person unblocks the build. Which events build is set in Buildkite, not in the file, unless a step's <c>if</c> says so.
/// </summary>
public static partial class CiReader
{
    private static CiPipeline ReadBuildkite(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var blocked = false;
        var pr = false;
        var prLine = 0;
        var index = 0;

        void ReadSteps(YamlNode? steps)
        {
            foreach (var step in steps.Items())
            {
                index++;
                if (step is YamlScalarNode)
                {
                    continue;
                }

                if (step.Get("block") is not null || step.Get("input") is not null)
                {
                    blocked = true;
                    jobs.Add(new CiJob(step.ScalarOf("block") ?? step.ScalarOf("input") ?? "block", step.Line(), [], null, 0, true));
                    continue;
                }

                if (step.Get("group") is not null && step.Get("steps") is { } nested)
                {
                    ReadSteps(nested);
                    continue;
                }

                var label = step.ScalarOf("label") ?? step.ScalarOf("name") ?? step.ScalarOf("key") ?? $"step {index}";
                var condition = step.ScalarOf("if");
                if (condition is not null && condition.Contains("pull_request", StringComparison.Ordinal) && !condition.Contains("pull_request.id == null", StringComparison.Ordinal))
                {
                    pr = true;
                    prLine = prLine == 0 ? step.Get("if")!.Line() : prLine;
                }

                var ciSteps = new List<CiStep>();
                var commands = step.Get("command") ?? step.Get("commands");
                string? image = null;
                string? composeRun = null;
                string? composeConfig = null;
                foreach (var plugin in step.Get("plugins").Items().SelectMany(p => p is YamlMappingNode ? p.Entries() : []).Concat(step.Get("plugins").Entries()))
                {
                    var (name, settings, line) = plugin;
                    var bare = name.Split('#')[0];
                    if (bare.EndsWith("docker-compose", StringComparison.Ordinal))
                    {
                        composeRun = settings.ScalarOf("run");
                        composeConfig = settings.Get("config").Strings().FirstOrDefault();
                        if (settings.Get("push") is not null)
                        {
                            ciSteps.Add(new CiStep(label, null, "buildkite-plugin:docker-compose#push", line, Inputs(settings)));
                        }
                    }
                    else if (bare.EndsWith("/docker", StringComparison.Ordinal) || bare == "docker")
                    {
                        image = settings.ScalarOf("image");
                    }
                    else
                    {
                        ciSteps.Add(new CiStep(label, null, "buildkite-plugin:" + bare, line, Inputs(settings)));
                    }
                }

                foreach (var (command, line) in commands.AllScalars())
                {
                    ciSteps.Add(new CiStep(label, command, null, line, CiStep.NoInputs, null, image));
                }

                if (commands is null && composeRun is not null)
                {
                    var file = composeConfig is null ? string.Empty : $"-f {composeConfig} ";
                    ciSteps.Add(new CiStep(label, $"docker compose {file}run {composeRun}", null, step.Line(), CiStep.NoInputs));
                }

                if (step.ScalarOf("trigger") is { } trigger)
                {
                    ciSteps.Add(new CiStep(label, null, "buildkite-trigger:" + trigger, step.Line(), CiStep.NoInputs));
                }

                jobs.Add(new CiJob(label, step.Line(), ciSteps, null, 0, blocked, condition));
            }
        }

        ReadSteps(root.Get("steps") ?? (root is YamlSequenceNode ? root : null));
        return new CiPipeline("buildkite", path, pr ? [CiTriggers.Push, CiTriggers.PullRequest] : [CiTriggers.Push], pr ? true : null, prLine, jobs);
    }
}
