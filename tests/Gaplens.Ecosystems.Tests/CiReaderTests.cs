using Gaplens.Ecosystems.Ci;

namespace Gaplens.Ecosystems.Tests;

public sealed class CiReaderTests
{
    [Theory]
    [InlineData(".github/workflows/ci.yml", "github-actions")]
    [InlineData(".gitlab-ci.yml", "gitlab-ci")]
    [InlineData("azure-pipelines.yml", "azure-pipelines")]
    [InlineData("Jenkinsfile", "jenkins")]
    [InlineData(".circleci/config.yml", "circleci")]
    [InlineData(".travis.yml", "travis-ci")]
    [InlineData("bitbucket-pipelines.yml", "bitbucket-pipelines")]
    [InlineData("src/app.yml", null)]
    [InlineData("docs/.github/workflows/ci.yml", null)]
    public void Recognises_ci_files_by_path(string path, string? system) => Assert.Equal(system, CiReader.SystemOf(path));

    [Fact]
    public void GitHub_workflow_gives_triggers_jobs_steps_and_environment()
    {
        var source = Sources.Of(".github/workflows/deploy.yml", """
            name: deploy
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - name: Test
                    run: npm test
              deploy:
                needs: test
                environment:
                  name: production
                steps:
                  - run: kubectl apply -f k8s/
            """);

        var pipeline = CiReader.Read(source, "github-actions", out var error)!;

        Assert.Null(error);
        Assert.True(pipeline.PullRequests);
        Assert.Equal(5, pipeline.PullRequestLine);
        Assert.Equal(["test", "deploy"], pipeline.Jobs.Select(j => j.Name));
        Assert.Equal("production", pipeline.Jobs[1].Environment);
        var run = pipeline.Steps.Single(s => s.Run == "npm test");
        Assert.Equal(11, run.Line);
    }

    [Fact]
    public void GitLab_manual_job_and_merge_request_rules_are_read()
    {
        var source = Sources.Of(".gitlab-ci.yml", """
            stages: [test, deploy]
            test:
              script:
                - go test ./...
              rules:
                - if: $CI_PIPELINE_SOURCE == "merge_request_event"
            deploy_prod:
              stage: deploy
              environment: production
              when: manual
              script: helm upgrade --install app chart/
            """);

        var pipeline = CiReader.Read(source, "gitlab-ci", out _)!;

        Assert.True(pipeline.PullRequests);
        var deploy = pipeline.Jobs.Single(j => j.Name == "deploy_prod");
        Assert.True(deploy.Manual);
        Assert.Equal("production", deploy.Environment);
        Assert.Contains(pipeline.Steps, s => s.Run == "go test ./...");
    }

    [Fact]
    public void Azure_pipeline_reads_tasks_with_inputs_and_deployment_jobs()
    {
        var source = Sources.Of("azure-pipelines.yml", """
            trigger: [main]
            pr: none
            stages:
              - stage: Build
                jobs:
                  - job: build
                    steps:
                      - task: DotNetCoreCLI@2
                        inputs:
                          command: test
              - stage: Release
                jobs:
                  - deployment: web
                    environment: prod
                    strategy:
                      runOnce:
                        deploy:
                          steps:
                            - script: az webapp deploy --src-path app.zip
            """);

        var pipeline = CiReader.Read(source, "azure-pipelines", out _)!;

        Assert.False(pipeline.PullRequests);
        Assert.Contains(pipeline.Steps, s => s.Uses == "DotNetCoreCLI@2" && s.Inputs["command"] == "test");
        Assert.Equal("prod", pipeline.Jobs.Single(j => j.Name == "web").Environment);
        Assert.Contains(pipeline.Steps, s => s.Run?.StartsWith("az webapp deploy", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Travis_without_script_runs_the_language_default_test_command()
    {
        var pipeline = CiReader.Read(Sources.Of(".travis.yml", "language: node_js\nnode_js: [20]\n"), "travis-ci", out _)!;

        Assert.Contains(pipeline.Steps, s => s.Run == "npm test");
        Assert.True(pipeline.PullRequests);
    }

    [Fact]
    public void Jenkinsfile_stages_and_shell_steps_are_read_from_text()
    {
        var source = Sources.Of("Jenkinsfile", """
            pipeline {
              stages {
                stage('Test') { steps { sh 'mvn -B verify' } }
                stage('Deploy') {
                  steps {
                    input message: 'Ship it?'
                    sh 'kubectl apply -f k8s'
                    // sh 'helm upgrade --install api chart'
                    withEnv(['SHELL=/bin/sh']) { echo 'done' }
                  }
                }
              }
            }
            """);

        var pipeline = CiReader.Read(source, "jenkins", out _)!;

        Assert.Contains(pipeline.Jobs, j => j.Name == "Deploy" && j.Manual);
        Assert.Contains(pipeline.Steps, s => s.Run!.Contains("mvn -B verify", StringComparison.Ordinal));
        Assert.DoesNotContain(pipeline.Steps, s => s.Run!.Contains("helm", StringComparison.Ordinal) || s.Run!.Contains("withEnv", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_is_an_error_not_an_exception()
    {
        var pipeline = CiReader.Read(Sources.Of(".github/workflows/bad.yml", "on: [push\njobs: {"), "github-actions", out var error);

        Assert.Null(pipeline);
        Assert.NotNull(error);
        Assert.Contains("invalid YAML", error, StringComparison.Ordinal);
    }
}
