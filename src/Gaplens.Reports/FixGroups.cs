using Gaplens.Analysis;

namespace Gaplens.Reports;

/// <summary>
/// Gaps of one domain that a team closes with one piece of work (one pipeline change, one set of documents, one
/// library wired once): the summary document presents them together, with one impact and the fixes side by side.
/// A practice named by no group is a group of its own.
/// </summary>
public static class FixGroups
{
    private static readonly (string Title, string[] Practices)[] Groups =
    [
        ("Pipeline checks", ["ci-pipeline", "ci-runs-tests", "ci-pr-validation"]),
        ("Release and rollback", ["cd-deploy-automation", "cd-approval-gates", "cd-rollback"]),
        ("Security scanning in the pipeline", ["ci-dependency-scanning", "ci-sast", "ci-container-scanning"]),
        ("Test suites", ["test-unit", "test-integration", "test-e2e", "test-coverage"]),
        ("Identity and access", ["sec-authn", "sec-authz", "sec-service-auth"]),
        ("Request hardening", ["sec-input-validation", "sec-rate-limiting", "sec-security-headers", "sec-https"]),
        ("Secrets handling", ["secrets-manager", "secrets-env-template", "secrets-gitignored"]),
        ("Backups and restore", ["data-backup", "data-restore-test"]),
        ("Telemetry", ["obs-structured-logging", "obs-correlation-id", "obs-tracing", "obs-metrics"]),
        ("Alerting and dashboards", ["obs-error-tracking", "obs-alerting", "obs-dashboards"]),
        ("Health checks and shutdown", ["res-health-endpoint", "res-dependency-health", "res-probes", "res-graceful-shutdown"]),
        ("Resilient calls", ["res-retry", "res-circuit-breaker", "res-timeouts"]),
        ("Capacity", ["scale-resource-limits", "scale-autoscaling"]),
        ("Infrastructure as code", ["config-iac", "config-iac-remote-state"]),
        ("Configuration", ["config-per-environment", "config-validation"]),
        ("API contract", ["api-openapi", "api-versioning", "api-error-contract"]),
        ("Operating documents", ["ops-runbooks", "ops-incident-response", "ops-disaster-recovery"]),
        ("Personal data and audit", ["comp-privacy", "comp-audit-log"]),
        ("Developer onboarding", ["dx-readme", "dx-contributing", "dx-local-environment", "dx-code-style"]),
    ];

    private static readonly Dictionary<string, int> GroupOf = Groups
        .SelectMany((g, i) => g.Practices.Select(p => (p, i)))
        .ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);

    /// <summary>The gaps in groups, in the order of their first (most severe) gap; a group of one keeps the gap's title.</summary>
    public static IReadOnlyList<FixGroup> Of(IReadOnlyList<PracticeAssessment> gaps)
    {
        var result = new List<FixGroup>();
        foreach (var gap in gaps)
        {
            if (result.Any(r => r.Gaps.Contains(gap)))
            {
                continue;
            }

            if (!GroupOf.TryGetValue(gap.Id, out var index))
            {
                result.Add(new FixGroup(gap.Title, [gap]));
                continue;
            }

            var members = gaps.Where(g => g.Domain == gap.Domain && GroupOf.TryGetValue(g.Id, out var i) && i == index).ToList();
            result.Add(new FixGroup(members.Count == 1 ? gap.Title : Groups[index].Title, members));
        }

        return result;
    }
}

/// <summary>Gaps closed by one piece of work.</summary>
public sealed record FixGroup(string Title, IReadOnlyList<PracticeAssessment> Gaps)
{
    /// <summary>A group with a critical or high gap: the summary writes its impact and fix out.</summary>
    public bool Urgent => Gaps.Any(g => g.Severity is Gaplens.Core.Model.Severity.Critical or Gaplens.Core.Model.Severity.High);

    public string Heading => Gaps.Count == 1 ? MarkdownReportWriter.GapHeading(Gaps[0]) : $"{Title}: {string.Join(", ", Gaps.Select(g => g.GapId))}";
}
