using System.Buffers;
using System.Text.RegularExpressions;

namespace Gaplens.Ecosystems.Ci;

/// <summary>How a CI step ships: a real deployment, an image push, a package publish, or a deployment into a throwaway cluster inside CI.</summary>
public enum DeployKind
{
    Deploy,
    ImagePush,
    PackagePublish,
    Throwaway,
}

/// <summary>A step that runs the tests of an ecosystem, with the command that does it.</summary>
public sealed record CiTestRun(string Ecosystem, CiStepRun Run, CiCommand Command, string Shown);

/// <summary>A step that collects or reports test coverage, with the command that does it.</summary>
public sealed record CiCoverageRun(CiStepRun Run, CiCommand Command, string Shown);

/// <summary>A step that deploys or publishes, with what it does.</summary>
public sealed record CiDeployStep(CiStepRun Run, DeployKind Kind, string Detail)
{
    public CiPipeline Pipeline => Run.Pipeline;

    public CiJob Job => Run.Job;
}

/// <summary>
/// What the commands of CI steps do: run a test suite (per ecosystem), deploy, push an image, publish a package. The
/// rules read every command a step executes, so "a CI step that calls make test runs the tests" when the make target
/// runs them, and a deploy script called by a make target is a deploy.
/// </summary>
public static partial class CiActivities
{
    /// <summary>Test commands per ecosystem, in the order they are tried.</summary>
    public static readonly IReadOnlyList<(string Ecosystem, Regex Command)> TestRunners =
    [
        ("dotnet", DotnetTest()),
        ("node", NodeTest()),
        ("python", PythonTest()),
        ("go", GoTest()),
        ("java", JavaTest()),
        ("ruby", RubyTest()),
        ("rust", RustTest()),
        ("php", PhpTest()),
        ("elixir", ElixirTest()),
        ("other", OtherTest()),
    ];

    /// <summary>Words one of which every test command contains: commands without any skip the test regexes.</summary>
    private static readonly SearchValues<string> TestWords = SearchValues.Create(
        ["test", "Test", "TEST", "spec", "jest", "mocha", "karma", "wdio", "jasmine", "cucumber", "behave", "mvn", "gradle", "sbt", "ginkgo", "e2e", "ava",
         "cypress", "playwright", "appveyor:", "check", "phpunit", "pest", "codecept", "coverage", "vitest", "unittest", "RakeTask", "npm t", "llvm-cov"],
        StringComparison.Ordinal);

    /// <summary>Words one of which every deploy, image push or publish command contains.</summary>
    private static readonly SearchValues<string> ShipWords = SearchValues.Create(
        ["kubectl", "helm", "skaffold", "argocd", "az ", "azd ", "aws ", "sam ", "cdk ", "gcloud", "gke-deploy", "terraform", "terragrunt", "pulumi", "serverless", "sls ",
         "vercel", "netlify", "fly", "heroku", "railway", "fastapi", "firebase", "wrangler", "docker", "podman", "buildah", "ansible", "cf ", "kamal", "eb ", "copilot",
         "push", "jib", "ko ", "pack ", "PublishContainer", "nuget", "publish", "twine", "mvn", "gradle", "gem ", "goreleaser", "gh ", "deploy", "changeset", "lerna"],
        StringComparison.Ordinal);

    private static readonly SearchValues<string> ClusterWords = SearchValues.Create(["kind", "minikube", "k3d"], StringComparison.Ordinal);

    /// <summary>Words one of which every coverage command contains.</summary>
    private static readonly SearchValues<string> CoverageWords = SearchValues.Create(
        ["cov", "Cov", "COV", "lcov", "nyc", "c8", "jacoco", "kover", "reportgenerator", "collect"], StringComparison.Ordinal);

    internal static IReadOnlyList<CiTestRun> FindTests(IReadOnlyList<CiStepRun> runs)
    {
        var result = new List<CiTestRun>();
        foreach (var run in runs)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var command in run.Commands)
            {
                if (command.Text.AsSpan().IndexOfAny(TestWords) < 0)
                {
                    continue;
                }

                foreach (var (ecosystem, regex) in TestRunners)
                {
                    if (found.Contains(ecosystem))
                    {
                        continue;
                    }

                    var match = regex.Match(command.Text);
                    if (match.Success && !(ecosystem == "java" && SkipsTests().IsMatch(command.Text)))
                    {
                        found.Add(ecosystem);
                        result.Add(new CiTestRun(ecosystem, run, command, match.Value.Trim()));
                    }
                }
            }

            if (!found.Contains("dotnet") && run.Step.Uses is { } uses &&
                (uses.StartsWith("DotNetCoreCLI", StringComparison.Ordinal) && run.Step.Inputs.GetValueOrDefault("command") == "test" || uses.StartsWith("VSTest", StringComparison.Ordinal)))
            {
                result.Add(new CiTestRun("dotnet", run, run.Commands[0], uses.StartsWith("VSTest", StringComparison.Ordinal) ? "VSTest" : "DotNetCoreCLI test"));
            }
        }

        return result;
    }

    /// <summary>Steps whose commands (followed) collect coverage or report it to a coverage service.</summary>
    internal static IReadOnlyList<CiCoverageRun> FindCoverage(IReadOnlyList<CiStepRun> runs)
    {
        var result = new List<CiCoverageRun>();
        foreach (var run in runs)
        {
            if (run.Step.Uses is { } uses && CoverageAction().IsMatch(uses))
            {
                result.Add(new CiCoverageRun(run, run.Commands[0], uses.Split('@')[0]));
                continue;
            }

            if (run.Commands.FirstOrDefault(c => c.Text.AsSpan().IndexOfAny(CoverageWords) >= 0 && CoverageCommand().IsMatch(c.Text)) is { } command)
            {
                result.Add(new CiCoverageRun(run, command, CoverageCommand().Match(command.Text).Value.Trim()));
            }
        }

        return result;
    }

    internal static IReadOnlyList<CiDeployStep> FindDeploys(IReadOnlyList<CiStepRun> runs, IReadOnlyList<CiTestRun> tests)
    {
        var testing = tests.Select(t => t.Run.Job).ToHashSet(ReferenceEqualityComparer.Instance);
        var result = new List<CiDeployStep>();
        foreach (var job in runs.GroupBy(r => r.Job))
        {
            // A deploy whose job first creates a cluster inside CI (kind, minikube, k3d) deploys into a throwaway cluster.
            var throwaway = job.Any(r => r.Commands.Any(c => c.Text.AsSpan().IndexOfAny(ClusterWords) >= 0 && ThrowawayCluster().IsMatch(c.Text)));
            var jobTests = testing.Contains(job.Key);
            foreach (var run in job)
            {
                // Services started with compose in a job that also runs the tests are the test environment, not a deployment.
                if (Classify(run, composeIsTestEnvironment: jobTests) is { } found)
                {
                    var kind = found.Kind == DeployKind.Deploy && throwaway ? DeployKind.Throwaway : found.Kind;
                    result.Add(new CiDeployStep(run, kind, found.Detail));
                }
            }
        }

        return result;
    }

    private static (DeployKind Kind, string Detail)? Classify(CiStepRun run, bool composeIsTestEnvironment)
    {
        var step = run.Step;
        if (step.Uses is { } uses && KnownStep(uses, step.Inputs) is { } known)
        {
            return known;
        }

        foreach (var command in run.Commands)
        {
            if (command.Text.AsSpan().IndexOfAny(ShipWords) < 0)
            {
                continue;
            }

            var via = command.ViaText;
            if (Deploy().Match(command.Text) is { Success: true } deploy && !(composeIsTestEnvironment && deploy.Value.StartsWith("docker compose", StringComparison.Ordinal)))
            {
                return (DeployKind.Deploy, $"`{Shorten(deploy.Value)}`{via}");
            }

            if (ImagePush().Match(command.Text) is { Success: true } image)
            {
                return (DeployKind.ImagePush, $"pushes an image: `{Shorten(image.Value)}`{via}");
            }

            if (PackagePublish().Match(command.Text) is { Success: true } publish)
            {
                return (DeployKind.PackagePublish, $"publishes a package: `{Shorten(publish.Value)}`{via}");
            }
        }

        return null;
    }

    /// <summary>
    /// Actions, plugins, pipes and resources that deploy or publish by what they are: build-push actions and registry
    /// plugins push images, "*-deploy" actions and pipes, Helm/kubectl/SSH plugins and Cloud Foundry resources deploy,
    /// release and registry-publish actions publish packages.
    /// </summary>
    private static (DeployKind Kind, string Detail)? KnownStep(string uses, IReadOnlyDictionary<string, string> inputs)
    {
        var name = uses.Split('@')[0];
        var lower = name.ToLowerInvariant();
        var dryRun = inputs.GetValueOrDefault("dry_run") is "true" || inputs.GetValueOrDefault("dry-run") is "true" || inputs.GetValueOrDefault("dryrun") is "true";
        if (lower.StartsWith("docker/build-push-action", StringComparison.Ordinal))
        {
            return inputs.GetValueOrDefault("push") is { } push && push != "false" ? (DeployKind.ImagePush, "pushes an image (docker/build-push-action)") : null;
        }

        if (lower == "cloudbuild:images")
        {
            return (DeployKind.ImagePush, $"Cloud Build pushes the images listed under images: ({inputs.GetValueOrDefault("images")})");
        }

        if (lower.StartsWith("concourse-put:", StringComparison.Ordinal))
        {
            var type = lower["concourse-put:".Length..];
            return type switch
            {
                "registry-image" or "docker-image" => (DeployKind.ImagePush, $"puts an image to a registry ({type})"),
                "cf" or "cf-cli-resource" or "bosh-deployment" or "kubernetes" or "k8s" or "helm" or "cloudfoundry" => (DeployKind.Deploy, $"deploys through the {type} resource"),
                "github-release" or "s3" or "gcs" or "artifactory" => (DeployKind.PackagePublish, $"publishes through the {type} resource"),
                _ when type.Contains("helm", StringComparison.Ordinal) || type.Contains("k8s", StringComparison.Ordinal) || type.Contains("kubernetes", StringComparison.Ordinal) || type.Contains("cf-", StringComparison.Ordinal) => (DeployKind.Deploy, $"deploys through the {type} resource"),
                _ => null,
            };
        }

        if (lower.StartsWith("appveyor-deploy:", StringComparison.Ordinal) || lower.StartsWith("travis-deploy:", StringComparison.Ordinal))
        {
            var provider = lower[(lower.IndexOf(':') + 1)..];
            return provider is "nuget" or "github" or "releases" or "npm" or "pypi" or "rubygems" or "packagecloud" or "azureblob" or "bintray" or "pages"
                ? (DeployKind.PackagePublish, $"publishes with the {provider} provider")
                : (DeployKind.Deploy, $"deploys with the {provider} provider");
        }

        if (lower == "buildkite-plugin:docker-compose#push")
        {
            return (DeployKind.ImagePush, "pushes images (docker-compose plugin push)");
        }

        if (AzureTask(name, inputs) is { } task)
        {
            return task;
        }

        var last = lower.Contains('/', StringComparison.Ordinal) ? lower[(lower.LastIndexOf('/') + 1)..] : lower;
        last = last.Split(':')[0];
        if (dryRun || last.StartsWith("setup-", StringComparison.Ordinal) || last.Contains("login", StringComparison.Ordinal))
        {
            return null;
        }

        if (last.Contains("pages", StringComparison.Ordinal) && !lower.StartsWith("cloudflare/", StringComparison.Ordinal))
        {
            // GitHub Pages holds documentation sites, not the service.
            return null;
        }

        // Plugins of container-step systems (Woodpecker, Drone), Bitbucket pipes and Buildkite plugins are named for their tool.
        var plugin = lower.Contains("plugin", StringComparison.Ordinal) || lower.StartsWith("plugins/", StringComparison.Ordinal) || lower.Contains("drone", StringComparison.Ordinal) ||
                     lower.StartsWith("atlassian/", StringComparison.Ordinal) || lower.Contains("kaniko", StringComparison.Ordinal);
        if (last.Contains("deploy", StringComparison.Ordinal) || plugin && DeployPlugin().IsMatch(last) || HostingAction().IsMatch(lower) ||
            lower.StartsWith("appleboy/", StringComparison.Ordinal) && (last.Contains("ssh", StringComparison.Ordinal) || last.Contains("scp", StringComparison.Ordinal)))
        {
            return (DeployKind.Deploy, $"deploys with {name}");
        }

        if (plugin && ImagePlugin().IsMatch(last) || lower.StartsWith("redhat-actions/push-to-registry", StringComparison.Ordinal))
        {
            return (DeployKind.ImagePush, $"builds and pushes an image ({name})");
        }

        if (PublishPlugin().IsMatch(lower))
        {
            return (DeployKind.PackagePublish, $"publishes a release or package ({name})");
        }

        return null;
    }

    /// <summary>Azure Pipelines tasks that push images, deploy or publish packages, by task and command.</summary>
    private static (DeployKind Kind, string Detail)? AzureTask(string name, IReadOnlyDictionary<string, string> inputs)
    {
        var command = inputs.GetValueOrDefault("command")?.ToLowerInvariant();
        return name switch
        {
            "Docker" when command is "push" or "buildandpush" => (DeployKind.ImagePush, $"pushes an image (Docker task, {command})"),
            "AzureWebApp" or "AzureFunctionApp" or "AzureContainerApps" or "AzureWebAppContainer" or "AzureFunctionAppContainer" or "AzureSpringCloud" or "AzureStaticWebApp"
                => (DeployKind.Deploy, $"deploys with the {name} task"),
            "KubernetesManifest" when inputs.GetValueOrDefault("action") is "deploy" or null => (DeployKind.Deploy, "deploys with the KubernetesManifest task"),
            "Kubernetes" when command is "apply" or "set" => (DeployKind.Deploy, $"deploys with the Kubernetes task ({command})"),
            "HelmDeploy" when command is "upgrade" or "install" => (DeployKind.Deploy, $"deploys with the HelmDeploy task ({command})"),
            "DotNetCoreCLI" or "NuGetCommand" when command is "push" => (DeployKind.PackagePublish, $"publishes a package ({name} push)"),
            "Npm" when command is "publish" => (DeployKind.PackagePublish, "publishes a package (Npm publish)"),
            _ => null,
        };
    }

    private static string Shorten(string text) => text.Length <= 70 ? text.Trim() : text[..69].Trim() + "…";

    [GeneratedRegex(@"\bdotnet\s+(test|coverage\s+collect)\b|\bdotnet-coverage\b|\bInvoke-Build\b.*\btest|\bdotnet\s+run\b.*--project\s+\S*[Tt]ests?\b|\bDotNet(?:Core)?Test\s*\(|\bvstest(\.console)?\b|appveyor:test-discovery")]
    private static partial Regex DotnetTest();

    [GeneratedRegex(@"\b(npm|pnpm|yarn|bun)\s+(run\s+)?(test|e2e|test:[\w:-]+)\b|\bnpm\s+t\b|\bnpm\s+run\s+\w*test|\b(npx|pnpm exec|yarn)\s+(jest|vitest|mocha|playwright\s+test|cypress\s+run|ava|karma|nx\s+(run-many\s+.*)?test)\b|(?<![\w-])(jest|vitest(\s+run)?|mocha|playwright\s+test|cypress\s+run|karma\s+start|ng\s+test|wdio|jasmine)(?![\w.-])|\bturbo\s+(run\s+)?test\b|\bnx\s+(affected|run-many).*\btest\b|\bdeno\s+test\b|\bnode\s+--test\b")]
    private static partial Regex NodeTest();

    [GeneratedRegex(@"\bpytest\b|\bpy\.test\b|\bpython\d?(\.\d+)?\s+-m\s+(pytest|unittest)\b|\bmanage\.py\s+test\b|\bcoverage\s+run\b|\b(uv|poetry|hatch|pdm)\s+run\s+(pytest|test)\b|\bsetup\.py\s+test\b|\bruntests(\.py)?\b|\bdjango-admin\s+test\b|\bbehave\b")]
    private static partial Regex PythonTest();

    [GeneratedRegex(@"\bgo\s+test\b|\bgotestsum\b|\bginkgo\b|\brichgo\s+test\b")]
    private static partial Regex GoTest();

    [GeneratedRegex(@"\b(mvnw?|\./mvnw|mvn\.cmd)\b[^\n]*\b(test|verify|install|package)\b|\b(gradlew?|\./gradlew)\b[^\n]*\b(test|check|build|integrationTest)\b|\bsbt\b[^\n]*\btest\b")]
    private static partial Regex JavaTest();

    [GeneratedRegex(@"-DskipTests|-Dmaven\.test\.skip=true|\s-x\s+test\b|--exclude-task\s+test\b")]
    private static partial Regex SkipsTests();

    [GeneratedRegex(@"\b(bin/)?rails\s+(test|spec)\b|(?<![\w-])rspec\b|\brake\s+(test|spec)\b|RSpec::Core::RakeTask|Rake::TestTask|Minitest::TestTask|\bcucumber\b")]
    private static partial Regex RubyTest();

    [GeneratedRegex(@"\bcargo\s+(\+\S+\s+)?(test|nextest|llvm-cov)\b|\bcargo-nextest\b")]
    private static partial Regex RustTest();

    [GeneratedRegex(@"\bphpunit\b|\bpest\b|\bartisan\s+test\b|\bcodecept(ion)?\s+run\b")]
    private static partial Regex PhpTest();

    [GeneratedRegex(@"\bmix\s+test\b")]
    private static partial Regex ElixirTest();

    [GeneratedRegex(@"\bmake\s+(-\S+\s+)*(test-[\w-]+|[\w-]+-tests?|tests|test|check|unit-test|unittest)(?![\w-])|\bctest\b|\bswift\s+test\b|\btask\s+test\b|\bjust\s+test\b|\bbazel\s+test\b|\bbun\s+test\b")]
    private static partial Regex OtherTest();

    [GeneratedRegex(@"\b(kubectl\s+(apply|set\s+image|rollout\s+restart|create\s+-f)|helm\s+(upgrade|install)|helmfile\s+(apply|sync)|skaffold\s+(run|deploy)|argocd\s+app\s+sync|az\s+(webapp|functionapp|containerapp|aks|staticwebapp|deployment\s+group)\s+\S+|azd\s+(deploy|up|provision)|aws\s+(ecs\s+update-service|deploy|cloudformation\s+deploy|lambda\s+update-function-code|s3\s+sync|apprunner)|sam\s+deploy|cdk\s+deploy|gcloud\s+(run\s+deploy|app\s+deploy|functions\s+deploy|run\s+services\s+update)|gke-deploy\s+run|terraform\s+apply|terragrunt\s+(run-all\s+)?apply|pulumi\s+up|serverless\s+deploy|sls\s+deploy|vercel\s+(deploy|--prod)|netlify\s+deploy|fly(ctl)?\s+deploy|heroku\s+(container:release|releases)|railway\s+up|fastapi\s+deploy|firebase\s+deploy|wrangler\s+(deploy|publish)|docker\s+stack\s+deploy|docker\s+compose[^\n]*\bup\b[^\n]*-d|ansible-playbook|cf\s+push|kamal\s+deploy|eb\s+deploy|copilot\s+(svc\s+)?deploy)")]
    private static partial Regex Deploy();

    [GeneratedRegex(@"\b(docker|podman|buildah)\s+push\b|\bdocker\s+buildx\s+build\b[^\n]*--push|\bdotnet\s+publish\b[^\n]*/t:PublishContainer|\bjib(:build|Build)\b|\bko\s+(build|publish|apply)\b|\bpack\s+build\b[^\n]*--publish|\bgcloud\s+builds\s+submit\b|\baz\s+acr\s+build\b|\bskaffold\s+build\b[^\n]*--push|\bdocker\s+compose\s+[^\n]*\bpush\b|\bdocker-compose\s+[^\n]*\bpush\b")]
    private static partial Regex ImagePush();

    [GeneratedRegex(@"\b(dotnet\s+nuget\s+push|nuget\s+push|npm\s+publish|pnpm\s+publish|yarn\s+(npm\s+)?publish|twine\s+upload|poetry\s+publish|uv\s+publish|flit\s+publish|mvn\S*\s+[^\n]*\bdeploy\b|gradlew?\s+[^\n]*\bpublish\b|cargo\s+publish(?![^\n]*--dry-run)|gem\s+push|goreleaser\b|gh\s+release\s+(create|upload)|changeset\s+publish|lerna\s+publish)")]
    private static partial Regex PackagePublish();

    [GeneratedRegex(@"(?i)codecov|coveralls|coverage|PublishCodeCoverageResults|cobertura")]
    private static partial Regex CoverageAction();

    [GeneratedRegex(@"(?<![\w-])--cov(=\S*|\s|$)|--cov-report|\bcoverage\s+(run|report|xml|html|lcov|json|combine)\b|-coverprofile|\bgo\s+test\b[^\n]*\s-cover\b|--coverage\b|--code-coverage\b|--collect[:\s]+""?(XPlat Code Coverage|Code Coverage)""?|CollectCoverage=true|\bdotnet-coverage\b|\breportgenerator\b|\bcargo\s+(llvm-cov|tarpaulin)\b|\bgrcov\b|(?<![\w-])(nyc|c8)\s+\S|\bsbt\b[^\n]*\scoverage(Report|Aggregate)?\b|\bjacocoTestReport\b|\bjacoco:report\b|\bkover(Xml|Html)?Report\b|--coverage-(clover|html|text|xml|cobertura)|\bmix\s+(coveralls|test\s+--cover)|\bCOVERAGE=(true|1)\b|(?<![\w/.-])(codecov|coveralls|goveralls)(?![\w.-])|codecov\.io/bash")]
    private static partial Regex CoverageCommand();

    [GeneratedRegex(@"\bkind\s+create\s+cluster\b|helm/kind-action|\bminikube\s+start\b|\bk3d\s+cluster\s+create\b|medyagh/setup-minikube|AbsaOSS/k3d-action")]
    private static partial Regex ThrowawayCluster();

    [GeneratedRegex(@"^(drone-)?(helm\d?|kubectl|kubernetes|k8s|ansible|ecs|cloudrun|gke|heroku|netlify|vercel|cloudfoundry|cf|kamal|nomad|argocd|ssh|scp|rsync)([-_].*)?$|(^|[-_])(helm|kubectl|kubernetes|ecs-deploy|cloud-run|cloudrun|heroku|netlify|vercel)([-_]|$)")]
    private static partial Regex DeployPlugin();

    [GeneratedRegex(@"(^|/)(wrangler-action|vercel-action|actions-netlify|netlify-actions|heroku-action|render-deploy)")]
    private static partial Regex HostingAction();

    [GeneratedRegex(@"docker|kaniko|buildx|buildah|(^|[-_])(ecr|gcr|acr|ghcr|registry)([-_]|$)|push-to-registry")]
    private static partial Regex ImagePlugin();

    [GeneratedRegex(@"(^|/)(plugin-release|github-release|gitea-release|action-gh-release|release-action|create-release|npm-publish|gh-action-pypi-publish|chart-releaser-action|goreleaser-action|plugin-npm|npm|pypi|plugin-pypi|crates-io-auth-action)($|[-_])")]
    private static partial Regex PublishPlugin();
}
