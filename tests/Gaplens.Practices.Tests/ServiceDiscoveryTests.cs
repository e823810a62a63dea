namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>Services as an owner would list them: programs that run in production, named after the program.</summary>
public sealed class ServiceDiscoveryTests
{
    [Fact]
    public void Procfile_processes_are_processes_of_one_service_not_services()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile", """
                web: bundle exec puma -C config/puma.rb
                worker: bundle exec sidekiq
                release: bin/rails db:migrate
                """)
            .With("Dockerfile", "FROM ruby:3.3\nCOPY . .\nCMD [\"bin/rails\", \"server\"]\n");

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
        Assert.True(service.ServesHttp);
        Assert.Equal(1, service.Processes[0].Evidence.Line);
    }

    [Fact]
    public void A_procfile_without_a_web_process_serves_no_http()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile", "worker: python -m app.worker\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.False(service.ServesHttp);
        Assert.Equal("worker", Assert.Single(service.Processes).Name);
    }

    [Fact]
    public void A_development_procfile_declares_no_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile.dev", "web: bin/rails server\ncss: bin/rails tailwindcss:watch\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }

    private static FixtureCopy GoMonorepoWithSharedServer() => FixtureCopy.Empty()
        .With("internal/common/go.mod", "module example.com/shop/internal/common\n")
        .With("internal/common/server/http.go", "package server\nimport \"net/http\"\nfunc RunHTTPServer(h http.Handler) { http.ListenAndServe(\":8080\", h) }\n")
        .With("internal/orders/go.mod", "module example.com/shop/internal/orders\nrequire example.com/shop/internal/common v0.0.0\n")
        .With("internal/orders/main.go", "package main\n\nimport (\n\t\"example.com/shop/internal/common/server\"\n)\n\nfunc main() {\n\tserver.RunHTTPServer(nil)\n}\n")
        .With("internal/billing/go.mod", "module example.com/shop/internal/billing\n")
        .With("internal/billing/main.go", "package main\n\nimport \"example.com/shop/internal/common/server\"\n\nfunc main() { server.RunHTTPServer(nil) }\n")
        .With("tools/gen/go.mod", "module example.com/shop/tools/gen\n")
        .With("tools/gen/main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"generate\") }\n");

    [Fact]
    public void A_go_main_package_that_starts_a_server_through_a_shared_package_of_the_repository_is_a_service()
    {
        using var tree = GoMonorepoWithSharedServer();

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Equal(["billing", "orders"], facts.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        var orders = facts.Services.Single(s => s.Name == "orders");
        Assert.Equal("go", orders.Ecosystem);
        Assert.True(orders.Owns("internal/common/server/http.go"));
    }

    [Fact]
    public void Images_in_a_docker_folder_are_named_after_the_programs_they_build_and_emulators_are_not_services()
    {
        using var tree = GoMonorepoWithSharedServer()
            .With("docker/app-prod/Dockerfile", "FROM golang:1.22\nARG SERVICE\nCOPY . /internal\nWORKDIR /internal/$SERVICE\nRUN go build -o /app .\nCMD [\"/app\"]\n")
            .With("docker/app/Dockerfile", "FROM golang:1.22\nRUN go install github.com/cespare/reflex@latest\nENTRYPOINT [\"reflex\"]\n")
            .With("docker/firestore-emulator/Dockerfile", "FROM node:20\nRUN npm i -g firebase-tools\n")
            .With("docker-compose.yml", """
                services:
                  orders-http:
                    build: { context: docker/app }
                    volumes: ["./internal:/internal"]
                    working_dir: /internal/orders
                    ports: ["3000:3000"]
                  firestore:
                    build: { context: docker/firestore-emulator }
                    ports: ["8787:8787"]
                """);

        var facts = Scan.Run(tree.Root).Facts;

        Assert.Equal(["billing", "orders"], facts.Services.Select(s => s.Name).Order(StringComparer.Ordinal));
        var orders = facts.Services.Single(s => s.Name == "orders");
        Assert.Contains("orders-http", orders.Aliases);
        Assert.Equal(["docker/app-prod/Dockerfile"], orders.Dockerfiles);
    }

    [Fact]
    public void Without_code_an_image_in_a_docker_folder_is_the_repository_program_not_a_service_named_docker()
    {
        using var tree = FixtureCopy.Empty()
            .With("docker/Dockerfile", "FROM alpine:3.20\nCOPY . /app\nCMD [\"/app/run\"]\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.NotEqual("docker", service.Name);
        Assert.Equal(Path.GetFileName(tree.Root), service.Name);
    }
}
