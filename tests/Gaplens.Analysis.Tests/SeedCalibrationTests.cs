using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Tests;

namespace Gaplens.Analysis.Tests;

/// <summary>
/// Severity calibration against the hand-written gap analyses of ../shared/seeds: each fixture under
/// tests/fixtures/seeds/ is a small tree of our own that mirrors the system a seed describes, with the gaps it names.
/// What the seed ranks critical or high must land at critical or high for the seed's profile, and a seed that shows a
/// launch blocker must not read "no launch blockers".
/// </summary>
public sealed class SeedCalibrationTests
{
    /// <summary>A gap the seed ranks critical or high, with the practice that judges it.</summary>
    public sealed record Expected(string Practice, string SeedItem);

    public static TheoryData<string, string> Fixtures => new()
    {
        { "004-dotnet-backend", "production" },
        { "003-node-azure", "production" },
        { "002-compose-pilot", "pilot" },
    };

    private static readonly Dictionary<string, Expected[]> SevereInSeed = new(StringComparer.Ordinal)
    {
        // Seed 004: seven ASP.NET Core services, one PostgreSQL database each, on ECS; no tests, no CI, services call each other unauthenticated.
        ["004-dotnet-backend"] =
        [
            new("test-unit", "critical: no automated tests in 7 services"),
            new("api-gateway", "critical: each service exposes its own endpoint"),
            new("sec-service-auth", "critical: services trust each other by default"),
            new("obs-correlation-id", "high: no correlation ids across services"),
            new("data-backup", "high: no automated backups of the 7 databases"),
            new("secrets-manager", "high: secrets in appsettings.json"),
            new("obs-tracing", "high priority: distributed tracing"),
            new("ci-pipeline", "CI/CD pipeline missing"),
        ],

        // Seed 003: Express API and Next.js app on Azure VMs that run containers, with no Dockerfiles, no migrations, no TLS.
        ["003-node-azure"] =
        [
            new("deploy-containerized", "critical: no Dockerfile for the backend or the frontend"),
            new("data-backup", "critical: no backup and restore of the production database"),
            new("data-migrations", "critical: no migration scripts for Prisma"),
            new("sec-https", "critical: no certificates, no HTTPS enforcement"),
            new("res-health-endpoint", "critical: no health check endpoints"),
            new("test-unit", "high: testing infrastructure"),
            new("obs-error-tracking", "high: error tracking integration"),
        ],

        // Seed 002 (pilot): compose stack per partner instance; backups only by a script run by hand; tests never run by a pipeline.
        ["002-compose-pilot"] =
        [
            new("data-backup", "high: manual backup execution only"),
            new("ci-runs-tests", "high: tests exist but are not run on deployment"),
        ],
    };

    /// <summary>Practices whose open gap the seed calls a launch blocker.</summary>
    private static readonly Dictionary<string, string[]> BlockersInSeed = new(StringComparer.Ordinal)
    {
        ["004-dotnet-backend"] = ["test-unit", "sec-service-auth"],
        ["003-node-azure"] = ["deploy-containerized", "data-backup"],
        ["002-compose-pilot"] = [],
    };

    private static Assessment Analyze(string fixture, string profile)
    {
        using var copy = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "seeds", fixture));
        ProfileNames.TryParse(profile, out var parsed);
        return Analyzer.Analyze(new ReadinessScanner().Scan(copy.Root, new ScanOptions { Profile = parsed }));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void What_the_seed_ranks_critical_or_high_lands_at_critical_or_high(string fixture, string profile)
    {
        var assessment = Analyze(fixture, profile);

        var misses = new List<string>();
        foreach (var expected in SevereInSeed[fixture])
        {
            var practice = assessment.Practices.Single(p => p.Id == expected.Practice);
            if (!practice.IsOpenGap || practice.Severity > Severity.High)
            {
                misses.Add($"{expected.Practice} ({expected.SeedItem}): {practice.Status.ToWire()}, {practice.Severity.ToWire()} — {practice.Verdict.Reason}");
            }
        }

        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_seed_that_shows_a_blocker_never_reads_no_launch_blockers(string fixture, string profile)
    {
        var assessment = Analyze(fixture, profile);
        var blockers = assessment.Blockers.Select(b => b.Id).ToList();

        Assert.All(BlockersInSeed[fixture], id => Assert.Contains(id, blockers));
        if (BlockersInSeed[fixture].Length > 0)
        {
            Assert.NotEmpty(blockers);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_gap_says_what_drives_its_effort(string fixture, string profile)
    {
        var assessment = Analyze(fixture, profile);

        Assert.All(assessment.Gaps, g => Assert.False(string.IsNullOrWhiteSpace(g.EffortBasis), g.Id));
        var tests = assessment.Practices.Single(p => p.Id == "test-unit");
        if (tests.IsOpenGap && tests.ServicesTouched > 1)
        {
            Assert.Contains($"+ {tests.ServicesTouched - 1} more", tests.EffortBasis, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Containers_without_images_are_a_blocker_only_where_the_deployment_runs_containers()
    {
        using var withPlan = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "seeds", "003-node-azure"));
        using var withoutPlan = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "seeds", "003-node-azure"), "docker-compose.prod.yml", "infra/cloud-init.yaml");

        var planned = Analyzer.Analyze(new ReadinessScanner().Scan(withPlan.Root)).Practices.Single(p => p.Id == "deploy-containerized");
        var unplanned = Analyzer.Analyze(new ReadinessScanner().Scan(withoutPlan.Root)).Practices.Single(p => p.Id == "deploy-containerized");

        Assert.Equal(Severity.Critical, planned.Severity);
        Assert.Contains("runs containers", planned.SeverityNote, StringComparison.Ordinal);
        Assert.True(unplanned.IsOpenGap);
        Assert.True(unplanned.Severity > Severity.High, $"{unplanned.Severity}: {unplanned.SeverityNote}");
    }

    [Fact]
    public void Correlation_ids_matter_more_only_when_requests_cross_services()
    {
        var backend = Analyze("004-dotnet-backend", "production").Practices.Single(p => p.Id == "obs-correlation-id");
        var twoApps = Analyze("003-node-azure", "production").Practices.Single(p => p.Id == "obs-correlation-id");

        Assert.Equal(Severity.High, backend.Severity);
        Assert.Equal(Severity.Medium, twoApps.Severity);
    }
}
