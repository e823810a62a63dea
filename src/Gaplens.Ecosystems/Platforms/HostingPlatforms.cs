using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Ecosystems.Platforms;

/// <summary>A place the repository's code runs, with the first file that shows it.</summary>
public sealed record HostingPlatform(string Key, Evidence Evidence);

/// <summary>
/// Where the code runs, as a reviewer reads it from the repository: the cloud (AWS, Google Cloud, Azure) and the
/// application platform (Heroku, Fly, Render, Railway, Vercel, Netlify, Kamal, App Engine, Cloud Run, ECS...).
/// A cloud counts when the repository provisions it (Terraform providers and resources, CloudFormation, CDK, SAM,
/// Bicep/ARM), deploys to it or logs in to it from CI (aws-actions, google-github-actions, azure/login, aws/gcloud/az
/// commands), pushes images to its registry, or annotates Kubernetes objects for it (EKS roles, GKE ingress). An SDK
/// call to a cloud API is a dependency, not a place the code runs, and does not count.
/// </summary>
public static partial class HostingPlatforms
{
    /// <summary>The clouds; each platform below names the cloud it runs on, when it has one.</summary>
    public static readonly IReadOnlyList<string> Clouds = ["aws", "azure", "gcp"];

    /// <summary>Application platforms and the cloud they belong to (null: their own).</summary>
    public static readonly IReadOnlyDictionary<string, string?> CloudOf = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["ecs"] = "aws", ["eks"] = "aws", ["lambda"] = "aws", ["elastic-beanstalk"] = "aws", ["app-runner"] = "aws", ["cloudformation"] = "aws",
        ["cdk"] = "aws", ["copilot"] = "aws",
        ["cloud-run"] = "gcp", ["app-engine"] = "gcp", ["gke"] = "gcp", ["firebase"] = "gcp", ["cloud-build"] = "gcp",
        ["azure-container-apps"] = "azure", ["app-service"] = "azure", ["aks"] = "azure", ["azure-functions"] = "azure", ["bicep"] = "azure",
        ["arm"] = "azure", ["azd"] = "azure", ["static-web-apps"] = "azure",
        ["heroku"] = null, ["fly"] = null, ["render"] = null, ["railway"] = null, ["vercel"] = null, ["netlify"] = null, ["kamal"] = null,
    };

    /// <summary>Names for the document.</summary>
    public static string Display(string key) => key switch
    {
        "aws" => "AWS",
        "azure" => "Azure",
        "gcp" => "Google Cloud",
        "ecs" => "Amazon ECS",
        "eks" => "Amazon EKS",
        "lambda" => "AWS Lambda",
        "elastic-beanstalk" => "Elastic Beanstalk",
        "app-runner" => "AWS App Runner",
        "cloudformation" => "CloudFormation",
        "cdk" => "AWS CDK",
        "copilot" => "AWS Copilot",
        "cloud-run" => "Cloud Run",
        "app-engine" => "App Engine",
        "gke" => "GKE",
        "firebase" => "Firebase",
        "cloud-build" => "Cloud Build",
        "azure-container-apps" => "Azure Container Apps",
        "app-service" => "Azure App Service",
        "aks" => "AKS",
        "azure-functions" => "Azure Functions",
        "static-web-apps" => "Azure Static Web Apps",
        "bicep" => "Bicep",
        "arm" => "ARM templates",
        "azd" => "Azure Developer CLI",
        "heroku" => "Heroku",
        "fly" => "Fly.io",
        "render" => "Render",
        "railway" => "Railway",
        "vercel" => "Vercel",
        "netlify" => "Netlify",
        "kamal" => "Kamal",
        "kubernetes" => "Kubernetes",
        "compose" => "Docker Compose",
        _ => key,
    };

    public static IReadOnlyList<HostingPlatform> Find(Workspace workspace, IReadOnlyCollection<string> knownPlatforms)
    {
        var found = new SortedDictionary<string, Evidence>(StringComparer.Ordinal);
        void Add(string key, Evidence evidence)
        {
            if (!found.TryGetValue(key, out var known) || Before(evidence, known))
            {
                found[key] = evidence;
            }

            if (CloudOf.GetValueOrDefault(key) is { } cloud)
            {
                Add(cloud, evidence);
            }
        }

        FromFiles(workspace, Add);
        FromTerraform(workspace, Add);
        FromCi(workspace, Add);
        FromKubernetes(workspace, Add);

        // Platforms the ecosystems and the general platform pass found, without a file of their own here.
        foreach (var key in knownPlatforms.Where(k => CloudOf.ContainsKey(k) && !found.ContainsKey(k)))
        {
            Add(key, new Evidence(string.Empty, null, Display(key)));
        }

        return found.Select(kv => new HostingPlatform(kv.Key, kv.Value)).ToList();
    }

    private static bool Before(Evidence a, Evidence b) =>
        b.Path.Length == 0 && a.Path.Length > 0 ||
        a.Path.Length > 0 && (string.CompareOrdinal(a.Path, b.Path) < 0 || a.Path == b.Path && (a.Line ?? 0) < (b.Line ?? 0));

    private static void FromFiles(Workspace workspace, Action<string, Evidence> add)
    {
        foreach (var file in workspace.Files.Files)
        {
            if (FactsBuilder.IsExcluded(file.Path) || workspace.IsTestPath(file.Path))
            {
                continue;
            }

            var name = file.Name;
            var atRoot = file.Directory.Length == 0;
            switch (name)
            {
                case "fly.toml":
                    add("fly", new Evidence(file.Path, null, "Fly.io app configuration"));
                    break;
                case "render.yaml" or "render.yml":
                    add("render", new Evidence(file.Path, null, "Render blueprint"));
                    break;
                case "railway.json" or "railway.toml":
                    add("railway", new Evidence(file.Path, null, "Railway configuration"));
                    break;
                case "vercel.json":
                    add("vercel", new Evidence(file.Path, null, "Vercel configuration"));
                    break;
                case "netlify.toml":
                    add("netlify", new Evidence(file.Path, null, "Netlify configuration"));
                    break;
                case "heroku.yml":
                    add("heroku", new Evidence(file.Path, null, "Heroku container manifest"));
                    break;
                case "app.json" when atRoot && Text(workspace, file) is { } appJson && (appJson.Contains("\"formation\"", StringComparison.Ordinal) || appJson.Contains("\"buildpacks\"", StringComparison.Ordinal) || appJson.Contains("\"addons\"", StringComparison.Ordinal)):
                    add("heroku", new Evidence(file.Path, null, "Heroku app manifest"));
                    break;
                case "app.yaml" or "app.yml" when Text(workspace, file) is { } appYaml && AppEngineRuntime().Match(appYaml) is { Success: true } runtime:
                    add("app-engine", new Evidence(file.Path, LineOf(appYaml, runtime.Index), "App Engine app.yaml"));
                    break;
                case "cloudbuild.yaml" or "cloudbuild.yml" or "cloudbuild.json":
                    add("cloud-build", new Evidence(file.Path, null, "Google Cloud Build configuration"));
                    break;
                case "firebase.json":
                    add("firebase", new Evidence(file.Path, null, "Firebase configuration"));
                    break;
                case "cdk.json":
                    add("cdk", new Evidence(file.Path, null, "AWS CDK app"));
                    break;
                case "buildspec.yml" or "buildspec.yaml" or "appspec.yml" or "appspec.yaml":
                    add("aws", new Evidence(file.Path, null, name.StartsWith("buildspec", StringComparison.Ordinal) ? "AWS CodeBuild specification" : "AWS CodeDeploy specification"));
                    break;
                case "staticwebapp.config.json":
                    add("static-web-apps", new Evidence(file.Path, null, "Azure Static Web Apps configuration"));
                    break;
                case "host.json" when Text(workspace, file)?.Contains("extensionBundle", StringComparison.Ordinal) == true:
                    add("azure-functions", new Evidence(file.Path, null, "Azure Functions host configuration"));
                    break;
                case "azure.yaml" or "azure.yml" when atRoot:
                    add("azd", new Evidence(file.Path, null, "Azure Developer CLI project"));
                    break;
                case "vapor.yml" when atRoot:
                    add("lambda", new Evidence(file.Path, null, "Laravel Vapor (AWS Lambda)"));
                    break;
            }

            if (name.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase))
            {
                add("bicep", new Evidence(file.Path, null, "Bicep template"));
            }
            else if (file.Directory.Split('/').Any(s => s is ".ebextensions" or ".elasticbeanstalk"))
            {
                add("elastic-beanstalk", new Evidence(file.Path, null, "Elastic Beanstalk configuration"));
            }
            else if (file.Directory.Split('/').FirstOrDefault() == "copilot" && name == "manifest.yml")
            {
                add("copilot", new Evidence(file.Path, null, "AWS Copilot service manifest"));
            }
            else if ((name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)) &&
                     file.Is(FileClass.Config | FileClass.Yaml) && Text(workspace, file) is { } text)
            {
                if (text.Contains("AWSTemplateFormatVersion", StringComparison.Ordinal) || text.Contains("AWS::Serverless", StringComparison.Ordinal))
                {
                    add("cloudformation", new Evidence(file.Path, null, "CloudFormation/SAM template"));
                    if (text.Contains("AWS::Serverless", StringComparison.Ordinal))
                    {
                        add("lambda", new Evidence(file.Path, null, "SAM serverless application"));
                    }
                }
                else if (text.Contains("\"containerDefinitions\"", StringComparison.Ordinal) && text.Contains("\"family\"", StringComparison.Ordinal))
                {
                    add("ecs", new Evidence(file.Path, null, "ECS task definition"));
                }
                else if (text.Contains("schema.management.azure.com/schemas", StringComparison.Ordinal) && text.Contains("deploymentTemplate", StringComparison.Ordinal))
                {
                    add("arm", new Evidence(file.Path, null, "ARM template"));
                }
            }
        }
    }

    private static void FromTerraform(Workspace workspace, Action<string, Evidence> add)
    {
        foreach (var tf in workspace.TerraformFiles.Where(t => !FactsBuilder.IsExcluded(t.Path) && !workspace.IsTestPath(t.Path)))
        {
            foreach (var block in tf.Blocks.Concat(tf.Blocks.SelectMany(b => b.Descendants())))
            {
                var label = block.Type switch
                {
                    "resource" or "data" => block.Label(0),
                    "provider" => block.Label(0) + "_",
                    _ => null,
                };
                if (label is null)
                {
                    continue;
                }

                var cloud = label.StartsWith("aws_", StringComparison.Ordinal) ? "aws"
                    : label.StartsWith("google_", StringComparison.Ordinal) ? "gcp"
                    : label.StartsWith("azurerm_", StringComparison.Ordinal) || label.StartsWith("azapi_", StringComparison.Ordinal) ? "azure"
                    : null;
                if (cloud is null)
                {
                    continue;
                }

                var evidence = new Evidence(tf.Path, block.Line, $"Terraform {block.Type} {block.Label(0)}");
                add(label switch
                {
                    _ when label.StartsWith("aws_ecs_", StringComparison.Ordinal) => "ecs",
                    _ when label.StartsWith("aws_eks_", StringComparison.Ordinal) => "eks",
                    _ when label.StartsWith("aws_lambda_", StringComparison.Ordinal) => "lambda",
                    _ when label.StartsWith("aws_elastic_beanstalk", StringComparison.Ordinal) => "elastic-beanstalk",
                    _ when label.StartsWith("aws_apprunner", StringComparison.Ordinal) => "app-runner",
                    _ when label.StartsWith("google_cloud_run", StringComparison.Ordinal) => "cloud-run",
                    _ when label.StartsWith("google_app_engine", StringComparison.Ordinal) => "app-engine",
                    _ when label.StartsWith("google_container_cluster", StringComparison.Ordinal) => "gke",
                    _ when label.StartsWith("azurerm_container_app", StringComparison.Ordinal) => "azure-container-apps",
                    _ when label.StartsWith("azurerm_kubernetes_cluster", StringComparison.Ordinal) => "aks",
                    _ when label.StartsWith("azurerm_linux_web_app", StringComparison.Ordinal) || label.StartsWith("azurerm_windows_web_app", StringComparison.Ordinal) || label.StartsWith("azurerm_app_service", StringComparison.Ordinal) => "app-service",
                    _ when label.StartsWith("azurerm_linux_function_app", StringComparison.Ordinal) || label.StartsWith("azurerm_function_app", StringComparison.Ordinal) => "azure-functions",
                    _ => cloud,
                }, evidence);
            }
        }
    }

    private static void FromCi(Workspace workspace, Action<string, Evidence> add)
    {
        foreach (var run in workspace.Ci.Runs)
        {
            if (run.Step.Uses is { } uses && ActionPlatform(uses) is { } fromAction)
            {
                add(fromAction, new Evidence(run.Step.Path ?? run.Pipeline.Path, run.Step.Line, $"CI uses {uses.Split('@')[0]}"));
            }

            foreach (var command in run.Commands)
            {
                foreach (Match match in CiCommand().Matches(command.Text))
                {
                    if (CommandPlatform(match.Value) is { } key)
                    {
                        add(key, new Evidence(command.Path, command.Line, $"CI runs `{Shorten(match.Value.Trim())}`"));
                    }
                }
            }
        }
    }

    private static void FromKubernetes(Workspace workspace, Action<string, Evidence> add)
    {
        foreach (var path in workspace.KubernetesObjects.Select(o => o.Path).Distinct(StringComparer.Ordinal).Where(p => !FactsBuilder.IsExcluded(p) && !workspace.IsTestPath(p)))
        {
            if (workspace.Text(path)?.Text is not { } text || KubernetesCloud().Match(text) is not { Success: true } match)
            {
                continue;
            }

            var key = match.Value switch
            {
                _ when match.Value.Contains("amazonaws", StringComparison.Ordinal) || match.Value.StartsWith("alb.", StringComparison.Ordinal) => "eks",
                _ when match.Value.Contains("azure", StringComparison.Ordinal) => "aks",
                _ => "gke",
            };
            add(key, new Evidence(path, LineOf(text, match.Index), $"Kubernetes annotation {match.Value}"));
        }
    }

    private static string? ActionPlatform(string uses)
    {
        var name = uses.Split('@')[0].ToLowerInvariant();
        return name switch
        {
            _ when name.StartsWith("aws-actions/amazon-ecs", StringComparison.Ordinal) => "ecs",
            _ when name.StartsWith("aws-actions/", StringComparison.Ordinal) => "aws",
            _ when name.StartsWith("google-github-actions/deploy-cloudrun", StringComparison.Ordinal) => "cloud-run",
            _ when name.StartsWith("google-github-actions/deploy-appengine", StringComparison.Ordinal) => "app-engine",
            _ when name.StartsWith("google-github-actions/get-gke", StringComparison.Ordinal) => "gke",
            _ when name.StartsWith("google-github-actions/", StringComparison.Ordinal) => "gcp",
            _ when name.StartsWith("azure/webapps-deploy", StringComparison.Ordinal) => "app-service",
            _ when name.StartsWith("azure/container-apps-deploy", StringComparison.Ordinal) => "azure-container-apps",
            _ when name.StartsWith("azure/aks-set-context", StringComparison.Ordinal) => "aks",
            _ when name.StartsWith("azure/functions-action", StringComparison.Ordinal) => "azure-functions",
            _ when name.StartsWith("azure/static-web-apps-deploy", StringComparison.Ordinal) => "static-web-apps",
            _ when name.StartsWith("azure/", StringComparison.Ordinal) => "azure",
            _ when name.StartsWith("superfly/", StringComparison.Ordinal) => "fly",
            _ when name.Contains("heroku-deploy", StringComparison.Ordinal) => "heroku",
            _ when name.Contains("vercel-action", StringComparison.Ordinal) => "vercel",
            _ when name.Contains("netlify", StringComparison.Ordinal) => "netlify",
            _ when name.Contains("render-deploy", StringComparison.Ordinal) => "render",
            _ => null,
        };
    }

    private static string? CommandPlatform(string command)
    {
        var text = command.Trim();
        return text switch
        {
            _ when text.StartsWith("aws ecs", StringComparison.Ordinal) || text.StartsWith("ecs-deploy", StringComparison.Ordinal) => "ecs",
            _ when text.StartsWith("aws eks", StringComparison.Ordinal) => "eks",
            _ when text.StartsWith("aws lambda", StringComparison.Ordinal) || text.StartsWith("sam deploy", StringComparison.Ordinal) => "lambda",
            _ when text.StartsWith("eb deploy", StringComparison.Ordinal) => "elastic-beanstalk",
            _ when text.StartsWith("copilot", StringComparison.Ordinal) => "copilot",
            _ when text.StartsWith("cdk deploy", StringComparison.Ordinal) => "cdk",
            _ when text.StartsWith("aws ", StringComparison.Ordinal) || text.Contains(".amazonaws.com", StringComparison.Ordinal) => "aws",
            _ when text.StartsWith("gcloud run", StringComparison.Ordinal) => "cloud-run",
            _ when text.StartsWith("gcloud app", StringComparison.Ordinal) => "app-engine",
            _ when text.StartsWith("gcloud container", StringComparison.Ordinal) => "gke",
            _ when text.StartsWith("firebase deploy", StringComparison.Ordinal) => "firebase",
            _ when text.StartsWith("gcloud", StringComparison.Ordinal) || text.Contains("gcr.io", StringComparison.Ordinal) || text.Contains("-docker.pkg.dev", StringComparison.Ordinal) => "gcp",
            _ when text.StartsWith("az webapp", StringComparison.Ordinal) => "app-service",
            _ when text.StartsWith("az containerapp", StringComparison.Ordinal) => "azure-container-apps",
            _ when text.StartsWith("az aks", StringComparison.Ordinal) => "aks",
            _ when text.StartsWith("az functionapp", StringComparison.Ordinal) || text.StartsWith("func azure", StringComparison.Ordinal) => "azure-functions",
            _ when text.StartsWith("azd", StringComparison.Ordinal) => "azd",
            _ when text.StartsWith("az ", StringComparison.Ordinal) || text.Contains(".azurecr.io", StringComparison.Ordinal) => "azure",
            _ when text.StartsWith("fly", StringComparison.Ordinal) => "fly",
            _ when text.StartsWith("heroku", StringComparison.Ordinal) || text.Contains("heroku", StringComparison.Ordinal) && text.StartsWith("git push", StringComparison.Ordinal) => "heroku",
            _ when text.StartsWith("vercel", StringComparison.Ordinal) => "vercel",
            _ when text.StartsWith("netlify", StringComparison.Ordinal) => "netlify",
            _ when text.StartsWith("railway", StringComparison.Ordinal) => "railway",
            _ when text.StartsWith("kamal", StringComparison.Ordinal) => "kamal",
            _ => null,
        };
    }

    private static string? Text(Workspace workspace, RepoFile file) => workspace.Text(file)?.Text;

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, Math.Min(index, text.Length)).Count('\n');

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";

    [GeneratedRegex(@"(?m)^runtime:\s*\S+")]
    private static partial Regex AppEngineRuntime();

    [GeneratedRegex(@"(?m)(?<![\w./-])(aws\s+(ecs|eks|lambda|s3|ecr|cloudformation|deploy|apprunner|elasticbeanstalk|ssm|secretsmanager)\b|ecs-deploy\b|sam\s+deploy\b|eb\s+deploy\b|copilot\s+(svc\s+)?deploy\b|cdk\s+deploy\b|gcloud\s+(run|app|container|builds|functions|auth|compute|sql)\b|firebase\s+deploy\b|az\s+(webapp|containerapp|aks|functionapp|acr|login|deployment|staticwebapp)\b|func\s+azure\b|azd\s+(deploy|up|provision)\b|fly(ctl)?\s+deploy\b|heroku\s+(container:|releases|git:remote|deploy)|git\s+push\s+\S*heroku\S*|vercel\s+(deploy|--prod|build)\b|netlify\s+deploy\b|railway\s+up\b|kamal\s+(deploy|setup)\b|\S+\.dkr\.ecr\.\S+\.amazonaws\.com\S*|\S*(?<![\w-])gcr\.io/\S+|\S+-docker\.pkg\.dev/\S+|\S+\.azurecr\.io\S*)")]
    private static partial Regex CiCommand();

    [GeneratedRegex(@"eks\.amazonaws\.com/[\w-]+|alb\.ingress\.kubernetes\.io/[\w-]+|service\.beta\.kubernetes\.io/aws-[\w-]+|cloud\.google\.com/[\w-]+|networking\.gke\.io/[\w-]+|iam\.gke\.io/[\w-]+|azure\.workload\.identity/[\w-]+|service\.beta\.kubernetes\.io/azure-[\w-]+|kubernetes\.azure\.com/[\w-]+")]
    private static partial Regex KubernetesCloud();
}
