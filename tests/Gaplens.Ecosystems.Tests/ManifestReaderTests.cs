using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Go;
using Gaplens.Ecosystems.Iac;
using Gaplens.Ecosystems.Jvm;
using Gaplens.Ecosystems.Kubernetes;
using Gaplens.Ecosystems.Node;
using Gaplens.Ecosystems.Python;

namespace Gaplens.Ecosystems.Tests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void Csproj_gives_sdk_packages_with_lines_and_resolved_project_references()
    {
        var project = DotnetProject.Parse(Sources.Of("src/Api/Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Serilog.AspNetCore" />
                <ProjectReference Include="..\Shared\Shared.csproj" />
              </ItemGroup>
            </Project>
            """), out var error)!;

        Assert.Null(error);
        Assert.True(project.IsWeb);
        Assert.Equal("Api", project.Name);
        Assert.Equal(4, project.Packages.Single().Line);
        Assert.Equal(["src/Shared/Shared.csproj"], project.ProjectReferences);
        Assert.Equal("true", project.Property("TreatWarningsAsErrors"));
    }

    [Fact]
    public void Malformed_csproj_is_an_error()
    {
        Assert.Null(DotnetProject.Parse(Sources.Of("a.csproj", "<Project><ItemGroup>"), out var error));
        Assert.Contains("invalid XML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_json_separates_runtime_and_development_dependencies()
    {
        var package = PackageJson.Parse(Sources.Of("package.json", """
            {
              "name": "api",
              "scripts": { "start": "node src/index.js", "test": "jest" },
              "dependencies": { "express": "^4.0.0" },
              "devDependencies": { "jest": "^29.0.0" }
            }
            """), out _)!;

        Assert.True(package.HasRuntime("express"));
        Assert.False(package.HasRuntime("jest"));
        Assert.True(package.Has("jest"));
        Assert.Equal("jest", package.Scripts["test"].Command);
        Assert.Equal(4, package.Dependencies.Single(d => d.Name == "express").Line);
    }

    [Fact]
    public void Pyproject_and_requirements_give_normalised_names()
    {
        var pyproject = PythonManifest.Read(Sources.Of("pyproject.toml", """
            [project]
            name = "app"
            dependencies = ["FastAPI[standard]>=0.110", "SQLModel"]

            [dependency-groups]
            dev = ["pytest<9"]
            """), out var error);
        var requirements = PythonManifest.Read(Sources.Of("requirements-dev.txt", "# dev\nPython_Json_Logger==2.0\n-r base.txt\n"), out _);

        Assert.Null(error);
        Assert.Contains(pyproject, p => p.Name == "fastapi" && !p.Development);
        Assert.Contains(pyproject, p => p.Name == "sqlmodel");
        Assert.Contains(pyproject, p => p.Name == "pytest" && p.Development);
        Assert.Equal("python-json-logger", Assert.Single(requirements).Name);
    }

    [Fact]
    public void Pom_and_gradle_give_group_and_artifact()
    {
        var pom = MavenPom.Parse(Sources.Of("pom.xml", """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <dependencies>
                <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
                <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
              </dependencies>
            </project>
            """), out _)!.Packages;
        var gradle = GradleBuild.Parse(Sources.Of("build.gradle.kts", "plugins { id(\"org.springframework.boot\") }\ndependencies {\n  implementation(\"io.micrometer:micrometer-registry-prometheus\")\n}\n")).Complete([]);

        Assert.Contains(pom, p => p.Name == "org.springframework.boot:spring-boot-starter-actuator" && !p.Development);
        Assert.Contains(pom, p => p.Name == "org.junit.jupiter:junit-jupiter" && p.Development);
        Assert.Contains(gradle, p => p.Name == "io.micrometer:micrometer-registry-prometheus" && p.Line == 3);
        Assert.Contains(gradle, p => p.Name == "plugin:org.springframework.boot");
    }

    [Fact]
    public void Go_mod_reads_module_and_requires()
    {
        var module = GoModule.Parse(Sources.Of("go.mod", "module example.com/shop\n\ngo 1.22\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/time v0.5.0 // indirect\n)\n"));

        Assert.Equal("example.com/shop", module.Module);
        Assert.Equal(["github.com/gin-gonic/gin", "golang.org/x/time"], module.Requires.Select(r => r.Name));
        Assert.True(module.Requires[1].Development);
    }

    [Fact]
    public void Dockerfile_final_stage_user_and_stage_names()
    {
        var dockerfile = Dockerfile.Parse(Sources.Of("Dockerfile", """
            FROM mcr.microsoft.com/dotnet/sdk:9.0 AS build
            USER root
            RUN dotnet publish -o /out \
                -c Release
            FROM mcr.microsoft.com/dotnet/aspnet:9.0-alpine
            COPY --from=build /out /app
            USER app
            HEALTHCHECK CMD wget -q localhost:8080/health
            """));

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:9.0-alpine", Dockerfile.ImageOf(dockerfile.FinalFrom!));
        Assert.Equal("app", dockerfile.FinalUser!.Arguments);
        Assert.Contains("build", dockerfile.StageNames);
        Assert.Single(dockerfile.All("HEALTHCHECK"));
        Assert.Contains("-c Release", dockerfile.All("RUN").Single().Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_services_with_build_healthcheck_and_limits()
    {
        var compose = ComposeFile.Parse(Sources.Of("deploy/docker-compose.yml", """
            services:
              api:
                build: ../api
                environment:
                  - DB_HOST=db
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://localhost/health"]
                deploy:
                  resources:
                    limits: { memory: 512M }
              db:
                image: postgres:16
            """), out var error)!;

        Assert.Null(error);
        var api = compose.Services.Single(s => s.Name == "api");
        Assert.Equal("api", api.BuildContext);
        Assert.NotNull(api.HealthcheckLine);
        Assert.NotNull(api.ResourcesLine);
        Assert.Equal("db", api.Environment["DB_HOST"].Value);
        Assert.Null(compose.Services.Single(s => s.Name == "db").HealthcheckLine);
    }

    [Fact]
    public void Kubernetes_manifest_reads_probes_and_resources_and_helm_templates_leniently()
    {
        const string deployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "app.fullname" . }}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
                      {{- with .Values.resources }}
                      resources:
                        limits:
                          memory: 256Mi
                      {{- end }}
                      readinessProbe:
                        httpGet: { path: /ready, port: 8080 }
            """;

        var objects = KubernetesManifest.Read(Sources.Of("chart/templates/deployment.yaml", deployment), isTemplate: true, out var error);

        Assert.Null(error);
        var container = objects.Single().Containers.Single();
        Assert.NotNull(container.ReadinessLine);
        Assert.Null(container.LivenessLine);
        Assert.NotNull(container.ResourcesLine);
    }

    [Fact]
    public void Terraform_blocks_nest_and_ignore_braces_in_strings_and_heredocs()
    {
        var file = TerraformFile.Parse(Sources.Of("infra/main.tf", """
            terraform {
              backend "s3" {
                bucket = "state"
                key    = "app/terraform.tfstate"
              }
            }

            resource "aws_db_instance" "main" {
              engine = "postgres"
              tags = { Name = "db {not a block}" }
              user_data = <<EOF
            echo "{"
            EOF
              backup_retention_period = 7
            }
            """));

        var terraform = file.Blocks.Single(b => b.Type == "terraform");
        var backend = terraform.Children.Single();
        Assert.Equal("backend", backend.Type);
        Assert.Equal("s3", backend.Label(0));
        var db = file.Blocks.Single(b => b.Type == "resource");
        Assert.Equal(["aws_db_instance", "main"], db.Labels);
        Assert.Equal(8, db.Line);
        Assert.Contains("backup_retention_period", db.Body, StringComparison.Ordinal);
    }
}
