using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Ci;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>How a CI job ships: a real deployment, an image push, a package publish, or a throwaway cluster inside CI.</summary>
internal enum DeployKind
{
    Deploy,
    ImagePush,
    PackagePublish,
    Throwaway,
}

internal sealed record DeployStep(CiPipeline Pipeline, CiJob Job, DeployKind Kind, Evidence Evidence);

/// <summary>Finds the steps of every pipeline that deploy or publish, looking into the scripts they call.</summary>
internal static partial class DeploySteps
{
    private static readonly ConditionalWeakTable<Workspace, IReadOnlyList<DeployStep>> Found = [];

    /// <summary>The deploy steps of a workspace, found once and shared by the detectors that need them.</summary>
    public static IReadOnlyList<DeployStep> Find(Workspace workspace) => Found.GetValue(workspace, FindAll);

    private static IReadOnlyList<DeployStep> FindAll(Workspace workspace)
    {
        var result = new List<DeployStep>();
        foreach (var pipeline in workspace.Pipelines)
        {
            foreach (var job in pipeline.Jobs)
            {
                // Each step's commands (with the scripts it calls) are expanded once, for the job and for the step.
                var steps = job.Steps.Select(s => (Step: s, Commands: CiCommands.Expand(s, workspace).ToList())).ToList();
                var throwaway = ThrowawayCluster().IsMatch(string.Join('\n', steps.SelectMany(s => s.Commands).Select(c => c.Text)));
                foreach (var (step, commands) in steps)
                {
                    if (Classify(step, commands) is { } found)
                    {
                        var kind = found.Kind == DeployKind.Deploy && throwaway ? DeployKind.Throwaway : found.Kind;
                        result.Add(new DeployStep(pipeline, job, kind, new Evidence(pipeline.Path, step.Line, found.Detail)));
                    }
                }
            }
        }

        return result;
    }

    private static (DeployKind Kind, string Detail)? Classify(CiStep step, IReadOnlyList<(string Text, string Source)> commands)
    {
        if (step.Uses?.StartsWith("docker/build-push-action", StringComparison.Ordinal) == true &&
            step.Inputs.GetValueOrDefault("push") is { } push && push != "false")
        {
            return (DeployKind.ImagePush, "pushes an image (docker/build-push-action)");
        }

        foreach (var (text, source) in commands)
        {
            var via = source == "step" ? string.Empty : $" via {source}";
            if (Deploy().Match(text) is { Success: true } deploy)
            {
                return (DeployKind.Deploy, $"`{Shorten(deploy.Value)}`{via}");
            }

            if (ImagePush().Match(text) is { Success: true } image)
            {
                return (DeployKind.ImagePush, $"pushes an image: `{Shorten(image.Value)}`{via}");
            }

            if (PackagePublish().Match(text) is { Success: true } publish)
            {
                return (DeployKind.PackagePublish, $"publishes a package: `{Shorten(publish.Value)}`{via}");
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 70 ? text.Trim() : text[..69].Trim() + "…";

    [GeneratedRegex(@"\b(kubectl\s+(apply|set\s+image|rollout\s+restart|create\s+-f)|helm\s+(upgrade|install)|helmfile\s+(apply|sync)|skaffold\s+(run|deploy)|argocd\s+app\s+sync|az\s+(webapp|functionapp|containerapp|aks|staticwebapp|deployment\s+group)\s+\S+|azd\s+(deploy|up|provision)|aws\s+(ecs\s+update-service|deploy|cloudformation\s+deploy|lambda\s+update-function-code|s3\s+sync|apprunner)|sam\s+deploy|cdk\s+deploy|gcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy)|terraform\s+apply|terragrunt\s+(run-all\s+)?apply|pulumi\s+up|serverless\s+deploy|sls\s+deploy|vercel\s+(deploy|--prod)|netlify\s+deploy|fly(ctl)?\s+deploy|heroku\s+(container:release|releases)|railway\s+up|fastapi\s+deploy|firebase\s+deploy|wrangler\s+(deploy|publish)|docker\s+stack\s+deploy|docker\s+compose[^\n]*\bup\b[^\n]*-d|ansible-playbook|cf\s+push|kamal\s+deploy|eb\s+deploy|copilot\s+(svc\s+)?deploy)")]
    private static partial Regex Deploy();

    [GeneratedRegex(@"\b(docker|podman|buildah)\s+push\b|\bdocker\s+buildx\s+build\b[^\n]*--push|\bdotnet\s+publish\b[^\n]*/t:PublishContainer|\bjib(:build|Build)\b|\bko\s+(build|publish|apply)\b|\bpack\s+build\b[^\n]*--publish|\bgcloud\s+builds\s+submit\b|\baz\s+acr\s+build\b|\bskaffold\s+build\b[^\n]*--push")]
    private static partial Regex ImagePush();

    [GeneratedRegex(@"\b(dotnet\s+nuget\s+push|nuget\s+push|npm\s+publish|pnpm\s+publish|yarn\s+(npm\s+)?publish|twine\s+upload|poetry\s+publish|uv\s+publish|flit\s+publish|mvn\S*\s+[^\n]*\bdeploy\b|gradlew?\s+[^\n]*\bpublish\b|cargo\s+publish|gem\s+push|goreleaser\b|gh\s+release\s+(create|upload))")]
    private static partial Regex PackagePublish();

    [GeneratedRegex(@"\bkind\s+create\s+cluster\b|helm/kind-action|\bminikube\s+start\b|\bk3d\s+cluster\s+create\b|medyagh/setup-minikube|AbsaOSS/k3d-action")]
    private static partial Regex ThrowawayCluster();
}
