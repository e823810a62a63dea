using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>Recognises CI configuration files and reads each system's format into a <see cref="CiPipeline"/>.</summary>
public static partial class CiReader
{
    private static readonly HashSet<string> GitLabReserved = new(StringComparer.Ordinal)
    {
        "stages", "variables", "image", "services", "before_script", "after_script", "cache", "include", "default", "workflow", "types",
    };

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
                case ".drone.yml": return "drone";
                case "cloudbuild.yaml":
                case "cloudbuild.yml": return "google-cloud-build";
                case "buildspec.yml": return "aws-codebuild";
                case "codefresh.yml": return "codefresh";
                case "bitrise.yml": return "bitrise";
            }
        }

        if (directory == ".buildkite" && isYaml)
        {
            return "buildkite";
        }

        return null;
    }

    public static CiPipeline? Read(SourceText source, string system, out string? error)
    {
        error = null;
        if (system == "jenkins")
        {
            return ReadJenkinsfile(source);
        }

        var documents = YamlDocuments.Load(source.Text, out error);
        if (error is not null)
        {
            return null;
        }

        var root = documents.FirstOrDefault();
        if (root is null)
        {
            return new CiPipeline(system, source.File.Path, [], null, 0, []);
        }

        return system switch
        {
            "github-actions" => ReadGitHub(source.File.Path, root),
            "gitlab-ci" => ReadGitLab(source.File.Path, root),
            "azure-pipelines" => ReadAzure(source.File.Path, root),
            "circleci" => ReadCircle(source.File.Path, root),
            "travis-ci" => ReadTravis(source.File.Path, root),
            "bitbucket-pipelines" => ReadBitbucket(source.File.Path, root),
            _ => ReadGeneric(system, source.File.Path, root),
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

    private static CiPipeline ReadGitLab(string path, YamlNode root)
    {
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
        foreach (var (name, job, line) in root.Entries())
        {
            if (GitLabReserved.Contains(name) || name.StartsWith('.') && job.Get("script") is null)
            {
                if (name == "workflow" && job.AllScalars().FirstOrDefault(s => s.Value.Contains("merge_request", StringComparison.Ordinal)) is { Value: not null } w)
                {
                    mergeRequests = true;
                    prLine = w.Line;
                }

                continue;
            }

            if (job is not YamlMappingNode)
            {
                continue;
            }

            var steps = new List<CiStep>();
            foreach (var key in new[] { "before_script", "script", "after_script" })
            {
                foreach (var (command, commandLine) in job.Get(key).AllScalars())
                {
                    steps.Add(new CiStep(name, command, null, commandLine, CiStep.NoInputs));
                }
            }

            if (job.Get("trigger") is { } trigger)
            {
                steps.Add(new CiStep(name, null, "trigger:" + string.Join(' ', trigger.AllScalars().Select(s => s.Value)), trigger.Line(), CiStep.NoInputs));
            }

            if (job.ScalarOf("extends") is { } extends)
            {
                steps.Add(new CiStep(name, null, "extends:" + extends, line, CiStep.NoInputs));
            }

            var environmentNode = job.Get("environment");
            var environment = environmentNode.Scalar() ?? environmentNode.ScalarOf("name");
            var manual = job.ScalarOf("when") == "manual" || job.Get("rules").AllScalars().Any(s => s.Value == "manual");
            foreach (var (value, valueLine) in job.Get("rules").AllScalars().Concat(job.Get("only").AllScalars()))
            {
                if (value.Contains("merge_request", StringComparison.Ordinal))
                {
                    mergeRequests = true;
                    prLine = prLine == 0 ? valueLine : prLine;
                }
            }

            jobs.Add(new CiJob(name, line, steps, environment, environmentNode?.Line() ?? 0, manual));
        }

        // Without rules GitLab runs branch pipelines for every push, including merge request branches.
        var hasRules = jobs.Count > 0 && root.Get("workflow") is not null;
        bool? pr = mergeRequests ? true : hasRules ? false : true;
        return new CiPipeline("gitlab-ci", path, mergeRequests ? ["merge_request_event"] : ["push"], pr, prLine, jobs);
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
        foreach (var (name, job, line) in root.Get("jobs").Entries())
        {
            var steps = new List<CiStep>();
            foreach (var step in job.Get("steps").Items())
            {
                switch (step)
                {
                    case YamlScalarNode s:
                        steps.Add(new CiStep(s.Value, null, s.Value, s.Line(), CiStep.NoInputs));
                        break;
                    case YamlMappingNode m:
                        foreach (var (key, value, stepLine) in m.Entries())
                        {
                            if (key == "run")
                            {
                                var command = value.Scalar() ?? value.ScalarOf("command");
                                steps.Add(new CiStep(value.ScalarOf("name"), command, null, stepLine, CiStep.NoInputs));
                            }
                            else
                            {
                                steps.Add(new CiStep(key, null, key, stepLine, Inputs(value)));
                            }
                        }

                        break;
                }
            }

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
        if (root.Get("deploy") is { } deploy)
        {
            var provider = deploy.ScalarOf("provider") ?? deploy.Items().Select(i => i.ScalarOf("provider")).FirstOrDefault(p => p is not null) ?? "deploy";
            jobs.Add(new CiJob("deploy", deploy.Line(), [new CiStep("deploy", "deploy " + provider, "travis-deploy:" + provider, deploy.Line(), CiStep.NoInputs)], provider, deploy.Line()));
        }

        // Travis builds pull requests unless they are switched off in the repository settings.
        return new CiPipeline("travis-ci", path, ["push", "pull_request"], true, 0, jobs);
    }

    private static CiPipeline ReadBitbucket(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var pipelines = root.Get("pipelines");
        var pr = false;
        var prLine = 0;
        foreach (var (section, value, line) in pipelines.Entries())
        {
            if (section == "pull-requests")
            {
                pr = true;
                prLine = line;
            }

            foreach (var step in Descendants(value).Where(n => n.Get("step") is not null).Select(n => n.Get("step")!))
            {
                var steps = step.Get("script").AllScalars().Select(s => new CiStep(step.ScalarOf("name"), s.Value, null, s.Line, CiStep.NoInputs)).ToList();
                var deployment = step.ScalarOf("deployment");
                var manual = step.ScalarOf("trigger") == "manual";
                jobs.Add(new CiJob(step.ScalarOf("name") ?? section, step.Line(), steps, deployment, deployment is null ? 0 : step.Get("deployment")!.Line(), manual));
            }
        }

        return new CiPipeline("bitbucket-pipelines", path, pr ? ["push", "pull-requests"] : ["push"], pr, prLine, jobs);
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
                steps.Add(new CiStep(stage, line.Trim(), null, i, CiStep.NoInputs));
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

    [GeneratedRegex(@"stage\s*\(\s*['""]([^'""]+)['""]")]
    private static partial Regex JenkinsStage();

    [GeneratedRegex(@"(?:^|[\s{(;])(sh|bat|powershell|pwsh)\s*(\(|'|""|script:)")]
    private static partial Regex JenkinsShell();
}
