namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>
/// A Dockerfile outside every service's folder (docker/, deploy/) builds the service whose program it runs or ships;
/// only what no code explains becomes a service of its own, and CI folders build CI images, not services.
/// </summary>
public sealed class DockerfileProgramTests
{
    private static FixtureCopy GoService() => FixtureCopy.Empty()
        .With("go.mod", "module example.com/shop\n\ngo 1.22\n")
        .With("cmd/api/main.go", "package main\n\nimport \"net/http\"\n\nfunc main() {\n\thttp.ListenAndServe(\":8080\", nil)\n}\n");

    [Theory]
    [InlineData("ENTRYPOINT [\"/usr/local/bin/api\"]")]
    [InlineData("COPY --from=build /out/api /usr/local/bin/\nCMD [\"tini\", \"--\", \"/start.sh\"]")]
    public void A_dockerfile_in_a_deploy_folder_that_runs_or_ships_the_program_belongs_to_its_service(string run)
    {
        using var tree = GoService()
            .With("deploy/Dockerfile", $"FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /out/ ./...\n\nFROM debian:bookworm-slim\nCOPY --from=build /out/api /usr/local/bin/api\n{run}\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("api", service.Name);
        Assert.Equal(["deploy/Dockerfile"], service.Dockerfiles);
    }

    [Fact]
    public void A_dockerfile_of_infrastructure_is_neither_a_service_nor_the_image_of_one()
    {
        using var tree = GoService()
            .With("proxy/Dockerfile", "FROM envoyproxy/envoy:v1.30\nCOPY envoy.yaml /etc/envoy/envoy.yaml\nENTRYPOINT [\"/usr/local/bin/envoy\"]\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        // An Envoy image with its configuration is the team's proxy, judged as infrastructure, not as a program with code.
        Assert.Equal(["api"], services.Select(s => s.Name));
        Assert.Empty(services.Single(s => s.Name == "api").Dockerfiles);
    }

    [Fact]
    public void A_dockerfile_in_a_ci_folder_makes_no_service()
    {
        using var tree = GoService()
            .With(".github/docker/Dockerfile", "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y shellcheck\n");

        Assert.Equal(["api"], Scan.Run(tree.Root).Facts.Services.Select(s => s.Name));
    }
}
