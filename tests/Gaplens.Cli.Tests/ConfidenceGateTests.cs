using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>
/// Gaps to confirm (low confidence) in every format and at the gate: a service whose tests run in a workflow of another
/// repository has a critical ci-runs-tests gap the scan cannot confirm.
/// </summary>
public sealed class ConfidenceGateTests
{
    private static FixtureCopy Tree() => FixtureCopy.Empty()
        .With("src/Orders/Orders.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
            </Project>
            """)
        .With("src/Orders/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/orders\", () => Results.Ok());\napp.Run();\n")
        .With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                uses: acme/shared-workflows/.github/workflows/dotnet-ci.yml@v3
            """);

    [Fact]
    public void The_gate_leaves_gaps_to_confirm_out_unless_asked()
    {
        using var tree = Tree();

        var gated = CliRun.Of("scan", tree.Root, "--practice", "ci-runs-tests", "--fail-on", "critical");
        var strict = CliRun.Of("scan", tree.Root, "--practice", "ci-runs-tests", "--fail-on", "critical", "--fail-on-unconfirmed", "--quiet");
        var unflagged = CliRun.Of("scan", tree.Root, "--practice", "ci-runs-tests", "--fail-on-unconfirmed", "--quiet");

        Assert.Equal(ExitCodes.Ok, gated.ExitCode);
        Assert.Contains("Not gated: 1 gap(s) to confirm", gated.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.GateFailed, strict.ExitCode);
        Assert.Contains("ci-runs-tests", strict.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, unflagged.ExitCode);
    }

    [Fact]
    public void A_confirmed_critical_gap_still_fails_the_gate()
    {
        using var tree = Tree().With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: dotnet build
            """);

        var run = CliRun.Of("scan", tree.Root, "--practice", "ci-runs-tests", "--fail-on", "critical", "--quiet");

        Assert.Equal(ExitCodes.GateFailed, run.ExitCode);
    }

    [Fact]
    public void Every_format_marks_the_gap_to_confirm_and_says_what_was_not_seen()
    {
        using var tree = Tree();
        var output = Path.Combine(tree.Root, "out");

        var run = CliRun.Of("scan", tree.Root, "--format", "json,md,sarif,junit,html", "--output", output, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "gaplens-report.json")));
        var practice = json.RootElement.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "ci-runs-tests");
        Assert.Equal("low", practice.GetProperty("confidence").GetString());
        Assert.Contains("acme/shared-workflows", practice.GetProperty("confidenceReason").GetString(), StringComparison.Ordinal);
        var gapId = practice.GetProperty("gapId").GetString()!;
        var summary = json.RootElement.GetProperty("summary");
        Assert.Contains(gapId, summary.GetProperty("toConfirm").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain(gapId, summary.GetProperty("blockers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("high", json.RootElement.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "test-unit").GetProperty("confidence").GetString());

        var markdown = File.ReadAllText(Path.Combine(output, "gaplens-report.md"));
        var toConfirm = markdown.IndexOf("### To confirm", StringComparison.Ordinal);
        Assert.True(toConfirm > 0, "no To confirm group");
        Assert.True(markdown.IndexOf($"#### {gapId}", StringComparison.Ordinal) > toConfirm, "the gap is listed outside the To confirm group");
        Assert.Contains("**To confirm.** Confidence low:", markdown, StringComparison.Ordinal);

        var sarif = File.ReadAllText(Path.Combine(output, "gaplens-report.sarif"));
        Assert.Contains("\"confidence\": \"low\"", sarif, StringComparison.Ordinal);
        var junit = File.ReadAllText(Path.Combine(output, "gaplens-report.xml"));
        Assert.Contains("<property name=\"confidence\" value=\"low\" />", junit, StringComparison.Ordinal);
        Assert.Contains("to confirm: " + gapId, junit, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(output, "gaplens-report.html"));
        Assert.Contains("id=\"to-confirm\"", html, StringComparison.Ordinal);
        Assert.Contains("Confidence low:", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_documents_the_option()
    {
        var run = CliRun.Of("scan", "--help");

        Assert.Contains("--fail-on-unconfirmed", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
