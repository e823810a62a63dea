using Gaplens.Tests;

namespace Gaplens.Practices.Tests;

/// <summary>Where the code runs: clouds and application platforms from provisioning, CI, manifests and annotations.</summary>
public sealed class HostingPlatformTests
{
    private const string NodeApp = """{ "name": "api", "dependencies": { "express": "^4.19.0" } }""";
    private const string Server = "const app = require('express')();\napp.get('/orders', (req, res) => res.json([]));\napp.listen(3000);\n";

    private static FixtureCopy App() => FixtureCopy.Empty().With("package.json", NodeApp).With("src/server.js", Server);

    [Fact]
    public void Terraform_resources_name_the_cloud_and_the_service_platform()
    {
        using var tree = App()
            .With("infra/main.tf", "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n\nresource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n}\n");

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Contains("aws", facts.Clouds);
        var ecs = Assert.Single(facts.Hosting, h => h.Key == "ecs");
        Assert.Equal("infra/main.tf", ecs.Evidence.Path);
        Assert.DoesNotContain("azure", facts.Clouds);
        Assert.DoesNotContain("gcp", facts.Clouds);
    }

    [Fact]
    public void Ci_that_deploys_to_cloud_run_runs_on_google_cloud()
    {
        using var tree = App()
            .With(".github/workflows/deploy.yml", """
                on: { push: { branches: [main] } }
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: google-github-actions/auth@v2
                        with: { credentials_json: "${{ secrets.GCP_SA }}" }
                      - run: gcloud run deploy api --source . --region europe-west1
                """);

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Contains(facts.Hosting, h => h.Key == "cloud-run" && h.Evidence.Path == ".github/workflows/deploy.yml");
        Assert.Equal(["gcp"], facts.Clouds);
    }

    [Fact]
    public void Application_platform_manifests_are_their_platforms()
    {
        using var tree = App()
            .With("render.yaml", "services:\n  - type: web\n    name: api\n    env: node\n    buildCommand: npm ci\n    startCommand: node src/server.js\n")
            .With("fly.toml", "app = \"api\"\n[http_service]\n  internal_port = 3000\n")
            .With("app.yaml", "runtime: nodejs20\n");

        var keys = Scan.Run(tree.Root).Facts.Hosting.Select(h => h.Key).ToList();

        Assert.Contains("render", keys);
        Assert.Contains("fly", keys);
        Assert.Contains("app-engine", keys);
        Assert.Contains("gcp", keys);
    }

    [Fact]
    public void A_cloud_sdk_or_a_compose_file_is_not_a_place_the_code_runs()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "api", "dependencies": { "express": "^4.19.0", "@aws-sdk/client-s3": "^3.600.0" } }""")
            .With("src/server.js", Server + "const { S3Client } = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({});\n")
            .With("docker-compose.yml", "services:\n  api:\n    build: .\n    ports: [\"3000:3000\"]\n")
            .With("config/app.yaml", "name: api\nport: 3000\n");

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Empty(facts.Clouds);
        Assert.DoesNotContain(facts.Hosting, h => h.Key == "app-engine");
    }

    [Fact]
    public void Kubernetes_annotations_for_a_managed_cluster_name_its_cloud()
    {
        using var tree = App()
            .With("k8s/serviceaccount.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/api\n")
            .With("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: example/api:1.0\n");

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Contains(facts.Hosting, h => h.Key == "eks" && h.Evidence.Path == "k8s/serviceaccount.yaml");
        Assert.Equal(["aws"], facts.Clouds);
    }
}
