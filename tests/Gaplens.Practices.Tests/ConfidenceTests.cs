using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Tests;

namespace Gaplens.Practices.Tests;

/// <summary>
/// A gap that rests on something the scan could not see carries low confidence and says what it could not see; the
/// same tree with that thing visible (or absent) keeps high confidence. Every tree is written here, on disk.
/// </summary>
public sealed class ConfidenceTests
{
    private const string Api = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
        </Project>
        """;

    private const string Program = """
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/orders", () => Results.Ok());
        app.Run();
        """;

    private static FixtureCopy Service() => FixtureCopy.Empty()
        .With("src/Orders/Orders.csproj", Api)
        .With("src/Orders/Program.cs", Program)
        .With("tests/Orders.Tests/Orders.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><PackageReference Include="xunit" Version="2.9.0" /></ItemGroup>
            </Project>
            """)
        .With("tests/Orders.Tests/OrderTests.cs", "public class OrderTests { [Xunit.Fact] public void Works() { } }\n");

    private static Verdict Judge(FixtureCopy tree, string practice, long maxFileSize = 2 * 1024 * 1024) =>
        new ReadinessScanner().Scan(tree.Root, new ScanOptions { MaxFileSize = maxFileSize }).Verdicts.Single(v => v.PracticeId == practice);

    [Fact]
    public void Tests_run_by_a_workflow_of_another_repository_are_to_confirm()
    {
        using var tree = Service().With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                uses: acme/shared-workflows/.github/workflows/dotnet-ci.yml@v3
            """);

        var verdict = Judge(tree, "ci-runs-tests");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.Low, verdict.Confidence);
        Assert.Contains("acme/shared-workflows/.github/workflows/dotnet-ci.yml@v3", verdict.ConfidenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_run_by_an_action_of_another_repository_are_to_confirm()
    {
        using var tree = Service().With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - name: Run the test suite
                    uses: acme/dotnet-test-action@v2
            """);

        var verdict = Judge(tree, "ci-runs-tests");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.Low, verdict.Confidence);
        Assert.Contains("acme/dotnet-test-action@v2", verdict.ConfidenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_build_script_in_a_language_the_scan_does_not_follow_makes_the_ci_gaps_to_confirm()
    {
        using var tree = Service()
            .With("build.cake", "Task(\"Test\").Does(() => DotNetTest(\"./tests\"));\nRunTarget(\"Test\");\n")
            .With(".github/workflows/ci.yml", """
                on: [push, pull_request]
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: dotnet tool restore && dotnet cake build.cake
                """);

        var verdict = Judge(tree, "ci-runs-tests");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.Low, verdict.Confidence);
        Assert.Contains("build.cake", verdict.ConfidenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pipeline_the_scan_reads_whole_keeps_high_confidence()
    {
        using var tree = Service().With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: dotnet build
            """);

        var verdict = Judge(tree, "ci-runs-tests");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.High, verdict.Confidence);
        Assert.Null(verdict.ConfidenceReason);
    }

    [Fact]
    public void Reviewers_of_a_github_environment_live_outside_the_repository()
    {
        const string Deploy = """
            on:
              push:
                branches: [main]
            jobs:
              deploy:
                runs-on: ubuntu-latest
                {0}
                steps:
                  - uses: actions/checkout@v4
                  - run: dotnet test
                  - run: az webapp deploy --name orders --src-path app.zip
            """;
        using var withEnvironment = Service().With(".github/workflows/deploy.yml", Deploy.Replace("{0}", "environment: production", StringComparison.Ordinal));
        using var without = Service().With(".github/workflows/deploy.yml", Deploy.Replace("{0}", string.Empty, StringComparison.Ordinal));

        var unseen = Judge(withEnvironment, "cd-approval-gates");
        var seen = Judge(without, "cd-approval-gates");

        Assert.Equal(PracticeStatus.Present, unseen.Status);
        Assert.Equal(Confidence.Low, unseen.Confidence);
        Assert.Contains("'production'", unseen.ConfidenceReason, StringComparison.Ordinal);

        Assert.True(seen.IsGap, seen.Reason);
        Assert.Equal(Confidence.High, seen.Confidence);
    }

    [Fact]
    public void A_dockerfile_over_the_size_cap_makes_its_gaps_to_confirm()
    {
        var dockerfile = "FROM mcr.microsoft.com/dotnet/aspnet:8.0\n" + string.Concat(Enumerable.Repeat("# padding line to pass the size cap\n", 40)) +
                         "COPY . /app\nENTRYPOINT [\"dotnet\", \"/app/Orders.dll\"]\n";
        using var tree = Service().With("src/Orders/Dockerfile", dockerfile);

        var capped = Judge(tree, "deploy-containerized", maxFileSize: 1024);
        var cappedHardening = Judge(tree, "sec-container-hardening", maxFileSize: 1024);
        var read = Judge(tree, "sec-container-hardening");

        Assert.True(capped.IsGap, capped.Reason);
        Assert.Equal(Confidence.Low, capped.Confidence);
        Assert.Contains("src/Orders/Dockerfile was not read", capped.ConfidenceReason, StringComparison.Ordinal);
        Assert.Equal(PracticeStatus.NotApplicable, cappedHardening.Status);
        Assert.Equal(Confidence.Low, cappedHardening.Confidence);
        Assert.True(read.IsGap, read.Reason);
        Assert.Equal(Confidence.High, read.Confidence);
    }

    [Fact]
    public void A_large_code_file_does_not_lower_confidence()
    {
        using var tree = Service().With("src/Orders/Generated.cs", "// generated\n" + string.Concat(Enumerable.Repeat("public static class G { }\n", 80)));

        var verdict = Judge(tree, "sec-container-hardening", maxFileSize: 1024);

        Assert.NotEqual(Confidence.Low, verdict.Confidence);
    }

    [Fact]
    public void Managed_platform_defaults_make_https_gaps_to_confirm()
    {
        using var tree = FixtureCopy.Empty()
            .With("package.json", """{ "name": "site", "scripts": { "build": "next build", "start": "next start" }, "dependencies": { "next": "14.2.5", "react": "18.3.1" } }""")
            .With("app/page.tsx", "export default function Home() { return <main>hi</main>; }\n")
            .With("vercel.json", """{ "framework": "nextjs" }""");

        var verdict = Judge(tree, "sec-https");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.Low, verdict.Confidence);
        Assert.Contains("vercel", verdict.ConfidenceReason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_https_gap_without_a_managed_platform_keeps_high_confidence()
    {
        using var tree = Service();

        var verdict = Judge(tree, "sec-https");

        Assert.True(verdict.IsGap, verdict.Reason);
        Assert.Equal(Confidence.High, verdict.Confidence);
    }

    [Fact]
    public void A_present_verdict_keeps_high_confidence_whatever_the_scan_could_not_see()
    {
        using var tree = Service().With(".github/workflows/ci.yml", """
            on: [push, pull_request]
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: dotnet test
              shared:
                uses: acme/shared-workflows/.github/workflows/lint.yml@v3
            """);

        var verdict = Judge(tree, "ci-runs-tests");

        Assert.Equal(PracticeStatus.Present, verdict.Status);
        Assert.Equal(Confidence.High, verdict.Confidence);
    }
}
