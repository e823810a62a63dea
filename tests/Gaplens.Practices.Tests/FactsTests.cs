namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>Repository facts drive applicability, so each fact has a case that sets it and one that must not.</summary>
public sealed class FactsTests
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
        </Project>
        """;

    [Fact]
    public void Telemetry_instrumentation_and_commented_code_are_not_outbound_calls()
    {
        using var tree = FixtureCopy.Empty()
            .With("src/Api/Api.csproj", Project)
            .With("src/Api/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddOpenTelemetry().WithTracing(t => t
                    .AddHttpClientInstrumentation()
                    //.AddGrpcClientInstrumentation()
                    );
                var app = builder.Build();
                app.MapGet("/items", () => Array.Empty<string>());
                app.Run();
                """);

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Null(facts.OutboundCalls);
        Assert.True(facts.ServesHttp);
    }

    [Fact]
    public void A_typed_http_client_is_an_outbound_call()
    {
        using var tree = FixtureCopy.Empty()
            .With("src/Api/Api.csproj", Project)
            .With("src/Api/Program.cs", """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHttpClient<CatalogClient>(c => c.BaseAddress = new Uri("http://catalog"));
                var app = builder.Build();
                app.MapGet("/items", () => Array.Empty<string>());
                app.Run();
                """);

        var facts = Scan.Run(tree.Root).Facts;

        Assert.NotNull(facts.OutboundCalls);
        Assert.Equal("src/Api/Program.cs", facts.OutboundCalls.Path);
        Assert.Equal(2, facts.OutboundCalls.Line);
    }

    [Fact]
    public void A_browser_front_end_and_an_api_are_two_services_of_different_kinds()
    {
        using var tree = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "practices", "scale-async-messaging", "frontend-and-api"), PracticeCaseTests.CaseFile);

        var services = Scan.Run(tree.Root).Facts.Services.ToDictionary(s => s.Path, s => s.Kind);

        Assert.Equal(2, services.Count);
        Assert.Equal("web-frontend", services["frontend"]);
        Assert.NotEqual("web-frontend", services["api"]);
    }

    [Fact]
    public void A_root_or_health_route_alone_is_not_an_http_api_but_a_resource_route_is()
    {
        using var probesOnly = FixtureCopy.Empty()
            .With("src/Cart/Cart.csproj", Project)
            .With("src/Cart/Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGrpcService<CartService>();
                app.MapGet("/", () => "gRPC endpoints only");
                app.MapGet("/healthz", () => "ok");
                app.Run();
                """);
        using var api = FixtureCopy.Empty()
            .With("src/Cart/Cart.csproj", Project)
            .With("src/Cart/Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/", () => "cart");
                app.MapGet("/carts/{id}", (string id) => Results.Ok(id));
                app.Run();
                """);

        Assert.Null(Scan.Run(probesOnly.Root).Facts.HttpApi);
        Assert.Equal(3, Scan.Run(api.Root).Facts.HttpApi?.Line);
    }

    [Fact]
    public void A_go_service_owns_its_module_packages_and_a_compose_build_of_the_root_dockerfile_is_the_same_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("go.mod", "module example.com/podinfo\n\ngo 1.23\n")
            .With("cmd/podinfo/main.go", "package main\n\nimport \"example.com/podinfo/pkg/api\"\n\nfunc main() {\n\tapi.Serve()\n}\n")
            .With("cmd/podinfo/serve.go", "package main\n\nimport \"net/http\"\n\nfunc listen() { http.ListenAndServe(\":9898\", nil) }\n")
            .With("pkg/api/server.go", "package api\n\nfunc Serve() {}\n")
            .With("Dockerfile", "FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /podinfo ./cmd/podinfo\nFROM alpine:3.20\nCOPY --from=build /podinfo /podinfo\n")
            .With("otel/docker-compose.yaml", "services:\n  podinfo_frontend:\n    build: ..\n    ports: [\"9898:9898\"]\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        var service = Assert.Single(services);
        Assert.Equal("podinfo", service.Name);
        Assert.Contains("podinfo_frontend", service.Aliases);
        Assert.True(service.Owns("pkg/api/server.go"));
        Assert.False(service.Owns("otel/docker-compose.yaml"));
    }

    [Theory]
    [InlineData("samples/app/Program.cs", true)]
    [InlineData("packages/sdk/examples/server/index.js", true)]
    [InlineData("templates/webapi/Program.cs", true)]
    [InlineData("src/main/java/org/example/samples/App.java", false)]
    [InlineData("charts/api/templates/deployment.yaml", false)]
    [InlineData("chart/templates/deployment.yaml", false)]
    [InlineData("services/api/docs/guide.md", false)]
    [InlineData("src/Api/Program.cs", false)]
    public void Samples_examples_and_fixtures_are_not_the_product_but_helm_templates_and_java_packages_are(string path, bool excluded) =>
        Assert.Equal(excluded, Ecosystems.Facts.FactsBuilder.IsExcluded(path));

    [Fact]
    public void A_route_that_starts_like_a_probe_is_still_an_api_route()
    {
        using var tree = FixtureCopy.Empty()
            .With("src/Api/Api.csproj", Project)
            .With("src/Api/Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/healthz", () => "ok");
                app.MapGet("/healthcare/patients", () => Results.Ok());
                app.Run();
                """);

        Assert.Equal(3, Scan.Run(tree.Root).Facts.HttpApi?.Line);
    }

    [Theory]
    [InlineData("docker-compose.yml", true)]
    [InlineData("deploy/compose.prod.yml", true)]
    [InlineData(".devcontainer/docker-compose.yml", false)]
    [InlineData(".worktree-container/docker-compose.yml", false)]
    [InlineData("tests/e2e/docker-compose.yml", false)]
    [InlineData("examples/full/docker-compose.yml", false)]
    public void Only_compose_files_outside_tooling_samples_and_tests_describe_a_deployment(string path, bool deployment) =>
        Assert.Equal(deployment, Ecosystems.Facts.FactsBuilder.DescribesDeployment(path));

    [Fact]
    public void An_openapi_document_of_the_repository_shows_an_http_api_but_one_under_tests_does_not()
    {
        const string document = "openapi: 3.0.3\ninfo: { title: trainer, version: 1.0.0 }\npaths:\n  /trainer/calendar: { get: { responses: { '200': { description: ok } } } }\n";
        using var withApi = FixtureCopy.Empty().With("api/openapi/trainer.yml", document).With("cmd/worker/main.go", "package main\nfunc main() {}\n");
        using var testOnly = FixtureCopy.Empty().With("tests/fixtures/openapi.yml", document).With("cmd/worker/main.go", "package main\nfunc main() {}\n");

        var api = Scan.Run(withApi.Root).Facts.HttpApi;

        Assert.NotNull(api);
        Assert.Equal("api/openapi/trainer.yml", api.Path);
        Assert.Null(Scan.Run(testOnly.Root).Facts.HttpApi);
    }

    [Fact]
    public void A_chi_route_in_go_is_an_http_api()
    {
        using var tree = FixtureCopy.Empty()
            .With("go.mod", "module example.com/api\n")
            .With("main.go", "package main\nimport (\"net/http\"; \"github.com/go-chi/chi/v5\")\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get(\"/orders\", list)\n\thttp.ListenAndServe(\":80\", r)\n}\n");
        using var healthOnly = FixtureCopy.Empty()
            .With("go.mod", "module example.com/api\n")
            .With("main.go", "package main\nimport (\"net/http\"; \"github.com/go-chi/chi/v5\")\nfunc main() {\n\tr := chi.NewRouter()\n\tr.Get(\"/healthz\", ok)\n\thttp.ListenAndServe(\":80\", r)\n}\n");

        Assert.Equal(5, Scan.Run(tree.Root).Facts.HttpApi?.Line);
        Assert.Null(Scan.Run(healthOnly.Root).Facts.HttpApi);
    }
}
