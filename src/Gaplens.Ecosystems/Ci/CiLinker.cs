using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// Joins what CI files split apart, so that a pipeline is everything that runs when it runs: GitHub composite actions
/// and reusable workflows of the repository (their steps inherit the caller's triggers), GitLab local includes and
/// child pipelines, Azure Pipelines local templates, Tekton task references, Concourse task files, and the Cloud
/// Build triggers declared in Terraform. Files that are parts of a pipeline are not pipelines of their own.
/// </summary>
internal sealed partial class CiLinker(Workspace workspace, List<ScanWarning> warnings)
{
    private const int MaxNesting = 5;

    public IReadOnlyList<CiPipeline> Link()
    {
        var pipelines = workspace.Pipelines.ToList();
        var parts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pipelines.Count; i++)
        {
            var pipeline = pipelines[i];
            try
            {
                pipelines[i] = pipeline.System switch
                {
                    "gitlab-ci" => LinkGitLab(pipeline),
                    "azure-pipelines" => LinkAzure(pipeline),
                    "github-actions" => pipeline with { Jobs = pipeline.Jobs.Select(j => j with { Steps = CompositeSteps(j.Steps, 0, []) }).ToList() },
                    "concourse" => LinkConcourse(pipeline),
                    _ => pipeline,
                };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The pipeline is judged on its own file when what it includes cannot be read.
                warnings.Add(new ScanWarning(pipeline.Path, $"the files this pipeline uses could not be joined to it: {ex.GetType().Name}"));
            }
        }

        // Reusable workflows after composites, so that a called workflow brings its composite steps along.
        var byPath = pipelines.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var called = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < pipelines.Count; i++)
        {
            if (pipelines[i].System == "github-actions")
            {
                pipelines[i] = LinkReusable(pipelines[i], byPath, called, 0);
            }
        }

        foreach (var path in called)
        {
            // A workflow that only runs when called is part of its callers; one that also runs on its own stays a pipeline.
            if (byPath.TryGetValue(path, out var callee) && callee.Triggers.All(t => t == "workflow_call"))
            {
                parts.Add(path);
            }
        }

        pipelines = LinkTekton(pipelines);
        pipelines = LinkCloudBuildTriggers(pipelines);
        foreach (var pipeline in pipelines)
        {
            parts.UnionWith(pipeline.Parts);
        }

        return pipelines.Where(p => !parts.Contains(p.Path) && !p.Parts.Contains(CiReader.TektonTaskOnly)).ToList();
    }

    // ------------------------------------------------------------------ GitHub

    /// <summary>Steps with each local composite action (<c>uses: ./path</c>) followed by the steps it runs.</summary>
    private List<CiStep> CompositeSteps(IReadOnlyList<CiStep> steps, int depth, HashSet<string> chain)
    {
        var result = new List<CiStep>();
        foreach (var step in steps)
        {
            result.Add(step);
            if (depth >= MaxNesting || step.Uses is not { } uses || !uses.StartsWith("./", StringComparison.Ordinal) || uses.EndsWith(".yml", StringComparison.Ordinal) || uses.EndsWith(".yaml", StringComparison.Ordinal))
            {
                continue;
            }

            var directory = RelativePaths.Combine(string.Empty, uses);
            var path = new[] { "action.yml", "action.yaml" }.Select(n => RelativePaths.Combine(directory, n)).FirstOrDefault(p => workspace.Text(p) is not null);
            if (path is null || !chain.Add(path) || Root(path) is not { } action)
            {
                continue;
            }

            var runs = action.Get("runs");
            if (runs.ScalarOf("using") == "composite")
            {
                var inner = new List<CiStep>();
                foreach (var s in runs.Get("steps").Items())
                {
                    inner.Add(new CiStep(s.ScalarOf("name"), Inputs(s.ScalarOf("run"), step.Inputs), s.ScalarOf("uses"), s.Line(), Read(s.Get("with")), s.ScalarOf("working-directory"), null, path));
                }

                result.AddRange(CompositeSteps(inner, depth + 1, chain));
            }
            else if (runs.ScalarOf("using") == "docker" && runs.ScalarOf("image") is { } image && !image.StartsWith("docker://", StringComparison.Ordinal))
            {
                // A Docker action of the repository builds its image and runs its entrypoint with the step's arguments.
                var dockerfile = RelativePaths.Combine(directory, image);
                result.Add(new CiStep(step.Name, $"docker build -f {dockerfile} {directory}", null, runs.Get("image")!.Line(), CiStep.NoInputs, null, null, path));
                if (runs.ScalarOf("entrypoint") is { } entrypoint)
                {
                    result.Add(new CiStep(step.Name, RelativePaths.Combine(directory, entrypoint) + " " + string.Join(' ', runs.Get("args").Strings()), null, runs.Get("entrypoint")!.Line(), CiStep.NoInputs, null, null, path));
                }
            }

            chain.Remove(path);
        }

        return result;
    }

    /// <summary>${{ inputs.x }} in a composite step, replaced by what the calling step passes.</summary>
    private static string? Inputs(string? run, IReadOnlyDictionary<string, string> inputs)
    {
        if (run is null || inputs.Count == 0 || !run.Contains("inputs.", StringComparison.Ordinal))
        {
            return run;
        }

        return InputReference().Replace(run, m => inputs.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    /// <summary>Jobs that call a reusable workflow of the repository replaced by the called workflow's jobs.</summary>
    private static CiPipeline LinkReusable(CiPipeline pipeline, Dictionary<string, CiPipeline> byPath, HashSet<string> called, int depth)
    {
        if (depth >= MaxNesting || !pipeline.Jobs.Any(j => Reusable(j) is not null))
        {
            return pipeline;
        }

        var jobs = new List<CiJob>();
        var parts = pipeline.Parts.ToList();
        foreach (var job in pipeline.Jobs)
        {
            if (Reusable(job) is not { } path || !byPath.TryGetValue(path, out var callee) || callee.Path == pipeline.Path)
            {
                jobs.Add(job);
                continue;
            }

            called.Add(callee.Path);
            if (callee.Triggers.All(t => t == "workflow_call"))
            {
                parts.Add(callee.Path);
            }

            var linked = LinkReusable(callee, byPath, called, depth + 1);
            foreach (var inner in linked.Jobs)
            {
                jobs.Add(inner with
                {
                    Name = $"{job.Name}/{inner.Name}",
                    Steps = inner.Steps.Select(s => s with { Path = s.Path ?? callee.Path }).ToList(),
                    Condition = job.Condition ?? inner.Condition,
                    EnvironmentLine = inner.EnvironmentLine,
                });
            }
        }

        return pipeline with { Jobs = jobs, Parts = parts.Distinct(StringComparer.Ordinal).ToList() };
    }

    private static string? Reusable(CiJob job) =>
        job.Steps.Count == 1 && job.Steps[0] is { Run: null, Uses: { } uses } && job.Steps[0].Line == job.Line && uses.StartsWith("./.github/workflows/", StringComparison.Ordinal)
            ? uses[2..].Split('@')[0]
            : null;

    // ------------------------------------------------------------------ GitLab

    private CiPipeline LinkGitLab(CiPipeline pipeline)
    {
        if (Root(pipeline.Path) is not { } root)
        {
            return pipeline;
        }

        var documents = new List<(string Path, YamlNode Root)> { (pipeline.Path, root) };
        var queue = new Queue<YamlNode>([root]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { pipeline.Path };
        while (queue.Count > 0 && documents.Count < 32)
        {
            foreach (var include in CiReader.GitLabLocalIncludes(queue.Dequeue()))
            {
                foreach (var path in Expand(include))
                {
                    if (seen.Add(path) && Root(path) is { } included)
                    {
                        documents.Add((path, included));
                        queue.Enqueue(included);
                    }
                }
            }
        }

        return documents.Count == 1 ? pipeline : CiReader.ReadGitLab(pipeline.Path, documents);
    }

    // ------------------------------------------------------------------ Azure Pipelines

    private CiPipeline LinkAzure(CiPipeline pipeline)
    {
        if (!pipeline.Steps.Any(s => LocalTemplate(s.Uses) is not null))
        {
            return pipeline;
        }

        var parts = pipeline.Parts.ToList();
        var extra = new List<CiJob>();
        var jobs = pipeline.Jobs.Select(j => j with { Steps = AzureSteps(pipeline.Path, j.Steps, 0, parts, extra) }).ToList();
        jobs.AddRange(extra);
        return pipeline with { Jobs = jobs, Parts = parts };
    }

    private List<CiStep> AzureSteps(string from, IReadOnlyList<CiStep> steps, int depth, List<string> parts, List<CiJob> extra)
    {
        var result = new List<CiStep>();
        foreach (var step in steps)
        {
            result.Add(step);
            if (depth >= MaxNesting || LocalTemplate(step.Uses) is not { } template)
            {
                continue;
            }

            var path = template.StartsWith('/') ? RelativePaths.Combine(string.Empty, template) : RelativePaths.Combine(RelativePaths.DirectoryOf(step.Path ?? from), template);
            if (workspace.Text(path) is not { } text || CiReader.Read(text, "azure-pipelines", out _) is not { } inner)
            {
                continue;
            }

            parts.Add(path);
            foreach (var job in inner.Jobs)
            {
                var innerSteps = AzureSteps(path, job.Steps.Select(s => s with { Path = s.Path ?? path }).ToList(), depth + 1, parts, extra);
                if (job.Environment is not null || job.Manual)
                {
                    extra.Add(job with { Steps = innerSteps, Name = $"{template}/{job.Name}" });
                }
                else
                {
                    result.AddRange(innerSteps);
                }
            }
        }

        return result;
    }

    private static string? LocalTemplate(string? uses) =>
        uses is not null && !uses.Contains('@', StringComparison.Ordinal) && !uses.Contains("$", StringComparison.Ordinal) && (uses.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || uses.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            ? uses
            : null;

    // ------------------------------------------------------------------ Tekton and Concourse

    private static List<CiPipeline> LinkTekton(List<CiPipeline> pipelines)
    {
        var tasks = new Dictionary<string, CiJob>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines.Where(p => p.System == "tekton"))
        {
            foreach (var job in pipeline.Jobs.Where(j => j.Steps.All(s => s.Uses is null) && j.Steps.Count > 0))
            {
                tasks.TryAdd(job.Name, job with { Steps = job.Steps.Select(s => s with { Path = s.Path ?? pipeline.Path }).ToList() });
            }
        }

        if (tasks.Count == 0)
        {
            return pipelines;
        }

        return pipelines.Select(p => p.System != "tekton" ? p : p with
        {
            Jobs = p.Jobs.Select(j => j with
            {
                Steps = j.Steps.SelectMany(s => s.Uses is { } uses && uses.StartsWith(CiReader.TektonTaskReference, StringComparison.Ordinal) && tasks.TryGetValue(uses[CiReader.TektonTaskReference.Length..], out var task)
                    ? task.Steps
                    : [s]).ToList(),
            }).ToList(),
        }).ToList();
    }

    private CiPipeline LinkConcourse(CiPipeline pipeline)
    {
        var parts = pipeline.Parts.ToList();
        var jobs = pipeline.Jobs.Select(j => j with
        {
            Steps = j.Steps.SelectMany(s =>
            {
                if (s.Uses is not { } uses || !uses.StartsWith(CiReader.ConcourseTaskFile, StringComparison.Ordinal))
                {
                    return [s];
                }

                var file = uses[CiReader.ConcourseTaskFile.Length..];
                var path = new[] { RelativePaths.Combine(string.Empty, CiReader.WithoutInput(file)), RelativePaths.Combine(string.Empty, file) }.FirstOrDefault(p => workspace.Text(p) is not null);
                if (path is null || Root(path) is not { } config)
                {
                    return [s];
                }

                parts.Add(path);
                return CiReader.ConcourseTaskSteps(s.Name ?? "task", config, path).ToList();
            }).ToList(),
        }).ToList();
        return pipeline with { Jobs = jobs, Parts = parts };
    }

    // ------------------------------------------------------------------ Cloud Build triggers in Terraform

    /// <summary>
    /// google_cloudbuild_trigger resources say when a Cloud Build file runs: a GitHub pull_request or push block, a
    /// Cloud Source Repositories trigger_template (a push), and whether a person must approve the build first.
    /// </summary>
    private List<CiPipeline> LinkCloudBuildTriggers(List<CiPipeline> pipelines)
    {
        if (!pipelines.Any(p => p.System == "google-cloud-build"))
        {
            return pipelines;
        }

        var triggers = new List<(string? File, List<string> Events, bool Approval, int Line, string Path)>();
        foreach (var file in workspace.TerraformFiles)
        {
            foreach (var block in file.Resources("google_cloudbuild_trigger"))
            {
                var events = new List<string>();
                if (Find(block, "pull_request") is not null)
                {
                    events.Add(CiTriggers.PullRequest);
                }

                if (Find(block, "push") is { } push)
                {
                    events.Add(push.Body.Contains("tag", StringComparison.Ordinal) && !push.Body.Contains("branch", StringComparison.Ordinal) ? CiTriggers.PushTags : CiTriggers.Push);
                }

                if (Find(block, "trigger_template") is { } template)
                {
                    events.Add(template.Body.Contains("tag_name", StringComparison.Ordinal) ? CiTriggers.PushTags : CiTriggers.Push);
                }

                if (Find(block, "pubsub_config") is not null || Find(block, "webhook_config") is not null)
                {
                    events.Add("event");
                }

                if (events.Count == 0)
                {
                    events.Add(CiTriggers.Manual);
                }

                var approval = Find(block, "approval_config") is { } approvalConfig && ApprovalRequired().IsMatch(approvalConfig.Body);
                var filename = Filename().Match(block.Body);
                triggers.Add((filename.Success ? filename.Groups[1].Value : null, events, approval, block.Line, file.Path));
            }
        }

        if (triggers.Count == 0)
        {
            return pipelines;
        }

        var cloudBuilds = pipelines.Where(p => p.System == "google-cloud-build").ToList();
        return pipelines.Select(p =>
        {
            if (p.System != "google-cloud-build")
            {
                return p;
            }

            var mine = triggers.Where(t => t.File is { } f ? p.Path == f.TrimStart('/') : cloudBuilds.Count == 1).ToList();
            if (mine.Count == 0)
            {
                return p;
            }

            var events = mine.SelectMany(t => t.Events).Distinct(StringComparer.Ordinal).ToList();
            var approval = mine.All(t => t.Approval);
            var pr = events.Contains(CiTriggers.PullRequest);
            return p with
            {
                Triggers = events,
                PullRequests = pr,
                PullRequestLine = 0,
                Jobs = approval ? p.Jobs.Select(j => j with { Manual = true }).ToList() : p.Jobs,
            };
        }).ToList();
    }

    // ------------------------------------------------------------------ helpers

    private static Iac.HclBlock? Find(Iac.HclBlock block, string type) => block.Descendants().FirstOrDefault(c => c.Type == type);

    private IEnumerable<string> Expand(string include)
    {
        if (!include.Contains('*', StringComparison.Ordinal))
        {
            return [include];
        }

        var regex = new Regex("^" + Regex.Escape(include).Replace(@"\*\*/", "(?:.*/)?", StringComparison.Ordinal).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
        return workspace.Files.Files.Where(f => f.Is(FileClass.Yaml) && regex.IsMatch(f.Path)).Select(f => f.Path).Take(32);
    }

    private YamlNode? Root(string path) =>
        workspace.Text(path) is { } text && YamlDocuments.Load(text.Text, out var error) is var documents && error is null ? documents.FirstOrDefault() : null;

    private static IReadOnlyDictionary<string, string> Read(YamlNode? node)
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

    [GeneratedRegex(@"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")]
    private static partial Regex InputReference();

    [GeneratedRegex(@"(?m)^\s*filename\s*=\s*""([^""]+)""")]
    private static partial Regex Filename();

    [GeneratedRegex(@"approval_required\s*=\s*true")]
    private static partial Regex ApprovalRequired();
}
