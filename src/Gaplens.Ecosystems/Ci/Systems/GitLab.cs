using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// GitLab CI: jobs with their scripts, <c>extends</c> and <c>!reference</c> resolved against hidden templates,
/// <c>default:</c> scripts inherited, local <c>include:</c> files and child pipelines merged (the main file wins), and
/// the events a job runs on from <c>only</c>/<c>rules</c>.
/// </summary>
public static partial class CiReader
{
    private static readonly HashSet<string> GitLabReserved = new(StringComparer.Ordinal)
    {
        "stages", "variables", "image", "services", "before_script", "after_script", "cache", "include", "default", "workflow", "types", "spec",
    };

    /// <summary>The local files a GitLab configuration includes (and child pipelines it triggers), as root-relative paths or globs.</summary>
    public static IEnumerable<string> GitLabLocalIncludes(YamlNode root)
    {
        var includes = root.Get("include");
        foreach (var item in includes is YamlSequenceNode ? includes.Items() : includes is null ? [] : [includes])
        {
            if (LocalInclude(item) is { } local)
            {
                yield return local;
            }
        }

        foreach (var (_, job, _) in root.Entries())
        {
            var trigger = job.Get("trigger").Get("include");
            foreach (var item in trigger is YamlSequenceNode ? trigger.Items() : trigger is null ? [] : [trigger])
            {
                if (LocalInclude(item) is { } local)
                {
                    yield return local;
                }
            }
        }
    }

    private static string? LocalInclude(YamlNode item)
    {
        var value = item.Scalar() ?? item.ScalarOf("local");
        if (value is null || item is YamlMappingNode && item.Get("local") is null || value.Contains("://", StringComparison.Ordinal) || value.Contains("$", StringComparison.Ordinal))
        {
            return null;
        }

        return value.TrimStart('/');
    }

    /// <summary>Reads a GitLab configuration from its documents: the main file first, then the files it includes.</summary>
    internal static CiPipeline ReadGitLab(string path, IReadOnlyList<(string Path, YamlNode Root)> documents)
    {
        var root = documents[0].Root;
        var definitions = new Dictionary<string, List<(string Path, YamlNode Node, int Line)>>(StringComparer.Ordinal);
        foreach (var (file, document) in documents)
        {
            foreach (var (name, node, line) in document.Entries())
            {
                if (!definitions.TryGetValue(name, out var list))
                {
                    list = [];
                    definitions[name] = list;
                }

                list.Add((file, node, line));
            }
        }

        YamlNode? Lookup(string job, string key, int depth = 0)
        {
            if (depth > 11 || !definitions.TryGetValue(job, out var nodes))
            {
                return null;
            }

            foreach (var (_, node, _) in nodes)
            {
                if (node.Get(key) is { } value)
                {
                    return value;
                }
            }

            foreach (var (_, node, _) in nodes)
            {
                var extends = node.Get("extends");
                foreach (var parent in extends.Strings().Reverse())
                {
                    if (Lookup(parent, key, depth + 1) is { } inherited)
                    {
                        return inherited;
                    }
                }
            }

            return null;
        }

        IEnumerable<(string Value, int Line)> Commands(YamlNode? node)
        {
            foreach (var item in node is YamlSequenceNode ? node.Items() : node is null ? [] : [node])
            {
                if (item is YamlSequenceNode reference && !reference.Tag.IsEmpty && reference.Tag.Value == "!reference" && reference.Children.Count >= 2 &&
                    reference.Children[0].Scalar() is { } job && reference.Children[1].Scalar() is { } key)
                {
                    foreach (var command in Commands(Lookup(job, key)))
                    {
                        yield return command;
                    }
                }
                else
                {
                    foreach (var scalar in item.AllScalars())
                    {
                        yield return scalar;
                    }
                }
            }
        }

        var jobs = new List<CiJob>();
        var includes = new List<CiStep>();
        foreach (var (value, line) in root.Get("include").AllScalars())
        {
            includes.Add(new CiStep("include", null, value, line, CiStep.NoInputs));
        }

        if (includes.Count > 0)
        {
            jobs.Add(new CiJob("include", 1, includes));
        }

        var mergeRequests = false;
        var prLine = 0;
        if (root.Get("workflow").AllScalars().FirstOrDefault(s => s.Value.Contains("merge_request", StringComparison.Ordinal)) is { Value: not null } w)
        {
            mergeRequests = true;
            prLine = w.Line;
        }

        var defaults = root.Get("default");
        foreach (var (name, nodes) in definitions)
        {
            if (GitLabReserved.Contains(name) || name.StartsWith('.'))
            {
                continue;
            }

            var (file, job, line) = nodes[0];
            if (job is not YamlMappingNode)
            {
                continue;
            }

            var stepPath = file == path ? null : file;
            var steps = new List<CiStep>();
            var image = Lookup(name, "image").Scalar() ?? Lookup(name, "image").ScalarOf("name") ?? defaults.Get("image").Scalar() ?? root.Get("image").Scalar();
            foreach (var key in new[] { "before_script", "script", "after_script" })
            {
                var node = Lookup(name, key) ?? (key == "script" ? null : defaults.Get(key) ?? root.Get(key));
                foreach (var (command, commandLine) in Commands(node))
                {
                    steps.Add(new CiStep(name, command, null, commandLine, CiStep.NoInputs, null, image, StepPath(node, documents, path)));
                }
            }

            if (job.Get("trigger") is { } trigger)
            {
                steps.Add(new CiStep(name, null, "trigger:" + string.Join(' ', trigger.AllScalars().Select(s => s.Value)), trigger.Line(), CiStep.NoInputs, null, null, stepPath));
            }

            var environmentNode = Lookup(name, "environment");
            var environment = environmentNode.Scalar() ?? environmentNode.ScalarOf("name");
            var rules = Lookup(name, "rules");
            var when = Lookup(name, "when").Scalar();
            var manual = when == "manual" || rules.AllScalars().Any(s => s.Value == "manual");
            foreach (var (value, valueLine) in rules.AllScalars().Concat(Lookup(name, "only").AllScalars()))
            {
                if (value.Contains("merge_request", StringComparison.Ordinal) && file == path)
                {
                    mergeRequests = true;
                    prLine = prLine == 0 ? valueLine : prLine;
                }
                else if (value.Contains("merge_request", StringComparison.Ordinal))
                {
                    mergeRequests = true;
                }
            }

            jobs.Add(new CiJob(name, line, steps, environment, environmentNode is null || file != path ? 0 : environmentNode.Line(), manual, null, GitLabJobTriggers(Lookup(name, "only"), rules)));
        }

        // Without workflow rules GitLab runs branch pipelines for every push, including merge request branches.
        var hasRules = jobs.Count > 0 && root.Get("workflow") is not null;
        bool? pr = mergeRequests ? true : hasRules ? false : true;
        return new CiPipeline("gitlab-ci", path, mergeRequests ? ["merge_request_event", CiTriggers.PullRequest] : [CiTriggers.Push], pr, prLine, jobs)
        {
            Parts = documents.Skip(1).Select(d => d.Path).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static string? StepPath(YamlNode? node, IReadOnlyList<(string Path, YamlNode Root)> documents, string path)
    {
        if (node is null || documents.Count == 1)
        {
            return null;
        }

        foreach (var (file, root) in documents)
        {
            if (Contains(root, node))
            {
                return file == path ? null : file;
            }
        }

        return null;
    }

    private static bool Contains(YamlNode root, YamlNode node)
    {
        if (ReferenceEquals(root, node))
        {
            return true;
        }

        return root switch
        {
            YamlMappingNode map => map.Children.Values.Any(v => Contains(v, node)),
            YamlSequenceNode seq => seq.Children.Any(v => Contains(v, node)),
            _ => false,
        };
    }

    /// <summary>Events a job is limited to by <c>only</c> or <c>rules</c> (tags, schedules, web), or null for the pipeline's.</summary>
    private static IReadOnlyList<string>? GitLabJobTriggers(YamlNode? only, YamlNode? rules)
    {
        var refs = only is YamlMappingNode ? only.Get("refs") : only;
        if (refs is not null)
        {
            var events = refs.Strings().Select(r => r switch
            {
                "tags" => CiTriggers.PushTags,
                "schedules" => CiTriggers.Schedule,
                "web" or "api" or "triggers" => CiTriggers.Manual,
                "merge_requests" => CiTriggers.PullRequest,
                _ => CiTriggers.Push,
            }).Distinct(StringComparer.Ordinal).ToList();
            return events.Count == 0 ? null : events;
        }

        if (rules is not YamlSequenceNode sequence)
        {
            return null;
        }

        var result = new List<string>();
        foreach (var rule in sequence.Children)
        {
            if (rule.ScalarOf("when") == "never")
            {
                continue;
            }

            var condition = rule.ScalarOf("if");
            if (condition is null)
            {
                return null;
            }

            var trigger = condition.Contains("$CI_COMMIT_TAG", StringComparison.Ordinal) && !condition.Contains("$CI_COMMIT_TAG == null", StringComparison.Ordinal) && !condition.Contains("!$CI_COMMIT_TAG", StringComparison.Ordinal)
                ? CiTriggers.PushTags
                : condition.Contains("\"schedule\"", StringComparison.Ordinal) ? CiTriggers.Schedule
                : condition.Contains("\"web\"", StringComparison.Ordinal) ? CiTriggers.Manual
                : condition.Contains("merge_request", StringComparison.Ordinal) ? CiTriggers.PullRequest
                : CiTriggers.Push;
            if (!result.Contains(trigger))
            {
                result.Add(trigger);
            }
        }

        return result.Count == 0 ? null : result;
    }
}
