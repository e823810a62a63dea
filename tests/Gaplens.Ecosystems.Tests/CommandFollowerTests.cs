using Gaplens.Ecosystems.Build;
using Gaplens.Ecosystems.Ci;

namespace Gaplens.Ecosystems.Tests;

/// <summary>A CI step is followed into what it runs: scripts, build files and package scripts, transitively.</summary>
public sealed class CommandFollowerTests
{
    private static IReadOnlyList<CiCommand> StepCommands(Workspace workspace, string run) =>
        workspace.Ci.Runs.Single(r => r.Step.Run == run).Commands;

    private static string Workflow(params string[] runs) =>
        "on: [push, pull_request]\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n" + string.Concat(runs.Select(r => $"      - run: {r}\n"));

    [Fact]
    public void Shell_lines_are_split_into_simple_commands_outside_quotes_and_substitutions()
    {
        var commands = ShellWords.Commands("cd web && npm test || echo 'a && b'\nexport X=$(git rev-parse HEAD; echo)  # note\n# comment\nmake \\\n  lint").Select(c => c.Command).ToList();

        Assert.Equal(["cd web", "npm test", "echo 'a && b'", "export X=$(git rev-parse HEAD; echo)", "make    lint"], commands);
        Assert.Equal(["go", "test", "-run", "Test A"], ShellWords.Tokens("go test -run \"Test A\""));
    }

    [Fact]
    public void Make_target_is_followed_into_its_prerequisites_and_recipe_with_variables()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("make ci")),
            ("Makefile", "GO ?= go\ninclude build/lint.mk\n\nci: lint test\n\ntest:\n\t@$(GO) test ./...\n\t$(MAKE) -C web check\n"),
            ("build/lint.mk", "lint:\n\tgolangci-lint run\n"),
            ("web/Makefile", "check:\n\tnpm run unit\n"),
            ("web/package.json", "{ \"scripts\": { \"unit\": \"vitest run\" } }"));

        var commands = StepCommands(workspace, "make ci");

        Assert.Contains(commands, c => c.Text == "golangci-lint run" && c.Path == "build/lint.mk" && c.Depth == 1);
        Assert.Contains(commands, c => c.Text == "go test ./..." && c.Path == "Makefile" && c.Line == 7 && c.Via == "make ci");
        Assert.Contains(commands, c => c.Text == "vitest run" && c.Path == "web/package.json" && c.Depth == 3 && c.Via == "make ci → make check → npm run unit");
        var texts = commands.Select(c => c.Text).ToList();
        Assert.True(texts.IndexOf("golangci-lint run") < texts.IndexOf("go test ./..."));
    }

    [Fact]
    public void Default_goal_is_the_first_target_unless_set()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("make", "make -f other.mk")),
            ("Makefile", ".PHONY: all\nall: test\ntest:\n\tpytest\n"),
            ("other.mk", ".DEFAULT_GOAL := lint\ntest:\n\tpytest\nlint:\n\truff check .\n"));

        Assert.Contains(StepCommands(workspace, "make"), c => c.Text == "pytest");
        var other = StepCommands(workspace, "make -f other.mk");
        Assert.Contains(other, c => c.Text == "ruff check .");
        Assert.DoesNotContain(other, c => c.Text == "pytest");
    }

    [Fact]
    public void Script_receives_its_arguments_and_follows_its_own_cd_and_variables()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("./scripts/test.sh users --race")),
            ("scripts/test.sh", "#!/bin/bash\nset -e\nreadonly service=\"$1\"\nSCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\ncd \"internal/$service\"\ngo test ${2:-} ./...\n\"$SCRIPT_DIR/lint.sh\"\n"),
            ("scripts/lint.sh", "golangci-lint run\n"));

        var commands = StepCommands(workspace, "./scripts/test.sh users --race");

        Assert.Contains(commands, c => c.Text == "cd \"internal/users\"" && c.Path == "scripts/test.sh");
        Assert.Contains(commands, c => c.Text == "go test --race ./..." && c.Line == 6);
        Assert.Contains(commands, c => c.Text == "golangci-lint run" && c.Path == "scripts/lint.sh" && c.Depth == 2);
    }

    [Fact]
    public void Package_scripts_are_found_from_the_directory_and_workspace_filters()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("cd web && npm test", "pnpm --filter @acme/api run check", "yarn workspace @acme/api lint", "npm ci")),
            ("package.json", "{ \"name\": \"root\", \"workspaces\": [\"web\", \"api\"] }"),
            ("web/package.json", "{ \"name\": \"@acme/web\", \"scripts\": { \"pretest\": \"tsc\", \"test\": \"jest --ci\" } }"),
            ("api/package.json", "{ \"name\": \"@acme/api\", \"scripts\": { \"check\": \"npm run lint && vitest run\", \"lint\": \"eslint .\" } }"));

        var web = StepCommands(workspace, "cd web && npm test");
        Assert.Contains(web, c => c.Text == "tsc");
        Assert.Contains(web, c => c.Text == "jest --ci" && c.Path == "web/package.json");
        var api = StepCommands(workspace, "pnpm --filter @acme/api run check");
        Assert.Contains(api, c => c.Text == "vitest run" && c.Path == "api/package.json");
        Assert.Contains(api, c => c.Text == "eslint ." && c.Depth == 2);
        Assert.Contains(StepCommands(workspace, "yarn workspace @acme/api lint"), c => c.Text == "eslint .");
        Assert.Single(StepCommands(workspace, "npm ci"));
    }

    [Fact]
    public void Just_recipes_bind_arguments_and_run_dependencies_first()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("just ci", "just test --release")),
            ("justfile", "set shell := [\"bash\", \"-c\"]\nalias t := test\n\nci: fmt (test \"--workspace\")\n\nfmt:\n    cargo fmt --check\n\n# tests\ntest *args:\n    @cargo test {{args}}\n"));

        var ci = StepCommands(workspace, "just ci");
        Assert.Contains(ci, c => c.Text == "cargo fmt --check");
        Assert.Contains(ci, c => c.Text == "cargo test" || c.Text.StartsWith("cargo test", StringComparison.Ordinal));
        Assert.Contains(StepCommands(workspace, "just test --release"), c => c.Text == "cargo test --release" && c.Line == 11);
    }

    [Fact]
    public void Taskfile_tasks_follow_deps_task_calls_and_included_namespaces()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("task ci", "task docs:build")),
            ("Taskfile.yml", "version: '3'\nincludes:\n  docs: ./docs\ntasks:\n  ci:\n    deps: [lint]\n    cmds:\n      - task: unit\n  lint: go vet ./...\n  unit:\n    dir: service\n    cmds:\n      - cmd: go test ./...\n"),
            ("docs/Taskfile.yml", "version: '3'\ntasks:\n  build:\n    cmds: [mkdocs build]\n"));

        var ci = StepCommands(workspace, "task ci");
        Assert.Contains(ci, c => c.Text == "go vet ./...");
        Assert.Contains(ci, c => c.Text == "go test ./..." && c.Line == 13);
        Assert.Contains(StepCommands(workspace, "task docs:build"), c => c.Text == "mkdocs build" && c.Path == "docs/Taskfile.yml");
    }

    [Fact]
    public void Cycles_end_and_depth_is_limited()
    {
        var chain = Enumerable.Range(1, 8).Select(i => ($"s/{i}.sh", i < 8 ? $"echo {i}\n./s/{i + 1}.sh\n" : "echo deepest\n")).ToArray();
        var workspace = Tree.Read([
            (".github/workflows/ci.yml", Workflow("make a", "./s/1.sh")),
            ("Makefile", "a: b\n\techo a\n\t$(MAKE) a\nb: a\n\techo b\n"),
            .. chain]);

        var make = StepCommands(workspace, "make a");
        Assert.Equal(1, make.Count(c => c.Text == "echo a"));
        Assert.Equal(1, make.Count(c => c.Text == "echo b"));
        var deep = StepCommands(workspace, "./s/1.sh");
        Assert.Contains(deep, c => c.Text == $"echo {CommandFollower.MaxDepth}");
        Assert.DoesNotContain(deep, c => c.Text == "echo deepest");
        Assert.All(deep, c => Assert.InRange(c.Depth, 0, CommandFollower.MaxDepth));
    }

    [Fact]
    public void Ruby_elixir_cargo_and_python_task_runners_are_followed()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("bundle exec rake", "bin/rake ci:all", "mix ci", "cargo xt check", "uv run poe check", "pdm run ci", "uv run task test", "nox")),
            ("Rakefile", "require_relative \"config/application\"\nRails.application.load_tasks\n"),
            ("lib/tasks/ci.rake", "namespace :ci do\n  task all: %i[lint spec]\n  task :lint do\n    sh \"bundle exec rubocop\"\n  end\n  RSpec::Core::RakeTask.new(:spec)\nend\n"),
            ("mix.exs", "defmodule App.MixProject do\n  defp aliases do\n    [\n      ci: [\"format --check-formatted\", \"cmd ./scripts/smoke.sh\", \"test\"],\n      test: [\"ecto.create --quiet\", \"test\"]\n    ]\n  end\nend\n"),
            ("scripts/smoke.sh", "curl -f localhost:4000\n"),
            (".cargo/config.toml", "[alias]\nxt = \"run --package xtask --\"\n"),
            ("xtask/src/main.rs", "fn main() { cmd!(sh, \"cargo nextest run --workspace\").run(); }\n"),
            ("pyproject.toml", "[tool.poe.tasks]\ncheck = [\"lint\", \"unit\"]\nlint = \"ruff check .\"\nunit = \"pytest -q\"\n\n[tool.pdm.scripts]\nci = { composite = [\"lint\", \"pytest\"] }\nlint = \"ruff check .\"\n\n[tool.taskipy.tasks]\ntest = \"pytest --cov\"\n"),
            ("noxfile.py", "import nox\n\nnox.options.sessions = [\"tests\"]\n\n@nox.session\ndef tests(session):\n    session.install(\"pytest\")\n    session.run(\"pytest\", \"-x\")\n\n@nox.session\ndef lint(session):\n    session.run(\"ruff\", \"check\")\n"));

        Assert.Contains(StepCommands(workspace, "bundle exec rake"), c => c.Text == "rails test");
        var rake = StepCommands(workspace, "bin/rake ci:all");
        Assert.Contains(rake, c => c.Text == "bundle exec rubocop" && c.Path == "lib/tasks/ci.rake" && c.Line == 4);
        Assert.Contains(rake, c => c.Text.StartsWith("RSpec::Core::RakeTask", StringComparison.Ordinal));
        var mix = StepCommands(workspace, "mix ci");
        Assert.Contains(mix, c => c.Text == "mix test");
        Assert.Contains(mix, c => c.Text == "curl -f localhost:4000" && c.Path == "scripts/smoke.sh");
        Assert.Contains(StepCommands(workspace, "cargo xt check"), c => c.Text.Contains("cargo nextest run", StringComparison.Ordinal) && c.Path == "xtask/src/main.rs");
        Assert.Contains(StepCommands(workspace, "uv run poe check"), c => c.Text == "pytest -q");
        Assert.Contains(StepCommands(workspace, "pdm run ci"), c => c.Text == "pytest");
        Assert.Contains(StepCommands(workspace, "uv run task test"), c => c.Text == "pytest --cov");
        var nox = StepCommands(workspace, "nox");
        Assert.Contains(nox, c => c.Text == "pytest -x");
        Assert.DoesNotContain(nox, c => c.Text == "ruff check");
    }

    [Fact]
    public void Dotnet_build_scripts_run_their_target_and_its_dependencies()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("./build.sh --target=Test", "./build.cmd Pack", "dotnet cake")),
            ("build.sh", "#!/usr/bin/env bash\ndotnet tool restore\ndotnet cake \"$@\"\n"),
            ("build.cake", "var target = Argument(\"target\", \"Default\");\nTask(\"Build\").Does(() => DotNetBuild(\"./App.sln\"));\nTask(\"Test\")\n    .IsDependentOn(\"Build\")\n    .Does(() => DotNetTest(\"./App.sln\"));\nTask(\"Default\").IsDependentOn(\"Build\");\nRunTarget(target);\n"),
            ("build.cmd", "@echo off\ndotnet run --project build/_build.csproj -- %*\n"),
            ("build/_build.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />"),
            ("build/Build.cs", "class Build : NukeBuild\n{\n    public static int Main() => Execute<Build>(x => x.Compile);\n    Target Compile => _ => _\n        .Executes(() => DotNetBuild());\n    Target Test => _ => _\n        .DependsOn(Compile)\n        .Executes(() => DotNetTest());\n    Target Pack => _ => _\n        .DependsOn(Compile)\n        .Executes(() => DotNetPack());\n}\n"));

        var cake = StepCommands(workspace, "./build.sh --target=Test");
        Assert.Contains(cake, c => c.Text.Contains("DotNetBuild(", StringComparison.Ordinal));
        Assert.Contains(cake, c => c.Text.Contains("DotNetTest(", StringComparison.Ordinal) && c.Path == "build.cake");
        Assert.DoesNotContain(StepCommands(workspace, "dotnet cake"), c => c.Text.Contains("DotNetTest(", StringComparison.Ordinal));
        Assert.DoesNotContain(workspace.Ci.Tests, t => t.Run.Step.Run == "./build.cmd Pack");
        Assert.Contains(StepCommands(workspace, "./build.cmd Pack"), c => c.Text.Contains("DotNetPack()", StringComparison.Ordinal) && c.Path == "build/Build.cs");
    }

    [Fact]
    public void Container_commands_and_image_builds_are_followed()
    {
        var workspace = Tree.Read(
            (".github/workflows/ci.yml", Workflow("docker compose -f ci.compose.yml run --rm tests", "docker run --rm -v $PWD:/src -w /src golang:1.23 make unit", "docker build --target test -f build/Dockerfile .")),
            ("ci.compose.yml", "services:\n  tests:\n    build: .\n    command: [\"pytest\", \"-q\"]\n"),
            ("Makefile", "unit:\n\tgo test ./...\n"),
            ("build/Dockerfile", "FROM golang:1.23 AS base\nRUN go mod download\nFROM base AS test\nRUN --mount=type=cache,target=/root/.cache go test ./...\nFROM base AS release\nRUN go build ./...\n"));

        Assert.Contains(StepCommands(workspace, "docker compose -f ci.compose.yml run --rm tests"), c => c.Text == "pytest -q" && c.Path == "ci.compose.yml");
        Assert.Contains(StepCommands(workspace, "docker run --rm -v $PWD:/src -w /src golang:1.23 make unit"), c => c.Text == "go test ./...");
        var build = StepCommands(workspace, "docker build --target test -f build/Dockerfile .");
        Assert.Contains(build, c => c.Text == "go mod download");
        Assert.Contains(build, c => c.Text == "go test ./..." && c.Line == 4);
        Assert.DoesNotContain(build, c => c.Text == "go build ./...");
    }
}
