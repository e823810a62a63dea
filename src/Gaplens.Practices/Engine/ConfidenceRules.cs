using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Practices.Model;

namespace Gaplens.Practices.Engine;

/// <summary>
/// Marks a gap <see cref="Confidence.Low"/> when it rests on something the scan could not see and that could hold the
/// missing evidence: a CI step it could not follow (a reusable workflow in another repository, a build script in a
/// language it does not parse, a step its follower gave up on), a platform setting kept outside the repository (the
/// reviewers of a GitHub environment, the defaults of a managed platform), or a file the practice reads that was not
/// read (over the size cap, unreadable), which may also be what would have made a not-applicable practice apply. A
/// present verdict rests on what was read and keeps high confidence.
/// </summary>
public static partial class ConfidenceRules
{
    /// <summary>Practices judged from what CI runs: an unfollowed step may be where the work happens.</summary>
    private static readonly HashSet<string> CiJudged = new(StringComparer.Ordinal)
    {
        "ci-runs-tests", "ci-dependency-scanning", "ci-sast", "ci-container-scanning", "test-coverage", "cd-deploy-automation",
    };

    /// <summary>What a managed platform does by default, outside any file: practice → platforms that provide it.</summary>
    private static readonly Dictionary<string, (string[] Platforms, string Default)> PlatformDefaults = new(StringComparer.Ordinal)
    {
        ["sec-https"] = (["vercel", "netlify", "heroku", "fly", "render", "railway", "cloud-run", "app-engine", "azure-container-apps", "firebase"], "HTTPS certificates and redirects"),
        ["scale-autoscaling"] = (["vercel", "netlify", "cloud-run", "app-engine", "azure-container-apps", "firebase", "serverless"], "scaling of instances"),
        ["cd-rollback"] = (["vercel", "netlify", "heroku", "render"], "one-step rollback to an earlier deployment"),
        ["cd-approval-gates"] = (["vercel", "netlify"], "promotion of a preview to production"),
    };

    /// <summary>Databases whose provider keeps backups by default (settings outside the repository).</summary>
    private static readonly string[] ManagedDatabases = ["firestore", "firebase", "dynamodb", "supabase", "planetscale", "neon", "cosmos", "atlas"];

    public static List<Verdict> Apply(IReadOnlyList<Verdict> verdicts, PracticeCatalog catalog, Workspace workspace, RepositoryFacts facts, IReadOnlyList<ScanWarning> warnings)
    {
        var ciBlindSpots = CiBlindSpots(workspace);
        var unread = warnings
            .Where(w => w.Kind == ScanWarningKind.Problem && workspace.Files.Get(w.Path) is not null)
            .Select(w => (File: workspace.Files.Get(w.Path)!, w.Message))
            .ToList();
        var result = new List<Verdict>(verdicts.Count);
        foreach (var verdict in verdicts)
        {
            if (catalog.Find(verdict.PracticeId) is not { } practice)
            {
                result.Add(verdict);
                continue;
            }

            if (verdict.IsSatisfied)
            {
                // Present rests on what was read, unless all it rests on is a setting kept on the platform.
                var onPlatform = EnvironmentGateOnly(verdict, workspace);
                result.Add(onPlatform is null ? verdict : verdict with { Confidence = Confidence.Low, ConfidenceReason = onPlatform });
                continue;
            }

            // A gap may hide in what was not followed; "does not apply" may too, when the file that would make it apply was not read.
            var reasons = new List<string>();
            if (verdict.IsGap && CiJudged.Contains(practice.Id))
            {
                reasons.AddRange(ciBlindSpots);
            }

            if (verdict.IsGap)
            {
                reasons.AddRange(PlatformSettings(practice, workspace, facts));
            }

            reasons.AddRange(unread.Where(u => Matters(practice, u.File)).Select(u => $"{u.File.Path} was not read ({u.Message.Replace("not read: ", string.Empty, StringComparison.Ordinal)})"));
            result.Add(reasons.Count == 0
                ? verdict
                : verdict with { Confidence = Confidence.Low, ConfidenceReason = Describe(reasons) });
        }

        return result;
    }

    private static string Describe(List<string> reasons)
    {
        var distinct = reasons.Distinct(StringComparer.Ordinal).ToList();
        var shown = string.Join("; ", distinct.Take(3));
        return distinct.Count > 3 ? $"{shown}; and {distinct.Count - 3} more" : shown;
    }

    /// <summary>Steps of the repository's CI whose work the scan could not see.</summary>
    private static List<string> CiBlindSpots(Workspace workspace)
    {
        var spots = new List<string>();
        foreach (var warning in workspace.Ci.Warnings.Where(w => w.Kind == ScanWarningKind.Problem))
        {
            spots.Add($"{warning.Path}: {warning.Message}");
        }

        foreach (var run in workspace.Ci.Runs)
        {
            if (run.Step is { Run: null, Uses: { } uses } && RemoteWorkflow().IsMatch(uses))
            {
                spots.Add($"the CI job at {run.Path}:{run.Step.Line} calls the workflow {uses} in another repository, which the scan cannot read");
                continue;
            }

            if (run.Step is { Run: null, Uses: { } action } && RemoteAction().IsMatch(action) &&
                $"{run.Step.Name} {action}".Contains("test", StringComparison.OrdinalIgnoreCase))
            {
                spots.Add($"the CI step at {run.Path}:{run.Step.Line} runs tests through the action {action}, kept in another repository, which the scan cannot read");
                continue;
            }

            foreach (var command in run.Commands)
            {
                var match = OpaqueScript().Match(command.Text);
                if (match.Success && match.Groups["file"].Value is var file && ScriptIn(workspace, command.Path, file) is { } script)
                {
                    spots.Add($"the CI step at {run.Path}:{run.Step.Line} runs {script}, a build script in a language the scan does not follow");
                }
            }
        }

        return spots;
    }

    /// <summary>The repository file a command names, relative to the root or to the directory of the file that runs it.</summary>
    private static string? ScriptIn(Workspace workspace, string from, string file)
    {
        var name = file.TrimStart('.', '/');
        if (file.StartsWith("./", StringComparison.Ordinal))
        {
            name = file[2..];
        }

        if (workspace.Files.Get(name) is not null)
        {
            return name;
        }

        var slash = from.LastIndexOf('/');
        var relative = slash < 0 ? name : $"{from[..slash]}/{name}";
        return workspace.Files.Get(relative) is not null ? relative : null;
    }

    /// <summary>
    /// An approval gate whose only evidence is GitHub environments: whether they require a reviewer is a repository
    /// setting the scan cannot read.
    /// </summary>
    private static string? EnvironmentGateOnly(Verdict verdict, Workspace workspace)
    {
        if (verdict.PracticeId != "cd-approval-gates" || verdict.Evidence.Count == 0)
        {
            return null;
        }

        var environments = workspace.Ci.Pipelines.Where(p => p.System == "github-actions")
            .SelectMany(p => p.Jobs.Where(j => j.Environment is not null).Select(j => (p.Path, Line: j.EnvironmentLine, j.Environment)))
            .ToList();
        if (!verdict.Evidence.All(e => environments.Any(env => env.Path == e.Path && env.Line == e.Line)))
        {
            return null;
        }

        var names = string.Join(", ", environments.Select(e => $"'{e.Environment}'").Distinct(StringComparer.Ordinal));
        return $"the gate is the GitHub environment {names}: whether it requires a reviewer is set in the repository's settings, which the scan cannot read";
    }

    private static IEnumerable<string> PlatformSettings(PracticeDefinition practice, Workspace workspace, RepositoryFacts facts)
    {
        if (practice.Id == "cd-approval-gates")
        {
            foreach (var (pipeline, job) in workspace.Ci.Pipelines.SelectMany(p => p.Jobs.Select(j => (p, j))).Where(x => x.j.Environment is not null && x.p.System == "github-actions"))
            {
                yield return $"the job '{job.Name}' deploys to the GitHub environment '{job.Environment}' ({pipeline.Path}:{job.EnvironmentLine}): " +
                             "its required reviewers are set in the repository's settings, which the scan cannot read";
            }
        }

        if (PlatformDefaults.TryGetValue(practice.Id, out var defaults) && defaults.Platforms.FirstOrDefault(facts.Has) is { } platform)
        {
            yield return $"the application deploys to {platform}, which provides {defaults.Default} by default, set on the platform outside the repository";
        }

        if (practice.Id is "data-backup" or "data-restore-test" && facts.Databases.Any() &&
            facts.Databases.All(d => ManagedDatabases.Any(m => d.Name.Contains(m, StringComparison.OrdinalIgnoreCase))))
        {
            yield return $"the data lives in a managed database ({string.Join(", ", facts.Databases.Select(d => d.Name).Distinct(StringComparer.Ordinal))}) whose backup settings are kept by its provider, outside the repository";
        }
    }

    /// <summary>
    /// An unread file matters to a practice when one of its signals looks for that file by name or path, or when it is a
    /// deployment descriptor, build file or pipeline (never generated at that size) of a class the practice searches.
    /// Large code and data files are generated and are not where a practice is declared.
    /// </summary>
    private static bool Matters(PracticeDefinition practice, RepoFile file)
    {
        foreach (var signal in practice.Signals)
        {
            if (signal.File is { } glob && glob.IsMatch(file.Path))
            {
                return true;
            }

            if (signal.Term is { } term && (term.Classes & file.Class) != FileClass.None &&
                (signal.PathGlob?.IsMatch(file.Path) ?? (file.Class & (FileClass.Dockerfile | FileClass.Terraform | FileClass.Bicep | FileClass.Build)) != FileClass.None || IsPipeline(file.Path)))
            {
                return true;
            }
        }

        return IsPipeline(file.Path) && (CiJudged.Contains(practice.Id) || practice.Id is "ci-pipeline" or "ci-pr-validation" or "cd-approval-gates");
    }

    private static bool IsPipeline(string path) => PipelinePath().IsMatch(path);

    [GeneratedRegex(@"^(\.github/(workflows|actions)/|\.gitlab-ci|\.gitlab/|\.circleci/|azure-pipelines|\.azure-pipelines/|Jenkinsfile|bitbucket-pipelines|\.travis\.yml|\.drone\.yml|\.woodpecker|\.buildkite/|appveyor\.yml|\.tekton/)")]
    private static partial Regex PipelinePath();

    /// <summary>A reusable workflow or action kept in another repository: owner/repo/path@ref.</summary>
    [GeneratedRegex(@"^[\w.-]+/[\w.-]+/\.github/workflows/[^@]+@")]
    private static partial Regex RemoteWorkflow();

    /// <summary>An action of another repository (owner/repo[/path]@ref), not one of the runner's setup actions.</summary>
    [GeneratedRegex(@"^(?!actions/)[\w.-]+/[\w.-]+(/[\w./-]+)?@")]
    private static partial Regex RemoteAction();

    /// <summary>A build script run by an interpreter whose code the follower does not read (Cake, F# and C# scripts, Node, Ruby, Mage, Nox, Invoke).</summary>
    [GeneratedRegex(@"(?:^|[\s;&|(])(?:dotnet\s+(?:cake|fsi|script)\s+|dotnet-script\s+|cake\s+|node\s+|tsx\s+|ts-node\s+|bun\s+(?:run\s+)?|deno\s+run\s+(?:-\S+\s+)*|ruby\s+|\./)(?<file>[\w./-]+\.(?:cake|fsx|csx|m?js|cjs|ts|rb))\b")]
    private static partial Regex OpaqueScript();
}
