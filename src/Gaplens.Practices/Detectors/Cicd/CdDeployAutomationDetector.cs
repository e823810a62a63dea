using Gaplens.Core.Model;
using Gaplens.Ecosystems.Ci;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Cicd;

/// <summary>
/// A pipeline deploys the service or publishes its image (a switched-off deploy job still counts when images are
/// pushed), looking through the scripts, make targets and composite actions its steps call. Deploying only into a
/// throwaway cluster inside CI, or publishing packages rather than the service, is partial; so is relying on a
/// platform's Git integration configured outside the repository. A job bound to an environment deploys unless all it
/// does there is publish a package.
/// </summary>
public sealed class CdDeployAutomationDetector : IPracticeDetector
{
    public string PracticeId => "cd-deploy-automation";

    public Verdict Detect(PracticeContext context)
    {
        var ci = context.Workspace.Ci;
        var steps = ci.Deploys;
        var deploys = steps.Where(s => s.Kind is DeployKind.Deploy or DeployKind.ImagePush).Select(s => new Evidence(s.Run.Path, s.Run.Step.Line, s.Detail)).ToList();
        foreach (var pipeline in ci.Pipelines)
        {
            foreach (var job in pipeline.Jobs.Where(j => j.Environment is not null && j.Steps.Count > 0))
            {
                var jobSteps = steps.Where(s => ReferenceEquals(s.Job, job)).ToList();
                if (jobSteps.Any(s => s.Kind is DeployKind.Throwaway or DeployKind.PackagePublish) && !jobSteps.Any(s => s.Kind is DeployKind.Deploy or DeployKind.ImagePush))
                {
                    continue;
                }

                if (!deploys.Any(d => d.Path == pipeline.Path))
                {
                    deploys.Add(new Evidence(pipeline.Path, job.EnvironmentLine > 0 ? job.EnvironmentLine : job.Line, $"job '{job.Name}' deploys to environment '{job.Environment}'"));
                }
            }
        }

        deploys.AddRange(context.Workspace.KubernetesObjects
            .Where(o => o.Kind is "Application" or "ApplicationSet" && o.ApiVersion.StartsWith("argoproj.io", StringComparison.Ordinal) ||
                        o.Kind is "Kustomization" or "HelmRelease" && o.ApiVersion.Contains("fluxcd.io", StringComparison.Ordinal))
            .Select(o => new Evidence(o.Path, o.Line, $"GitOps {o.Kind} '{o.Name}' ({o.ApiVersion})")));

        if (deploys.Count > 0)
        {
            return context.Present(deploys, "Automated deployment: " + PracticeContext.Describe(deploys) + ".");
        }

        var throwaway = steps.Where(s => s.Kind == DeployKind.Throwaway).Select(s => new Evidence(s.Run.Path, s.Run.Step.Line, s.Detail)).ToList();
        if (throwaway.Count > 0)
        {
            return context.Partial(throwaway, "The only deploy step targets a throwaway cluster created inside CI (kind/minikube/k3d); nothing deploys to a real environment.");
        }

        var packages = steps.Where(s => s.Kind == DeployKind.PackagePublish).Select(s => new Evidence(s.Run.Path, s.Run.Step.Line, s.Detail)).ToList();
        if (packages.Count > 0)
        {
            return context.Partial(packages, "CI publishes packages but nothing builds and deploys the service itself. " + PracticeContext.Describe(packages) + ".");
        }

        var platform = context.Facts.SourceDeployPlatform;
        if (platform is not null)
        {
            return context.Partial([], $"Deployment appears to rely on the {platform} platform's Git integration, configured outside the repository; no pipeline in the repository deploys.");
        }

        return context.Missing("No pipeline deploys the service or publishes its image.",
            ["kubectl/helm/kustomize apply", "az/azd, aws, gcloud deploy commands", "terraform/pulumi/cdk apply", "docker push or docker/build-push-action with push", "deploy actions, plugins and pipes", "jobs with a deployment environment", "GitOps (Argo CD, Flux) manifests", "scripts and make targets called by CI steps"]);
    }
}
