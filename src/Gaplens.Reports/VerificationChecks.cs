using System.Text.RegularExpressions;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Reports;

/// <summary>A check a team runs against the running system, and the gaps whose closing it shows.</summary>
public sealed record VerificationCheck(string Check, string Command, string Shows, IReadOnlyList<string> Gaps);

/// <summary>A part of the system whose failure stops what depends on it, with the file that shows it.</summary>
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
                rows.Add(new VerificationCheck($"Restore drill: {store.Name}", command, $"last night's backup of the store seen at {store.Evidence} restores, within the RTO", GapIds(a, "data-backup", "data-restore-test", "ops-disaster-recovery")));
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
                "jvm" => "./mvnw verify (or ./gradlew check jacocoTestCoverageVerification)",
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
