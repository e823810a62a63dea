using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>Recognises CI configuration files and reads each system's format into a <see cref="CiPipeline"/>.</summary>
public static partial class CiReader
{
    /// <summary>The CI system a file configures, or null.</summary>
    public static string? SystemOf(string path)
    {
        var name = RelativePaths.FileName(path);
        var directory = RelativePaths.DirectoryOf(path);
        var isYaml = name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);
        if (directory == ".github/workflows" && isYaml)
        {
            return "github-actions";
        }

        if (directory.Length == 0 || directory == ".gitlab" || directory.StartsWith(".gitlab/", StringComparison.Ordinal) || directory == "ci" || directory == ".ci" || directory == "build" || directory == ".pipelines" || directory == ".azure-pipelines" || directory == "pipelines" || directory == "eng/pipelines")
        {
            if (name.Equals(".gitlab-ci.yml", StringComparison.OrdinalIgnoreCase) || (directory.StartsWith(".gitlab", StringComparison.Ordinal) && isYaml && name.Contains("ci", StringComparison.OrdinalIgnoreCase)))
            {
                return "gitlab-ci";
            }

            if (isYaml && (name.StartsWith("azure-pipelines", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".azure-pipelines.yml", StringComparison.OrdinalIgnoreCase) ||
                           directory is ".azure-pipelines" or ".pipelines" or "eng/pipelines" && isYaml))
            {
                return "azure-pipelines";
            }
        }

        if (name.Equals("Jenkinsfile", StringComparison.Ordinal) || name.EndsWith(".jenkinsfile", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Jenkinsfile.", StringComparison.Ordinal))
        {
            return "jenkins";
        }

        if (path.Equals(".circleci/config.yml", StringComparison.Ordinal) || path.Equals(".circleci/config.yaml", StringComparison.Ordinal))
        {
            return "circleci";
        }

        if (directory.Length == 0)
        {
            switch (name.ToLowerInvariant())
            {
                case ".travis.yml": return "travis-ci";
                case "bitbucket-pipelines.yml": return "bitbucket-pipelines";
                case "appveyor.yml":
                case ".appveyor.yml": return "appveyor";
                case ".drone.yml":
                case ".drone.yaml":
                case ".drone.jsonnet":
                case ".drone.star": return "drone";
                case ".woodpecker.yml":
                case ".woodpecker.yaml": return "woodpecker";
                case "buildkite.yml":
                case "buildkite.yaml":
                case ".buildkite.yml":
                case ".buildkite.yaml": return "buildkite";
                case "buildspec.yml": return "aws-codebuild";
                case "codefresh.yml": return "codefresh";
                case "bitrise.yml": return "bitrise";
            }
        }

        if (directory == ".woodpecker" && isYaml)
        {
            return "woodpecker";
        }

        if (directory == ".buildkite" && isYaml && !ComposeFile.IsComposeFile(name))
        {
            return "buildkite";
        }

        // Cloud Build configurations live anywhere (one per service folder is common): cloudbuild.yaml, cloudbuild-prod.yaml.
        if (isYaml && name.StartsWith("cloudbuild", StringComparison.OrdinalIgnoreCase))
        {
            return "google-cloud-build";
        }

        return null;
    }

    /// <summary>
    /// The CI system a file configures, also from its content for systems whose files live anywhere: Tekton
    /// (tekton.dev resources) and Concourse (a pipeline of jobs with plans). Content-recognised files are also read as
    /// what else they are (Kubernetes objects).
    /// </summary>
    public static string? SystemOf(string path, string text)
    {
        if (SystemOf(path) is { } system)
        {
            return system;
        }

        var name = RelativePaths.FileName(path);
        if (!name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Contains("tekton.dev/", StringComparison.Ordinal) && TektonKind().IsMatch(text))
        {
            return "tekton";
        }

        if (text.Contains("plan:", StringComparison.Ordinal) && ConcourseJobs().IsMatch(text) && ConcoursePlan().IsMatch(text))
        {
            return "concourse";
        }

        return null;
    }

    /// <summary>True for systems recognised by content: a file that turns out not to be one is simply not a pipeline.</summary>
    public static bool IsContentSystem(string system) => system is "tekton" or "concourse";

    public static CiPipeline? Read(SourceText source, string system, out string? error)
    {
        error = null;
        if (system == "jenkins")
        {
            return ReadJenkinsfile(source);
        }

        var path = source.File.Path;
        if (system == "drone" && !(path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            // .drone.jsonnet and .drone.star are programs that generate the pipeline: CI is there, its steps cannot be read.
            return new CiPipeline(system, path, [], null, 0, []);
        }

        var documents = YamlDocuments.Load(source.Text, out error);
        if (error is not null)
        {
            if (IsContentSystem(system))
            {
                error = null;
            }

            return null;
        }

        var root = documents.FirstOrDefault();
        if (root is null)
        {
            return IsContentSystem(system) ? null : new CiPipeline(system, path, [], null, 0, []);
        }

        return system switch
        {
            "github-actions" => ReadGitHub(path, root),
            "gitlab-ci" => ReadGitLab(path, [(path, root)]),
            "azure-pipelines" => ReadAzure(path, root),
            "circleci" => ReadCircle(path, root),
            "travis-ci" => ReadTravis(path, root),
            "bitbucket-pipelines" => ReadBitbucket(path, root),
            "woodpecker" => ReadWoodpecker(path, root),
            "drone" => ReadDrone(path, documents),
            "buildkite" => ReadBuildkite(path, root),
            "google-cloud-build" => ReadCloudBuild(path, root),
            "appveyor" => ReadAppVeyor(path, root),
            "tekton" => ReadTekton(path, documents),
            "concourse" => ReadConcourse(path, root),
            _ => ReadGeneric(system, path, root),
        };
    }

    private static CiPipeline ReadGitHub(string path, YamlNode root)
    {
        var on = root.Get("on") ?? root.Get("true");
        var triggers = on.KeysOrStrings().ToList();

        // A push filtered to tags only runs when someone tags a release: a deliberate act, unlike a branch push.
        var push = on.Get("push");
        if (push.Get("tags") is not null && push.Get("branches") is null && push.Get("branches-ignore") is null)
        {
            triggers[triggers.IndexOf("push")] = "push-tags";
        }
        var prLine = 0;
        if (on is YamlMappingNode)
        {
            foreach (var (key, _, line) in on.Entries())
            {
                if (key is "pull_request" or "pull_request_target" or "merge_group")
                {
                    prLine = line;
                    break;
                }
            }
        }
        else if (on is not null && triggers.Any(t => t is "pull_request" or "pull_request_target"))
        {
            prLine = on.Line();
        }

        var jobs = new List<CiJob>();
        foreach (var (name, job, line) in root.Get("jobs").Entries())
        {
            var steps = new List<CiStep>();
            var jobDirectory = job.Path("defaults", "run", "working-directory").Scalar() ?? root.Path("defaults", "run", "working-directory").Scalar();
            foreach (var step in job.Get("steps").Items())
            {
                steps.Add(new CiStep(step.ScalarOf("name"), step.ScalarOf("run"), step.ScalarOf("uses"), step.Line(), Inputs(step.Get("with")), step.ScalarOf("working-directory") ?? jobDirectory));
            }

            if (job.ScalarOf("uses") is { } reusable)
            {
                steps.Add(new CiStep(job.ScalarOf("name"), null, reusable, line, Inputs(job.Get("with"))));
            }

            var environmentNode = job.Get("environment");
            var environment = environmentNode.Scalar() ?? environmentNode.ScalarOf("name");
            jobs.Add(new CiJob(name, line, steps, environment, environmentNode?.Line() ?? 0, false, job.ScalarOf("if")));
        }

        var pr = triggers.Any(t => t is "pull_request" or "pull_request_target" or "merge_group");
        return new CiPipeline("github-actions", path, triggers, pr, prLine, jobs);
    }

    private static CiPipeline ReadAzure(string path, YamlNode root)
    {
        var triggers = new List<string>();
        bool? pr = null;
        var prLine = 0;
        if (root.Get("trigger") is not null)
        {
            triggers.Add("push");
        }

        var prNode = root.Get("pr");
        if (prNode is not null)
        {
            pr = prNode.Scalar() is not "none";
            prLine = prNode.Line();
            if (pr == true)
            {
                triggers.Add("pr");
            }
        }

        var jobs = new List<CiJob>();
        void ReadJobs(YamlNode? list)
        {
            foreach (var job in list.Items())
            {
                var name = job.ScalarOf("job") ?? job.ScalarOf("deployment") ?? job.ScalarOf("template") ?? "job";
                var steps = ReadAzureSteps(job.Get("steps"));
                if (job.Get("strategy") is { } strategy)
                {
                    steps.AddRange(ReadAzureSteps(strategy.Path("runOnce", "deploy", "steps")));
                    steps.AddRange(ReadAzureSteps(strategy.Path("rolling", "deploy", "steps")));
                    steps.AddRange(ReadAzureSteps(strategy.Path("canary", "deploy", "steps")));
                }

                if (job.ScalarOf("template") is { } template)
                {
                    steps.Add(new CiStep("template", null, template, job.Line(), CiStep.NoInputs));
                }

                var environmentNode = job.Get("environment");
                var environment = environmentNode.Scalar() ?? environmentNode.ScalarOf("name");
                jobs.Add(new CiJob(name, job.Line(), steps, environment, environmentNode?.Line() ?? 0, false, job.ScalarOf("condition")));
            }
        }

        foreach (var stage in root.Get("stages").Items())
        {
            ReadJobs(stage.Get("jobs"));
            if (stage.ScalarOf("template") is { } template)
            {
                jobs.Add(new CiJob("template", stage.Line(), [new CiStep("template", null, template, stage.Line(), CiStep.NoInputs)]));
            }
        }

        ReadJobs(root.Get("jobs"));
        if (root.Get("steps") is { } rootSteps)
        {
            jobs.Add(new CiJob("steps", rootSteps.Line(), ReadAzureSteps(rootSteps)));
        }

        // Azure Pipelines validates pull requests by default for GitHub-hosted repositories unless "pr: none".
        pr ??= true;
        return new CiPipeline("azure-pipelines", path, triggers, pr, prLine, jobs);
    }

    private static List<CiStep> ReadAzureSteps(YamlNode? steps)
    {
        var result = new List<CiStep>();
        foreach (var step in steps.Items())
        {
            var run = step.ScalarOf("script") ?? step.ScalarOf("bash") ?? step.ScalarOf("pwsh") ?? step.ScalarOf("powershell");
            var task = step.ScalarOf("task") ?? step.ScalarOf("template");
            result.Add(new CiStep(step.ScalarOf("displayName"), run, task, step.Line(), Inputs(step.Get("inputs"))));
        }

        return result;
    }

    private static CiPipeline ReadCircle(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var commands = root.Get("commands");

        // Steps of a job; a step naming a command of the configuration's commands: section runs that command's steps.
        List<CiStep> CircleSteps(YamlNode? list, int depth)
        {
            var steps = new List<CiStep>();
            foreach (var step in list.Items())
            {
                switch (step)
                {
                    case YamlScalarNode s when s.Value is not null:
                        if (depth < 5 && commands.Get(s.Value) is { } definition)
                        {
                            steps.AddRange(CircleSteps(definition.Get("steps"), depth + 1));
                        }
                        else
                        {
                            steps.Add(new CiStep(s.Value, null, s.Value, s.Line(), CiStep.NoInputs));
                        }

                        break;
                    case YamlMappingNode m:
                        foreach (var (key, value, stepLine) in m.Entries())
                        {
                            if (key == "run")
                            {
                                var run = value.Scalar() ?? value.ScalarOf("command");
                                steps.Add(new CiStep(value.ScalarOf("name"), run, null, stepLine, CiStep.NoInputs, value.ScalarOf("working_directory")));
                            }
                            else if (depth < 5 && commands.Get(key) is { } called)
                            {
                                steps.AddRange(CircleSteps(called.Get("steps"), depth + 1));
                            }
                            else
                            {
                                steps.Add(new CiStep(key, null, key, stepLine, Inputs(value)));
                            }
                        }

                        break;
                }
            }

            return steps;
        }

        foreach (var (name, job, line) in root.Get("jobs").Entries())
        {
            var image = job.Get("docker").Items().FirstOrDefault().ScalarOf("image");
            var directory = job.ScalarOf("working_directory") is { } wd && !wd.StartsWith('~') && !wd.StartsWith('/') ? wd : null;
            var steps = CircleSteps(job.Get("steps"), 0).Select(s => s with { Image = image, WorkingDirectory = s.WorkingDirectory ?? directory }).ToList();
            jobs.Add(new CiJob(name, line, steps));
        }

        foreach (var (_, workflow, _) in root.Get("workflows").Entries())
        {
            foreach (var job in workflow.Get("jobs").Items())
            {
                if (job is YamlMappingNode m)
                {
                    foreach (var (jobName, config, jobLine) in m.Entries())
                    {
                        var manual = config.ScalarOf("type") == "approval";
                        if (manual || jobs.All(j => j.Name != jobName))
                        {
                            jobs.Add(new CiJob(jobName, jobLine, [new CiStep(jobName, null, jobName, jobLine, Inputs(config))], null, 0, manual));
                        }
                    }
                }
            }
        }

        // CircleCI builds every pushed branch, so pull request branches are validated by default.
        return new CiPipeline("circleci", path, ["push"], true, 0, jobs);
    }

    private static CiPipeline ReadTravis(string path, YamlNode root)
    {
        var steps = new List<CiStep>();
        foreach (var key in new[] { "before_install", "install", "before_script", "script", "after_success", "after_script", "before_deploy" })
        {
            foreach (var (command, line) in root.Get(key).AllScalars())
            {
                steps.Add(new CiStep(key, command, null, line, CiStep.NoInputs));
            }
        }

        if (root.Get("script") is null && root.ScalarOf("language") is { } language)
        {
            // Travis runs the language's default test command when no script is given.
            var fallback = language switch
            {
                "node_js" => "npm test",
                "python" => null,
                "java" => "mvn test",
                "go" => "go test ./...",
                "ruby" => "rake",
                _ => null,
            };
            if (fallback is not null)
            {
                steps.Add(new CiStep("script (default)", fallback, null, root.Get("language")!.Line(), CiStep.NoInputs));
            }
        }

        var jobs = new List<CiJob> { new("build", 1, steps) };
        foreach (var include in root.Path("jobs", "include").Items().Concat(root.Path("matrix", "include").Items()))
        {
            var name = include.ScalarOf("name") ?? include.ScalarOf("stage") ?? "job";
            var jobSteps = new List<CiStep>();
            foreach (var key in new[] { "before_install", "install", "before_script", "script", "after_success", "before_deploy" })
            {
                foreach (var (command, line) in include.Get(key).AllScalars())
                {
                    jobSteps.Add(new CiStep(name, command, null, line, CiStep.NoInputs));
                }
            }

            if (jobSteps.Count > 0)
            {
                jobs.Add(new CiJob(name, include.Line(), jobSteps, null, 0, false, include.ScalarOf("if")));
            }

            if (include.Get("deploy") is { } jobDeploy)
            {
                jobs.Add(TravisDeploy(jobDeploy));
            }
        }

        if (root.Get("deploy") is { } deploy)
        {
            jobs.Add(TravisDeploy(deploy));
        }

        // Travis builds pull requests unless they are switched off in the repository settings.
        return new CiPipeline("travis-ci", path, [CiTriggers.Push, CiTriggers.PullRequest], true, 0, jobs);
    }

    private static CiJob TravisDeploy(YamlNode deploy)
    {
        var items = deploy is YamlSequenceNode ? deploy.Items().ToList() : [deploy];
        var provider = items.Select(i => i.ScalarOf("provider")).FirstOrDefault(p => p is not null) ?? "deploy";
        var onTags = items.Any(i => i.Get("on").ScalarOf("tags") == "true");
        var steps = items.SelectMany(i => i.Get("script").AllScalars().Select(s => new CiStep("deploy", s.Value, null, s.Line, CiStep.NoInputs))).ToList();
        steps.Add(new CiStep("deploy", "deploy " + provider, "travis-deploy:" + provider, deploy.Line(), CiStep.NoInputs));
        return new CiJob("deploy", deploy.Line(), steps, provider, deploy.Line(), false, null, onTags ? [CiTriggers.PushTags] : null);
    }

    private static CiPipeline ReadBitbucket(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var pipelines = root.Get("pipelines");
        var pr = false;
        var prLine = 0;
        var triggers = new List<string>();
        var defaultImage = root.Get("image").Scalar() ?? root.Get("image").ScalarOf("name");
        foreach (var (section, value, line) in pipelines.Entries())
        {
            var trigger = section switch
            {
                "pull-requests" => CiTriggers.PullRequest,
                "tags" => CiTriggers.PushTags,
                "custom" => CiTriggers.Manual,
                _ => CiTriggers.Push,
            };
            if (!triggers.Contains(trigger))
            {
                triggers.Add(trigger);
            }

            if (section == "pull-requests")
            {
                pr = true;
                prLine = line;
            }

            foreach (var step in Descendants(value).Where(n => n.Get("step") is not null).Select(n => n.Get("step")!))
            {
                var name = step.ScalarOf("name") ?? section;
                var image = step.Get("image").Scalar() ?? step.Get("image").ScalarOf("name") ?? defaultImage;
                var steps = new List<CiStep>();
                foreach (var item in step.Get("script").Items().Concat(step.Get("after-script").Items()))
                {
                    if (item.Scalar() is { } command)
                    {
                        steps.Add(new CiStep(name, command, null, item.Line(), CiStep.NoInputs, null, image));
                    }
                    else if (item.ScalarOf("pipe") is { } pipe)
                    {
                        steps.Add(new CiStep(name, null, pipe, item.Line(), Inputs(item.Get("variables"))));
                    }
                }

                if (step.Get("script") is YamlScalarNode single && single.Value is not null)
                {
                    steps.Add(new CiStep(name, single.Value, null, single.Line(), CiStep.NoInputs, null, image));
                }

                var deployment = step.ScalarOf("deployment");
                var manual = step.ScalarOf("trigger") == "manual";
                jobs.Add(new CiJob(name, step.Line(), steps, deployment, deployment is null ? 0 : step.Get("deployment")!.Line(), manual, null, [trigger]));
            }
        }

        return new CiPipeline("bitbucket-pipelines", path, triggers.Count > 0 ? triggers : [CiTriggers.Push], pr, prLine, jobs);
    }

    private static CiPipeline ReadGeneric(string system, string path, YamlNode root)
    {
        var steps = new List<CiStep>();
        foreach (var node in Descendants(root))
        {
            foreach (var (key, value, _) in node.Entries())
            {
                if (key is "script" or "commands" or "command" or "run" or "args" or "build_script" or "test_script" or "deploy_script" or "install")
                {
                    foreach (var (command, line) in value.AllScalars())
                    {
                        steps.Add(new CiStep(key, command, null, line, CiStep.NoInputs));
                    }
                }
                else if (key is "name" && value.Scalar() is { } image && image.Contains('/', StringComparison.Ordinal))
                {
                    steps.Add(new CiStep(key, null, image, value.Line(), CiStep.NoInputs));
                }
            }
        }

        return new CiPipeline(system, path, ["push"], null, 0, [new CiJob("build", 1, steps)]);
    }

    private static CiPipeline ReadJenkinsfile(SourceText source)
    {
        var steps = new List<CiStep>();
        var jobs = new List<CiJob>();
        string stage = "pipeline";
        var stageLine = 1;
        var manual = false;
        var pr = false;
        var prLine = 0;
        for (var i = 1; i <= source.LineCount; i++)
        {
            var line = source.Line(i);
            var stageMatch = JenkinsStage().Match(line);
            if (stageMatch.Success)
            {
                if (steps.Count > 0 || jobs.Count > 0)
                {
                    jobs.Add(new CiJob(stage, stageLine, steps, null, 0, manual));
                }

                stage = stageMatch.Groups[1].Value;
                stageLine = i;
                steps = [];
                manual = false;
            }

            if (line.Contains("input ", StringComparison.Ordinal) || line.Contains("input(", StringComparison.Ordinal))
            {
                manual = true;
            }

            if (line.Contains("changeRequest", StringComparison.Ordinal) || line.Contains("CHANGE_ID", StringComparison.Ordinal) || line.Contains("PR-*", StringComparison.Ordinal))
            {
                pr = true;
                prLine = prLine == 0 ? i : prLine;
            }

            var trimmed = line.TrimStart();
            var step = JenkinsShell().Match(line);
            if (step.Success && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.StartsWith('*'))
            {
                // sh 'cmd', sh "cmd", sh(script: 'cmd'), and sh """ ... """ blocks: the shell text is the command.
                var start = i;
                var rest = line[(step.Index + step.Length - step.Groups[2].Length)..];
                var triple = rest.IndexOf("\"\"\"", StringComparison.Ordinal) is var t && t >= 0 ? t : rest.IndexOf("'''", StringComparison.Ordinal);
                string command;
                if (triple >= 0)
                {
                    var quote = rest.Substring(triple, 3);
                    var body = new List<string> { rest[(triple + 3)..] };
                    while (!body[^1].Contains(quote, StringComparison.Ordinal) && i < source.LineCount)
                    {
                        body.Add(source.Line(++i));
                    }

                    body[^1] = body[^1][..body[^1].IndexOf(quote, StringComparison.Ordinal)];
                    command = string.Join('\n', body);
                }
                else
                {
                    var literal = JenkinsString().Match(rest);
                    command = literal.Success ? literal.Groups[2].Value : line.Trim();
                }

                steps.Add(new CiStep(stage, command, null, start, CiStep.NoInputs));
            }
        }

        jobs.Add(new CiJob(stage, stageLine, steps, stage.Contains("deploy", StringComparison.OrdinalIgnoreCase) || stage.Contains("prod", StringComparison.OrdinalIgnoreCase) ? stage : null, stageLine, manual));

        // A multibranch Jenkins job builds every branch; without a change-request condition PR builds are not certain.
        return new CiPipeline("jenkins", source.File.Path, ["push"], pr ? true : null, prLine, jobs);
    }

    private static IEnumerable<YamlNode> Descendants(YamlNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (_, value) in map.Children)
                {
                    foreach (var d in Descendants(value))
                    {
                        yield return d;
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    foreach (var d in Descendants(item))
                    {
                        yield return d;
                    }
                }

                break;
        }
    }

    private static IReadOnlyDictionary<string, string> Inputs(YamlNode? node)
    {
        if (node is not YamlMappingNode)
        {
            return CiStep.NoInputs;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in node.Entries())
        {
            result[key] = value.Scalar() ?? string.Join(' ', value.AllScalars().Select(s => s.Value));
        }

        return result;
    }

    [GeneratedRegex(@"^kind:\s*(Pipeline|PipelineRun|Task|ClusterTask|TaskRun|EventListener)\s*$", RegexOptions.Multiline)]
    private static partial Regex TektonKind();

    [GeneratedRegex(@"^\s*-?\s*plan:\s*$", RegexOptions.Multiline)]
    private static partial Regex ConcoursePlan();

    [GeneratedRegex(@"^jobs:\s*$", RegexOptions.Multiline)]
    private static partial Regex ConcourseJobs();

    [GeneratedRegex(@"(['""])((?:(?!\1).)*)\1")]
    private static partial Regex JenkinsString();

    [GeneratedRegex(@"stage\s*\(\s*['""]([^'""]+)['""]")]
    private static partial Regex JenkinsStage();

    [GeneratedRegex(@"(?:^|[\s{(;])(sh|bat|powershell|pwsh)\s*(\(|'|""|script:)")]
    private static partial Regex JenkinsShell();
}
