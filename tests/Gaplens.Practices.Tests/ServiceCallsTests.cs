namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>Calls between the services of a repository, from settings, environment, code and app-host wiring.</summary>
public sealed class ServiceCallsTests
{
    private static string WebProject(string name) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><AssemblyName>{name}</AssemblyName></PropertyGroup>
        </Project>
        """;

    private static FixtureCopy TwoDotnetServices() => FixtureCopy.Empty()
        .With("src/Orders/Orders.csproj", WebProject("Orders"))
        .With("src/Orders/Program.cs", "var app = WebApplication.Create(args);\napp.MapGet(\"/orders\", () => 1);\napp.Run();\n")
        .With("src/Orders/Properties/launchSettings.json", """{ "profiles": { "https": { "applicationUrl": "https://localhost:5101;http://localhost:5100" } } }""")
        .With("src/Payments/Payments.csproj", WebProject("Payments"))
        .With("src/Payments/Program.cs", "var app = WebApplication.Create(args);\napp.MapPost(\"/payments\", () => 1);\napp.Run();\n")
        .With("src/Payments/Properties/launchSettings.json", """{ "profiles": { "https": { "applicationUrl": "https://localhost:5201" } } }""");

    [Fact]
    public void A_localhost_url_in_settings_on_the_port_another_service_listens_on_is_a_call()
    {
        using var tree = TwoDotnetServices()
            .With("src/Orders/appsettings.json", """{ "Services": { "Payments": "https://localhost:5201/" } }""");

        var call = Assert.Single(Scan.Run(tree.Root).Facts.ServiceCalls);

        Assert.Equal(("Orders", "Payments"), (call.From, call.To));
        Assert.Equal("src/Orders/appsettings.json", call.Evidence.Path);
    }

    [Fact]
    public void A_public_host_or_an_own_port_is_not_a_call_between_services()
    {
        using var tree = TwoDotnetServices()
            .With("src/Orders/appsettings.json", """{ "Stripe": "https://payments.stripe.com/v1", "Self": "https://localhost:5101/" }""");

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Empty(facts.ServiceCalls);
        Assert.Null(facts.InterServiceCalls);
    }

    [Fact]
    public void An_address_variable_named_after_another_service_is_a_call()
    {
        using var tree = FixtureCopy.Empty()
            .With("go.mod", "module example.com/shop\n")
            .With("trainer/main.go", "package main\nimport \"net/http\"\nfunc main() { http.ListenAndServe(\":3000\", nil) }\n")
            .With("trainings/main.go", "package main\nimport (\"net/http\"; \"os\")\nfunc main() {\n\taddr := os.Getenv(\"TRAINER_GRPC_ADDR\")\n\t_ = addr\n\thttp.ListenAndServe(\":3001\", nil)\n}\n");

        var call = Assert.Single(Scan.Run(tree.Root).Facts.ServiceCalls);

        Assert.Equal(("trainings", "trainer"), (call.From, call.To));
        Assert.Equal(4, call.Evidence.Line);
    }

    [Fact]
    public void A_cluster_dns_name_in_a_workload_environment_is_a_call()
    {
        using var tree = TwoDotnetServices()
            .With("k8s/orders.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: orders }
                spec:
                  template:
                    spec:
                      containers:
                        - name: orders
                          image: shop/orders:1.0
                          env:
                            - name: PAYMENTS_URL
                              value: http://payments.shop.svc.cluster.local:8080
                """);

        var call = Assert.Single(Scan.Run(tree.Root).Facts.ServiceCalls);

        Assert.Equal(("Orders", "Payments"), (call.From, call.To));
        Assert.Equal("k8s/orders.yaml", call.Evidence.Path);
    }

    [Fact]
    public void An_aspire_app_host_reference_between_projects_is_a_call_but_a_reference_to_a_database_is_not()
    {
        using var tree = TwoDotnetServices()
            .With("src/AppHost/AppHost.csproj", """
                <Project Sdk="Aspire.AppHost.Sdk/9.0.0">
                  <PropertyGroup><OutputType>Exe</OutputType></PropertyGroup>
                </Project>
                """)
            .With("src/AppHost/Program.cs", """
                var builder = DistributedApplication.CreateBuilder(args);
                var db = builder.AddPostgres("pg").AddDatabase("payments-db");
                var payments = builder.AddProject<Projects.Payments>("payments")
                    .WithReference(db);
                builder.AddProject<Projects.Orders>("orders")
                    .WithReference(payments);
                builder.Build().Run();
                """);

        var call = Assert.Single(Scan.Run(tree.Root).Facts.ServiceCalls);

        Assert.Equal(("Orders", "Payments"), (call.From, call.To));
        Assert.Equal(6, call.Evidence.Line);
    }

    [Fact]
    public void Service_to_service_practices_do_not_apply_when_no_service_calls_another_and_say_so_consistently()
    {
        using var tree = TwoDotnetServices();

        var result = Scan.Run(tree.Root);

        Assert.Empty(result.Facts.ServiceCalls);
        Assert.All(result.Verdicts.Where(v => v.PracticeId is "sec-service-auth" or "test-contract"),
            v => Assert.Contains("do not call each other", v.Reason, StringComparison.Ordinal));
    }
}
