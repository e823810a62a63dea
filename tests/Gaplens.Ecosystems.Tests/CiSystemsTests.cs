using Gaplens.Ecosystems.Ci;

namespace Gaplens.Ecosystems.Tests;

/// <summary>CI systems beyond GitHub Actions and GitLab, and the parts that join pipelines together.</summary>
public sealed class CiSystemsTests
{
    [Theory]
    [InlineData(".woodpecker.yml", "woodpecker")]
    [InlineData(".woodpecker/test.yaml", "woodpecker")]
    [InlineData(".drone.yml", "drone")]
    [InlineData(".drone.star", "drone")]
    [InlineData(".buildkite/pipeline.yml", "buildkite")]
    [InlineData(".buildkite/docker-compose.yml", null)]
    [InlineData("cloudbuild.yaml", "google-cloud-build")]
    [InlineData("services/api/cloudbuild-prod.yml", "google-cloud-build")]
    [InlineData("appveyor.yml", "appveyor")]
    [InlineData("docs/.woodpecker/x.yml", null)]
    public void Recognises_more_ci_files_by_path(string path, string? system) => Assert.Equal(system, CiReader.SystemOf(path));

    [Fact]
    public void Tekton_and_concourse_are_recognised_by_content_only()
    {
        Assert.Equal("tekton", CiReader.SystemOf("ci/run.yaml", "apiVersion: tekton.dev/v1\nkind: PipelineRun\n"));
        Assert.Equal("concourse", CiReader.SystemOf("ci/pipeline.yml", "jobs:\n- name: unit\n  plan:\n  - get: repo\n"));
        Assert.Null(CiReader.SystemOf("config/jobs.yml", "jobs:\n  - name: cleanup\n    every: 1h\n"));
        Assert.Null(CiReader.SystemOf("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n"));
    }

    [Fact]
    public void Woodpecker_steps_carry_their_own_events_and_plugins()
    {
        var pipeline = CiReader.Read(Sources.Of(".woodpecker.yml", """
            when:
              - event: [pull_request, tag]
              - event: push
                branch: main
            steps:
              test:
                image: rust:1.80
                commands:
                  - cargo test --workspace
              publish:
                image: woodpeckerci/plugin-docker-buildx
                settings:
                  repo: example/api
                when:
                  event: tag
              deploy:
                image: alpine/helm
                commands: [helm upgrade --install api chart/]
                when:
                  event: deployment
                  environment: production
            """), "woodpecker", out var error)!;

        Assert.Null(error);
        Assert.True(pipeline.PullRequests);
        Assert.Equal([CiTriggers.PullRequest, CiTriggers.PushTags, CiTriggers.Push], pipeline.Jobs[0].Triggers);
        Assert.Equal([CiTriggers.PushTags], pipeline.Jobs.Single(j => j.Name == "publish").Triggers);
        Assert.Contains(pipeline.Jobs.Single(j => j.Name == "publish").Steps, s => s.Uses == "woodpeckerci/plugin-docker-buildx" && s.Inputs["repo"] == "example/api");
        var deploy = pipeline.Jobs.Single(j => j.Name == "deploy");
        Assert.Equal("production", deploy.Environment);
        Assert.Empty(deploy.Triggers!);
    }

    [Fact]
    public void Drone_reads_every_pipeline_document_and_its_trigger()
    {
        var pipeline = CiReader.Read(Sources.Of(".drone.yml", """
            kind: pipeline
            name: test
            trigger:
              event: [push]
            steps:
              - name: test
                image: golang
                commands: [go test ./...]
            ---
            kind: pipeline
            name: deploy
            trigger:
              event: [promote]
              target: [production]
            steps:
              - name: deploy
                image: alpine/k8s
                commands: [kubectl apply -f k8s/]
            ---
            kind: secret
            name: token
            """), "drone", out _)!;

        Assert.False(pipeline.PullRequests);
        Assert.Equal(["promote", "push"], pipeline.Triggers.Order(StringComparer.Ordinal));
        Assert.Equal("production", pipeline.Jobs.Single(j => j.Name == "deploy").Environment);
    }

    [Fact]
    public void Buildkite_block_steps_hold_later_steps_and_plugins_run_compose_services()
    {
        var pipeline = CiReader.Read(Sources.Of(".buildkite/pipeline.yml", """
            steps:
              - label: tests
                plugins:
                  - docker-compose#v5.0.0:
                      run: app
                      config: ci.compose.yml
              - wait
              - group: release
                steps:
                  - block: Deploy?
                  - label: deploy
                    command: scripts/deploy.sh
                    if: build.branch == "main"
            """), "buildkite", out _)!;

        Assert.Null(pipeline.PullRequests);
        Assert.Contains(pipeline.Steps, s => s.Run == "docker compose -f ci.compose.yml run app");
        Assert.False(pipeline.Jobs.Single(j => j.Name == "tests").Manual);
        Assert.True(pipeline.Jobs.Single(j => j.Name == "deploy").Manual);
    }

    [Fact]
    public void Cloud_build_steps_are_builder_commands_and_listed_images_are_pushed()
    {
        var pipeline = CiReader.Read(Sources.Of("cloudbuild.yaml", """
            steps:
            - name: gcr.io/cloud-builders/docker
              args: [build, -t, gcr.io/$PROJECT_ID/api, .]
            - name: golang
              entrypoint: bash
              args: ['-c', 'go vet ./... && go test ./...']
              dir: service
            - name: gcr.io/$PROJECT_ID/firebase
              args: [deploy, --project=$PROJECT_ID]
            images: [gcr.io/$PROJECT_ID/api]
            """), "google-cloud-build", out _)!;

        Assert.Equal(["docker build -t gcr.io/$PROJECT_ID/api .", "go vet ./... && go test ./...", "firebase deploy --project=$PROJECT_ID"], pipeline.Steps.Where(s => s.Run is not null).Select(s => s.Run));
        Assert.Equal("service", pipeline.Steps.Single(s => s.Run?.StartsWith("go vet", StringComparison.Ordinal) == true).WorkingDirectory);
        Assert.Contains(pipeline.Steps, s => s.Uses == "cloudbuild:images");
        Assert.Null(pipeline.PullRequests);
    }

    [Fact]
    public void AppVeyor_runs_phases_discovers_tests_and_deploys_to_environments()
    {
        var pipeline = CiReader.Read(Sources.Of("appveyor.yml", """
            install:
              - cmd: dotnet restore
            build:
              project: App.sln
            deploy:
              - provider: Environment
                name: staging
            """), "appveyor", out _)!;

        Assert.True(pipeline.PullRequests);
        Assert.Contains(pipeline.Steps, s => s.Run == "dotnet restore");
        Assert.Contains(pipeline.Steps, s => s.Uses == "appveyor:test-discovery");
        Assert.Equal("staging", pipeline.Jobs.Single(j => j.Environment is not null).Environment);
        var off = CiReader.Read(Sources.Of("appveyor.yml", "test: off\nbuild_script:\n  - npm run build\n"), "appveyor", out _)!;
        Assert.DoesNotContain(off.Steps, s => s.Uses == "appveyor:test-discovery");
    }

    [Fact]
    public void Bitbucket_sections_give_job_triggers_and_pipes()
    {
        var pipeline = CiReader.Read(Sources.Of("bitbucket-pipelines.yml", """
            image: node:20
            pipelines:
              pull-requests:
                '**':
                  - step:
                      script: [npm test]
              custom:
                deploy-prod:
                  - step:
                      deployment: production
                      script:
                        - pipe: atlassian/aws-ecs-deploy:1.6.0
                          variables:
                            CLUSTER_NAME: prod
            """), "bitbucket-pipelines", out _)!;

        Assert.True(pipeline.PullRequests);
        Assert.Contains(pipeline.Steps, s => s.Run == "npm test" && s.Image == "node:20");
        var deploy = pipeline.Jobs.Single(j => j.Environment == "production");
        Assert.Equal([CiTriggers.Manual], deploy.Triggers);
        Assert.Contains(deploy.Steps, s => s.Uses == "atlassian/aws-ecs-deploy:1.6.0" && s.Inputs["CLUSTER_NAME"] == "prod");
    }

    [Fact]
    public void Reusable_workflows_and_composite_actions_are_part_of_their_caller()
    {
        var workspace = Tree.Read(
            (".github/workflows/pr.yml", "on: pull_request\njobs:\n  ci:\n    uses: ./.github/workflows/ci.yml\n"),
            (".github/workflows/ci.yml", "on: workflow_call\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - run: make test\n"),
            (".github/actions/setup/action.yml", "runs:\n  using: composite\n  steps:\n    - run: npm ci\n      shell: bash\n    - uses: ./.github/actions/cache\n"),
            (".github/actions/cache/action.yml", "runs:\n  using: composite\n  steps:\n    - run: echo cached\n      shell: bash\n"),
            ("Makefile", "test:\n\tgo test ./...\n"));

        var pipeline = Assert.Single(workspace.Ci.Pipelines);
        Assert.Equal(".github/workflows/pr.yml", pipeline.Path);
        Assert.Contains(".github/workflows/ci.yml", pipeline.Parts);
        var runs = workspace.Ci.Runs;
        Assert.Contains(runs, r => r.Step.Run == "npm ci" && r.Path == ".github/actions/setup/action.yml" && r.Triggers.Contains(CiTriggers.PullRequest));
        Assert.Contains(runs, r => r.Step.Run == "echo cached" && r.Path == ".github/actions/cache/action.yml");
        var test = Assert.Single(workspace.Ci.Tests, t => t.Ecosystem == "go");
        Assert.Equal(".github/workflows/ci.yml", test.Run.Path);
        Assert.Equal("ci/test", test.Run.Job.Name);
    }

    [Fact]
    public void A_workflow_that_also_runs_on_its_own_stays_a_pipeline()
    {
        var workspace = Tree.Read(
            (".github/workflows/release.yml", "on: push\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n"),
            (".github/workflows/build.yml", "on: [workflow_call, workflow_dispatch]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go build ./...\n"));

        Assert.Equal([".github/workflows/build.yml", ".github/workflows/release.yml"], workspace.Ci.Pipelines.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GitLab_includes_extends_references_and_job_rules_are_resolved()
    {
        var workspace = Tree.Read(
            (".gitlab-ci.yml", "include:\n  - local: /ci/*.yml\n  - template: Security/SAST.gitlab-ci.yml\ndefault:\n  before_script: [echo setup]\nunit:\n  extends: .test\nrelease:\n  script:\n    - !reference [.deploy, script]\n  rules:\n    - if: $CI_COMMIT_TAG\n"),
            ("ci/templates.yml", ".test:\n  image: golang:1.23\n  script: [go test ./...]\n.deploy:\n  script: [helm upgrade --install api chart/]\n"));

        var pipeline = Assert.Single(workspace.Ci.Pipelines);
        Assert.Equal(["ci/templates.yml"], pipeline.Parts);
        var unit = pipeline.Jobs.Single(j => j.Name == "unit");
        Assert.Equal(["echo setup", "go test ./..."], unit.Steps.Select(s => s.Run));
        Assert.Equal("ci/templates.yml", unit.Steps[1].Path);
        var release = pipeline.Jobs.Single(j => j.Name == "release");
        Assert.Contains(release.Steps, s => s.Run == "helm upgrade --install api chart/");
        Assert.Equal([CiTriggers.PushTags], release.Triggers);
        Assert.DoesNotContain(pipeline.Jobs, j => j.Name.StartsWith('.'));
    }

    [Fact]
    public void Azure_local_templates_bring_their_steps_and_deployment_jobs()
    {
        var workspace = Tree.Read(
            ("azure-pipelines.yml", "trigger: [main]\njobs:\n  - job: build\n    steps:\n      - template: templates/test.yml\n      - template: steps/shared.yml@tools\n"),
            ("templates/test.yml", "steps:\n  - script: dotnet test App.sln\n"));

        var pipeline = Assert.Single(workspace.Ci.Pipelines);
        Assert.Contains("templates/test.yml", pipeline.Parts);
        Assert.Contains(workspace.Ci.Runs, r => r.Step.Run == "dotnet test App.sln" && r.Path == "templates/test.yml");
    }

    [Fact]
    public void Tekton_task_references_and_concourse_task_files_are_resolved()
    {
        var workspace = Tree.Read(
            (".tekton/pr.yaml", "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: pr\n  annotations:\n    pipelinesascode.tekton.dev/on-event: \"[pull_request]\"\nspec:\n  pipelineSpec:\n    tasks:\n      - name: unit\n        taskRef:\n          name: go-test\n"),
            ("tekton/tasks.yaml", "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: go-test\nspec:\n  steps:\n    - name: test\n      image: golang\n      script: |\n        go test ./...\n"),
            ("ci/pipeline.yml", "resources:\n- name: repo\n  type: git\njobs:\n- name: unit\n  plan:\n  - get: repo\n    trigger: true\n  - task: test\n    file: repo/ci/test.yml\n- name: ship\n  plan:\n  - get: repo\n  - put: image\n"),
            ("ci/test.yml", "platform: linux\nrun:\n  path: sh\n  args: [-ec, make test]\n"));

        var tekton = workspace.Ci.Pipelines.Single(p => p.System == "tekton");
        Assert.Equal(".tekton/pr.yaml", tekton.Path);
        Assert.True(tekton.PullRequests);
        Assert.Contains(tekton.Steps, s => s.Run!.Contains("go test", StringComparison.Ordinal) && s.Path == "tekton/tasks.yaml");
        Assert.DoesNotContain(workspace.Ci.Pipelines, p => p.Path == "tekton/tasks.yaml");
        var concourse = workspace.Ci.Pipelines.Single(p => p.System == "concourse");
        Assert.Contains(concourse.Steps, s => s.Run == "make test" && s.Path == "ci/test.yml");
        Assert.True(concourse.Jobs.Single(j => j.Name == "ship").Manual);
        Assert.False(concourse.Jobs.Single(j => j.Name == "unit").Manual);
    }

    [Fact]
    public void Terraform_cloud_build_triggers_decide_the_events_of_their_file()
    {
        var workspace = Tree.Read(
            ("cloudbuild.yaml", "steps:\n- name: golang\n  entrypoint: go\n  args: [test, ./...]\n"),
            ("deploy/cloudbuild.yaml", "steps:\n- name: gcr.io/cloud-builders/gcloud\n  args: [run, deploy, api]\n"),
            ("infra/triggers.tf", "resource \"google_cloudbuild_trigger\" \"pr\" {\n  github {\n    owner = \"x\"\n    name = \"api\"\n    pull_request {\n      branch = \"^main$\"\n    }\n  }\n  filename = \"cloudbuild.yaml\"\n}\n\nresource \"google_cloudbuild_trigger\" \"deploy\" {\n  trigger_template {\n    branch_name = \"main\"\n  }\n  approval_config {\n    approval_required = true\n  }\n  filename = \"deploy/cloudbuild.yaml\"\n}\n"));

        var tests = workspace.Ci.Pipelines.Single(p => p.Path == "cloudbuild.yaml");
        Assert.True(tests.PullRequests);
        var deploy = workspace.Ci.Pipelines.Single(p => p.Path == "deploy/cloudbuild.yaml");
        Assert.False(deploy.PullRequests);
        Assert.Equal([CiTriggers.Push], deploy.Triggers);
        Assert.All(deploy.Jobs, j => Assert.True(j.Manual));
        Assert.Contains(workspace.Ci.Deploys, d => d.Kind == DeployKind.Deploy && d.Pipeline.Path == "deploy/cloudbuild.yaml");
    }

    [Fact]
    public void Deploy_steps_are_classified_from_commands_actions_and_plugins()
    {
        var workspace = Tree.Read(
            (".github/workflows/cd.yml", "on: push\njobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/setup-helm@v4\n      - uses: azure/webapps-deploy@v3\n      - uses: pypa/gh-action-pypi-publish@release/v1\n      - uses: peaceiris/actions-gh-pages@v4\n      - run: make release\n"),
            ("Makefile", "release:\n\tdocker push ghcr.io/x/api:$(VERSION)\n"));

        var kinds = workspace.Ci.Deploys.Select(d => (d.Run.Step.Uses ?? d.Run.Step.Run, d.Kind)).ToList();
        Assert.Contains(("azure/webapps-deploy@v3", DeployKind.Deploy), kinds);
        Assert.Contains(("pypa/gh-action-pypi-publish@release/v1", DeployKind.PackagePublish), kinds);
        Assert.Contains(("make release", DeployKind.ImagePush), kinds);
        Assert.DoesNotContain(kinds, k => k.Item1 is "azure/setup-helm@v4" or "peaceiris/actions-gh-pages@v4");
        Assert.Contains("via make release (Makefile:2)", workspace.Ci.Deploys.Single(d => d.Run.Step.Run == "make release").Detail, StringComparison.Ordinal);
    }
}
