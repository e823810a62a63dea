using System.Text.RegularExpressions;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Reports;

/// <summary>A check a team runs against the running system, and the gaps whose closing it shows.</summary>
public sealed record VerificationCheck(string Check, string Command, string Shows, IReadOnlyList<string> Gaps);

/// <summary>A part of the system whose failure stops what depends on it, with the file that shows it.</summary>
/// <summary>A measurable target the team agrees before launch: the metric, the figure for the profile and how to measure it here.</summary>
public sealed record SuccessCriterion(string Metric, string Target, string HowToMeasure, IReadOnlyList<string> Gaps);

public sealed record SinglePoint(string Component, string Why, string Evidence, string Dependents);

/// <summary>
/// Verification commands and single points of failure written from the facts and verdicts: the health route the
/// scan found, the stores it saw, the platform the services run on. Nothing here is said of a repository that does
/// not show it.
/// </summary>
public static partial class VerificationChecks
{
    [GeneratedRegex(@"(?<![\w/])(/(?:api/)?(?:health|healthz|livez|readyz|ready|live|ping|status|actuator/health)[\w/-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex HealthRoute();

    public static IReadOnlyList<VerificationCheck> For(Assessment a)
    {
        var facts = a.Facts;
        var rows = new List<VerificationCheck>();
        if (!facts.IsDeployable && !facts.UsesDatabase)
        {
            return rows;
        }

        var health = a.Practices.FirstOrDefault(p => p.Id == "res-health-endpoint");
        var probes = GapIds(a, "res-health-endpoint", "res-dependency-health", "res-probes");
        var route = health?.Verdict.Evidence.Select(e => HealthRoute().Match(e.Detail)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        if (route is not null)
        {
            rows.Add(new VerificationCheck("Health route answers", $"curl -fsS https://<host>{route}", $"the route found at {health!.Verdict.Evidence[0]} returns 2xx once deployed", probes));
        }
        else if (facts.ServesHttp)
        {
            rows.Add(new VerificationCheck("Health route answers", "curl -fsS https://<host>/health", "each HTTP service answers a health route once one is added", probes));
        }

        if (facts.Has("compose"))
        {
            rows.Add(new VerificationCheck("Every container is healthy", "docker compose up -d --wait && docker compose ps", "compose waits for each healthcheck; a service without one shows no health", probes));
        }

        if (facts.Has("kubernetes"))
        {
            var first = facts.BackEndServices.FirstOrDefault()?.Name ?? "<service>";
            rows.Add(new VerificationCheck("Rollout completes", $"kubectl rollout status deployment/{first} --timeout=120s", "the new version passed its probes", probes));
            rows.Add(new VerificationCheck("Rollback dry run", facts.Has("helm") ? "helm rollback <release> 0 --dry-run" : $"kubectl rollout undo deployment/{first} --dry-run=server",
                "the previous version can be restored with one command", GapIds(a, "cd-rollback")));
        }
        else if (facts.Has("compose"))
        {
            rows.Add(new VerificationCheck("Rollback dry run", "IMAGE_TAG=<previous> docker compose config --quiet && IMAGE_TAG=<previous> docker compose up -d --no-build",
                "the previous image tags still resolve and start", GapIds(a, "cd-rollback")));
        }

        foreach (var store in facts.Databases.GroupBy(d => d.Name, StringComparer.Ordinal).Select(g => g.First()))
        {
            var command = store.Name switch
            {
                "PostgreSQL" => "createdb restore_check && pg_restore --exit-on-error -d restore_check <latest.dump>",
                "MySQL" or "MariaDB" => "mysql -e 'CREATE DATABASE restore_check' && mysql restore_check < <latest.sql>",
                "MongoDB" => "mongorestore --nsFrom='app.*' --nsTo='restore_check.*' --archive=<latest.archive>",
                "SQL Server" => "sqlcmd -Q \"RESTORE VERIFYONLY FROM DISK='<latest.bak>'\"",
                "SQLite" => "sqlite3 <copy.db> 'PRAGMA integrity_check'",
                _ => null,
            };
            if (command is not null)
            {
                rows.Add(new VerificationCheck($"Restore drill: {store.Name}", command, $"the latest {store.Name} backup restores into a scratch database within the RTO", GapIds(a, "data-backup", "data-restore-test", "ops-disaster-recovery")));
            }
        }

        foreach (var ecosystem in facts.Services.Select(s => s.Ecosystem).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var command = ecosystem switch
            {
                "node" => "npm test -- --coverage",
                "python" => "pytest --cov --cov-fail-under=70",
                "go" => "go test -cover ./...",
                "dotnet" => "dotnet test --collect:\"XPlat Code Coverage\"",
                "java" => "./mvnw verify (or ./gradlew check jacocoTestCoverageVerification)",
                "ruby" => "bundle exec rspec",
                "rust" => "cargo test",
                "php" => "vendor/bin/phpunit --coverage-text",
                "elixir" => "mix test --cover",
                _ => null,
            };
            if (command is not null)
            {
                var services = facts.Services.Where(s => s.Ecosystem == ecosystem).Select(s => s.Name).ToList();
                var names = services.Count <= 3 ? string.Join(", ", services) : $"{string.Join(", ", services.Take(3))} and {services.Count - 3} more";
                rows.Add(new VerificationCheck($"Tests and coverage: {names}", command, "the suite passes and reports coverage against the target", GapIds(a, "test-unit", "test-coverage")));
            }
        }

        return rows;
    }

    /// <summary>
    /// Numeric targets for the profile, each only where it applies to this repository (latency for services that serve
    /// requests, recovery for stores that keep data) and measured with the tools of the stacks found.
    /// </summary>
    public static IReadOnlyList<SuccessCriterion> Criteria(Assessment a)
    {
        var facts = a.Facts;
        var rows = new List<SuccessCriterion>();
        if (!facts.IsDeployable)
        {
            return rows;
        }

        var (availability, p95, errors, coverage, retention, rpo, rto) = a.Profile switch
        {
            Profile.Pilot => ("99.5% a month", "under 800 ms", "under 2% of requests", "60% of lines", "7 days", "24 h", "8 h"),
            Profile.Enterprise => ("99.95% a month", "under 300 ms", "under 0.1% of requests", "80% of lines", "35 days", "15 min", "1 h"),
            _ => ("99.9% a month", "under 500 ms", "under 0.5% of requests", "70% of lines", "14 days", "1 h", "4 h"),
        };
        var stacks = facts.Services.Select(s => s.Ecosystem).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (facts.ServesHttp)
        {
            var load = stacks.Select(LoadTool).FirstOrDefault(t => t is not null) ?? "k6";
            rows.Add(new SuccessCriterion("Availability of each HTTP service", availability, "an external uptime check on the health route", GapIds(a, "res-health-endpoint", "obs-alerting", "ops-slo")));
            rows.Add(new SuccessCriterion("p95 latency at the expected peak", p95, $"a {load} scenario against a production-sized environment", GapIds(a, "test-load", "obs-metrics")));
            rows.Add(new SuccessCriterion("Server errors (5xx)", errors, "request metrics of each service, with an alert", GapIds(a, "obs-metrics", "obs-alerting", "obs-error-tracking")));
        }

        if (facts.HasCode)
        {
            var tools = stacks.Select(CoverageTool).OfType<string>().Distinct(StringComparer.Ordinal).Take(3).ToList();
            rows.Add(new SuccessCriterion("Test coverage of each service", coverage, tools.Count > 0 ? $"{string.Join(", ", tools)} in CI, failing below target" : "the stack's coverage tool in CI", GapIds(a, "test-unit", "test-coverage")));
        }

        if (facts.OwnsPersistentData)
        {
            var stores = string.Join(", ", facts.Databases.Select(d => d.Name).Distinct(StringComparer.Ordinal).Take(3).DefaultIfEmpty("the data stores"));
            rows.Add(new SuccessCriterion($"Backup retention ({stores})", retention, "schedule and retention declared in code; alert on a failed backup", GapIds(a, "data-backup")));
            rows.Add(new SuccessCriterion("Recovery point / recovery time", $"RPO {rpo} / RTO {rto}", "a timed restore drill each quarter (see Verification)", GapIds(a, "data-restore-test", "ops-disaster-recovery")));
        }

        return rows;
    }

    private static string? LoadTool(string ecosystem) => ecosystem switch
    {
        "dotnet" => "NBomber or k6",
        "python" => "Locust",
        "java" => "Gatling",
        "node" or "go" => "k6",
        _ => null,
    };

    private static string? CoverageTool(string ecosystem) => ecosystem switch
    {
        "dotnet" => "coverlet",
        "python" => "pytest-cov",
        "node" => "c8/Jest coverage",
        "go" => "go test -cover",
        "java" => "JaCoCo",
        "ruby" => "SimpleCov",
        "rust" => "cargo llvm-cov",
        "php" => "PHPUnit coverage",
        "elixir" => "mix test --cover",
        _ => null,
    };

    public static IReadOnlyList<SinglePoint> SinglePoints(Assessment a)
    {
        var facts = a.Facts;
        var rows = new List<SinglePoint>();
        var ha = facts.Platforms.Any(p => p is "kubernetes" or "ecs" or "azure-container-apps" or "cloud-run" or "app-engine" or "heroku" or "fly" or "vercel" or "netlify");
        var backup = a.Practices.FirstOrDefault(p => p.Id == "data-backup");
        // Only what the files show running once: a store in its own container of the compose file that is the
        // deployment (no orchestrator or cloud declared). A store reached through a driver or provisioned by a cloud
        // may well be replicated outside the repository, and a compose file beside Kubernetes or Terraform runs the
        // stack locally.
        var composeDeploys = facts.Has("compose") && !facts.DeploysToOrchestratorOrCloud;
        foreach (var store in facts.Dependencies.Where(d => d.Category is DependencyCategory.Database or DependencyCategory.Broker or DependencyCategory.Cache)
                     .Where(d => composeDeploys && d.Evidence.Path.Contains("compose", StringComparison.OrdinalIgnoreCase))
                     .GroupBy(d => d.Name, StringComparer.Ordinal).Select(g => g.First()))
        {
            var why = "one container in the compose file that deploys the system, no replica declared";
            if (store.Category == DependencyCategory.Database && backup is { Verdict.IsGap: true })
            {
                why += $"; no backup ({backup.GapId})";
            }

            rows.Add(new SinglePoint($"{store.Name} ({store.Category.ToString().ToLowerInvariant()})", why, store.Evidence.ToString(), "every service that uses it"));
        }

        if (composeDeploys && !ha)
        {
            var file = facts.Services.Select(s => s.Evidence.Path).FirstOrDefault(p => p.Contains("compose", StringComparison.OrdinalIgnoreCase)) ?? "docker-compose.yml";
            rows.Add(new SinglePoint("The Docker host", $"all {facts.Services.Count} services run from one compose file on one machine; no orchestrator or second region found", file, "the whole system"));
        }

        return rows;
    }

    private static IReadOnlyList<string> GapIds(Assessment a, params string[] practices) =>
        a.Gaps.Where(g => practices.Contains(g.Id, StringComparer.Ordinal)).Select(g => g.GapId).ToList();
}
