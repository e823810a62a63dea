using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Analysis;

/// <summary>
/// One row per deployable service with code: a practice judged per service counts for the services that have it;
/// a practice judged for the whole repository counts the same for every service.
/// </summary>
public static class ServiceMatrix
{
    public static readonly IReadOnlyList<string> Columns = ["cicd", "testing", "security", "observability", "resilience", "operations"];

    public static IReadOnlyList<ServiceRow> Build(IReadOnlyList<PracticeAssessment> practices, ScanResult scan)
    {
        var services = DefaultPolicy.JudgedServices(scan.Facts);
        if (services.Count < 2)
        {
            return [];
        }

        var rows = new List<ServiceRow>();
        foreach (var service in services)
        {
            var own = practices.Select(p => ForService(p, service.Name)).ToList();
            var domains = Columns.ToDictionary(c => c, c => Scoring.Score(own.Where(p => p.Domain == c)), StringComparer.Ordinal);
            var gaps = own.Where(p => p.IsOpenGap && (p.Verdict.ServicesWithout.Contains(service.Name) || p.Verdict.ServicesWith.Count == 0))
                .OrderBy(p => p.Severity).Select(p => p.GapId).ToList();
            rows.Add(new ServiceRow(service.Name, service.Path, service.Kind, domains, Scoring.Score(own) ?? 100, gaps));
        }

        return rows;
    }

    private static PracticeAssessment ForService(PracticeAssessment practice, string service)
    {
        var verdict = practice.Verdict;
        if (verdict.Status != PracticeStatus.Partial || verdict.ServicesWith.Count + verdict.ServicesWithout.Count == 0)
        {
            return practice;
        }

        var status = verdict.ServicesWith.Contains(service) ? PracticeStatus.Present : verdict.ServicesWithout.Contains(service) ? PracticeStatus.Missing : verdict.Status;
        return practice with { Verdict = verdict with { Status = status } };
    }
}
