using Gaplens.Core.Model;

namespace Gaplens.Analysis;

/// <summary>
/// The phased plan: phase 1 closes critical gaps and the gaps they depend on, phase 2 the high ones, phase 3 the
/// medium and low ones. Inside a phase a task comes after the tasks it depends on, then by severity and catalog order.
/// </summary>
public static class Planner
{
    public static IReadOnlyList<PlanPhase> Plan(IReadOnlyList<PracticeAssessment> practices)
    {
        var open = practices.Where(p => p.IsOpenGap).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var order = practices.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var phaseOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gap in open.Values)
        {
            phaseOf[gap.Id] = gap.Severity switch
            {
                Severity.Critical => 1,
                Severity.High => 2,
                _ => 3,
            };
        }

        // A dependency must not come after what depends on it: pull it into the earlier phase.
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var gap in open.Values)
            {
                foreach (var dependency in gap.DependsOn.Where(open.ContainsKey))
                {
                    if (phaseOf[dependency] > phaseOf[gap.Id])
                    {
                        phaseOf[dependency] = phaseOf[gap.Id];
                        changed = true;
                    }
                }
            }
        }

        var phases = new List<PlanPhase>();
        var names = new[]
        {
            ("Launch blockers", "Close every critical gap, and what those fixes depend on, before anything goes live."),
            ("Production hardening", "Close the high-severity gaps before the first real traffic or soon after a pilot starts."),
            ("Operational maturity", "Close the medium and low gaps as ongoing work once the service runs."),
        };
        for (var number = 1; number <= 3; number++)
        {
            var tasks = Order(open.Values.Where(g => phaseOf[g.Id] == number).ToList(), order)
                .Select(g => new PlanTask(g.GapId, g.Id, g.Title, g.Severity, g.Effort, g.Owner, g.SuccessCriterion, $"gaplens scan . --practice {g.Id}",
                    g.DependsOn.Where(open.ContainsKey).Select(d => open[d].GapId).ToList()))
                .ToList();
            if (tasks.Count > 0)
            {
                phases.Add(new PlanPhase(number, names[number - 1].Item1, names[number - 1].Item2, tasks));
            }
        }

        return phases;
    }

    private static List<PracticeAssessment> Order(List<PracticeAssessment> gaps, Dictionary<string, int> order)
    {
        var remaining = gaps.OrderBy(g => g.Severity).ThenBy(g => order[g.Id]).ToList();
        var placed = new List<PracticeAssessment>();
        var ids = gaps.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(g => g.DependsOn.Where(ids.Contains).All(d => placed.Any(p => p.Id == d))) ?? remaining[0];
            placed.Add(next);
            remaining.Remove(next);
        }

        return placed;
    }
}
