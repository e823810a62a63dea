using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A pipeline deploys or publishes the service. Deploying only into a throwaway cluster inside CI, or publishing
/// packages rather than the service, is partial; so is relying on a platform's Git integration outside the repository.
/// </summary>
public sealed partial class CdDeployAutomationDetector : IPracticeDetector
{
    public string PracticeId => "cd-deploy-automation";

    public Verdict Detect(PracticeContext context)
    {
        var deploys = new List<Evidence>();
        var ephemeral = new List<Evidence>();
        var publishes = new List<Evidence>();
        foreach (var pipeline in context.Workspace.Pipelines)
        {
            foreach (var job in pipeline.Jobs)
            {
                var jobText = string.Join('\n', job.Steps.SelectMany(s => CiCommands.Expand(s, context.Workspace)).Select(t => t.Text));
                var throwaway = ThrowawayCluster().IsMatch(jobText);
                foreach (var step in job.Steps)
                {
                    foreach (var (text, source) in CiCommands.Expand(step, context.Workspace))
                    {
                        var via = source == "step" ? string.Empty : $" via {source}";
                        var deploy = Deploy().Match(text);
                        if (deploy.Success)
                        {
                            var evidence = new Evidence(pipeline.Path, step.Line, $"`{Shorten(deploy.Value)}`{via}");
                            (throwaway ? ephemeral : deploys).Add(evidence);
                            break;
                        }

                        var push = ImagePush().Match(text);
                        if (push.Success || step.Uses?.StartsWith("docker/build-push-action", StringComparison.Ordinal) == true && step.Inputs.GetValueOrDefault("push") is "true" or "${{ github.event_name != 'pull_request' }}" ||
                            step.Uses?.StartsWith("docker/build-push-action", StringComparison.Ordinal) == true && step.Inputs.GetValueOrDefault("push") is { } p && p.Contains("github.event_name", StringComparison.Ordinal))
                        {
                            deploys.Add(new Evidence(pipeline.Path, step.Line, push.Success ? $"pushes an image: `{Shorten(push.Value)}`{via}" : "pushes an image (docker/build-push-action)"));
                            break;
                        }

                        var publish = PackagePublish().Match(text);
                        if (publish.Success)
                        {
                            publishes.Add(new Evidence(pipeline.Path, step.Line, $"publishes a package: `{Shorten(publish.Value)}`{via}"));
                            break;
                        }
                    }
                }

                if (job.Environment is { } environment && !throwaway && job.Steps.Count > 0 && !deploys.Any(d => d.Path == pipeline.Path))
                {
                    deploys.Add(new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line, $"job '{job.Name}' deploys to environment '{environment}'"));
                }
            }
        }

        var gitOps = context.Workspace.KubernetesObjects
            .Where(o => o.Kind is "Application" or "ApplicationSet" && o.ApiVersion.StartsWith("argoproj.io", StringComparison.Ordinal) ||
                        o.Kind is "Kustomization" or "HelmRelease" && o.ApiVersion.Contains("fluxcd.io", StringComparison.Ordinal))
            .Select(o => new Evidence(o.Path, o.Line, $"GitOps {o.Kind} '{o.Name}' ({o.ApiVersion})"))
            .ToList();
        deploys.AddRange(gitOps);

        if (deploys.Count > 0)
        {
            return context.Present(deploys, "Automated deployment: " + PracticeContext.Describe(deploys) + ".");
        }

        if (ephemeral.Count > 0)
        {
            return context.Partial(ephemeral, "The only deploy step targets a throwaway cluster created inside CI (kind/minikube/k3d); nothing deploys to a real environment.");
        }

        if (publishes.Count > 0)
        {
            return context.Partial(publishes, "CI publishes packages but nothing builds and deploys the service itself. " + PracticeContext.Describe(publishes) + ".");
        }

        var platform = context.Facts.Platforms.FirstOrDefault(p => p is "vercel" or "netlify" or "heroku" or "fly");
        if (platform is not null)
        {
            return context.Partial([], $"Deployment appears to rely on the {platform} platform's Git integration, configured outside the repository; no pipeline in the repository deploys.");
        }

        return context.Missing("No pipeline deploys the service or publishes its image.",
            ["kubectl/helm/kustomize apply", "az/azd, aws, gcloud deploy commands", "terraform/pulumi/cdk apply", "docker push or docker/build-push-action with push", "jobs with a deployment environment", "GitOps (Argo CD, Flux) manifests"]);
    }

    private static string Shorten(string text) => text.Length <= 70 ? text.Trim() : text[..69].Trim() + "…";

    [GeneratedRegex(@"\b(kubectl\s+(apply|set\s+image|rollout\s+restart|create\s+-f)|helm\s+(upgrade|install)|helmfile\s+(apply|sync)|kustomize\s+build[^\n]*\|\s*kubectl|skaffold\s+(run|deploy)|argocd\s+app\s+sync|az\s+(webapp|functionapp|containerapp|aks|staticwebapp|deployment\s+group)\s+\S*|azd\s+(deploy|up|provision)|aws\s+(ecs\s+update-service|deploy|cloudformation\s+deploy|lambda\s+update-function-code|s3\s+sync|apprunner)|sam\s+deploy|cdk\s+deploy|gcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy|deploy)|terraform\s+apply|terragrunt\s+(run-all\s+)?apply|pulumi\s+up|serverless\s+deploy|sls\s+deploy|vercel\s+(deploy|--prod)|netlify\s+deploy|fly(ctl)?\s+deploy|heroku\s+(container:release|releases)|railway\s+up|fastapi\s+deploy|firebase\s+deploy|wrangler\s+(deploy|publish)|docker\s+stack\s+deploy|docker\s+compose[^\n]*\bup\b[^\n]*-d|ansible-playbook|cf\s+push|dokku|kamal\s+deploy|eb\s+deploy|copilot\s+deploy)")]
    private static partial Regex Deploy();

    [GeneratedRegex(@"\b(docker|podman|buildah)\s+push\b|\bdocker\s+buildx\s+build\b[^\n]*--push|\bdotnet\s+publish\b[^\n]*/t:PublishContainer|\bjib(:build|Build)\b|\bko\s+(build|publish|apply)\b|\bpack\s+build\b[^\n]*--publish|\bspring-boot:build-image\b[^\n]*publish|\bgcloud\s+builds\s+submit\b|\baz\s+acr\s+build\b")]
    private static partial Regex ImagePush();

    [GeneratedRegex(@"\b(dotnet\s+nuget\s+push|nuget\s+push|npm\s+publish|pnpm\s+publish|yarn\s+(npm\s+)?publish|twine\s+upload|poetry\s+publish|uv\s+publish|flit\s+publish|mvn\S*\s+[^\n]*\bdeploy\b|gradlew?\s+[^\n]*\bpublish\b|cargo\s+publish|gem\s+push|goreleaser\b|gh\s+release\s+(create|upload))")]
    private static partial Regex PackagePublish();

    [GeneratedRegex(@"\bkind\s+create\s+cluster\b|helm/kind-action|\bminikube\s+start\b|\bk3d\s+cluster\s+create\b|medyagh/setup-minikube|AbsaOSS/k3d-action")]
    private static partial Regex ThrowawayCluster();
}
