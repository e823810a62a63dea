using System.Globalization;
using Gaplens.Analysis;
using Gaplens.Core.Model;

namespace Gaplens.Cli;

/// <summary>The verdict in a few lines for the terminal: readiness, gaps by severity, blockers, per-domain counts.</summary>
public static class TerminalSummary
{
    public static void Print(Terminal terminal, Assessment assessment, string root)
    {
        if (terminal.Quiet)
        {
            return;
        }

        var scan = assessment.Scan;
        var services = scan.Facts.Services.Count;
        terminal.Line();
        terminal.Line($"Gaplens {assessment.Profile.ToWire()} readiness of {root}: {Percent(assessment.Scores.Overall)} (target {Percent(assessment.Scores.Target)})");
        var languages = scan.Facts.Languages.Count == 0 ? string.Empty : ", " + string.Join(", ", scan.Facts.Languages.Take(4));
        terminal.Line($"  {scan.FilesScanned:N0} files, {services} deployable service{(services == 1 ? string.Empty : "s")}{languages}");
        var gaps = assessment.Gaps.ToList();
        terminal.Line($"  Gaps: {gaps.Count} open — {terminal.Paint($"{assessment.GapCount(Severity.Critical)} critical", "31")}, " +
                      $"{terminal.Paint($"{assessment.GapCount(Severity.High)} high", "33")}, {assessment.GapCount(Severity.Medium)} medium, {assessment.GapCount(Severity.Low)} low" +
                      (assessment.Accepted.Any() ? $"; {assessment.Accepted.Count()} accepted" : string.Empty));
        terminal.Line();
        // The column is as wide as the longest domain title: a name is never cut short.
        var width = Math.Max("Domain".Length, assessment.Scores.Domains.Select(d => Terminal.Safe(d.Title).Length).DefaultIfEmpty(0).Max());
        terminal.Line($"  {"Domain".PadRight(width)} Score  Target  Present Partial Missing  N/A");
        foreach (var domain in assessment.Scores.Domains)
        {
            var score = domain.Score is { } s ? Percent(s) : "n/a";
            terminal.Line($"  {Terminal.Safe(domain.Title).PadRight(width)} {score,5}  {Percent(domain.Target),6}  {domain.Present,7} {domain.Partial,7} {domain.Missing,7} {domain.NotApplicable,4}");
        }

        var blockers = assessment.Blockers.Take(5).ToList();
        if (blockers.Count > 0)
        {
            terminal.Line();
            terminal.Line(terminal.Paint("  Launch blockers:", "31"));
            foreach (var blocker in blockers)
            {
                terminal.Line($"    {blocker.GapId} {Terminal.Safe(blocker.Title)} — {Shorten(blocker.Verdict.Reason, 90)}");
            }
        }

        if (scan.Warnings.Count > 0)
        {
            terminal.Line();
            var warnings = scan.Warnings.ToList();
            terminal.Line($"  {warnings.Count} warning(s){(warnings.Count > 3 ? ", the first 3" : string.Empty)} (all are in the report):");
            foreach (var warning in warnings.Take(3))
            {
                terminal.Line($"    {Shorten($"{warning.Path}: {warning.Message}", 110)}");
            }
        }

        terminal.Line($"  Effort to close open gaps: {assessment.TotalEffort} (~{assessment.Weeks(assessment.TotalEffort).ToString(CultureInfo.InvariantCulture)} weeks for a team of {assessment.Options.TeamSize}).");
    }

    private static string Percent(double value) => $"{value.ToString("0", CultureInfo.InvariantCulture)}%";

    /// <summary>Shortens a line of repository text made safe for the terminal.</summary>
    private static string Shorten(string text, int length)
    {
        var clean = Terminal.Safe(text);
        return clean.Length <= length ? clean : clean[..(length - 1)] + "…";
    }
}
