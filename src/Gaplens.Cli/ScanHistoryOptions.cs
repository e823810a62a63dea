using System.CommandLine;
using Gaplens.History;
using Gaplens.Reports;
using Microsoft.Data.Sqlite;

namespace Gaplens.Cli;

/// <summary>Something `gaplens scan` does once the report is written; it may change the exit code.</summary>
public interface IScanStep
{
    int AfterReport(ReportContext context, int exitCode, Terminal terminal);
}

/// <summary>
/// The history options of `gaplens scan`: `--store` keeps the JSON report in the local history, `--baseline`
/// compares with an earlier report and `--fail-on-new` gates on "no new gap" instead of an absolute level.
/// </summary>
public sealed class ScanHistoryOptions
{
    private readonly Option<bool> store = new("--store") { Description = "Keep the JSON report in the local history (see `gaplens history`)." };
    private readonly Option<string?> db = HistoryCommands.DatabaseOption();
    private readonly Option<string?> baseline = new("--baseline") { Description = "Compare with an earlier report: a JSON report file, a stored scan id, or `latest` (the last stored scan of this repository)." };
    private readonly Option<string?> failOnNew = HistoryCommands.FailOnNewOption();

    public void AddTo(Command command)
    {
        command.Options.Add(store);
        command.Options.Add(db);
        command.Options.Add(baseline);
        command.Options.Add(failOnNew);
    }

    /// <summary>False on a usage error (already printed); the step is null when no history option was given.</summary>
    public bool TryBind(ParseResult parse, Terminal terminal, out IScanStep? step)
    {
        step = null;
        if (!HistoryCommands.TryGateSeverity(parse, failOnNew, terminal, out var gate))
        {
            return false;
        }

        var baselineSource = parse.GetValue(baseline);
        if (gate is not null && baselineSource is null)
        {
            terminal.Error("--fail-on-new needs --baseline <report.json | stored scan id | latest> to compare with.");
            return false;
        }

        var database = parse.GetValue(db) ?? DataPaths.HistoryDatabase();
        if (baselineSource is not null && !File.Exists(baselineSource) && !File.Exists(database))
        {
            terminal.Error($"--baseline '{baselineSource}' is not a file, and there is no history at {database} to look it up in.");
            return false;
        }

        var keep = parse.GetValue(store);
        if (!keep && baselineSource is null)
        {
            return true;
        }

        step = new Step(keep, database, baselineSource, gate);
        return true;
    }

    private sealed record Step(bool Store, string Database, string? Baseline, string? Gate) : IScanStep
    {
        public int AfterReport(ReportContext context, int exitCode, Terminal terminal)
        {
            var json = JsonReportWriter.Write(context);
            var root = context.Assessment.Scan.Root;
            var code = exitCode;
            if (Baseline is not null)
            {
                ReportSources.Loaded before;
                try
                {
                    before = ReportSources.Load(Baseline, Database, root);
                }
                catch (ReportSources.SourceError ex)
                {
                    terminal.Error($"--baseline: {ex.Message}");
                    return ExitCodes.Usage;
                }

                var diff = ReportDiff.Compute(before.Snapshot, ReportSnapshot.Parse(json), before.Label, "this scan");
                terminal.Line($"Since {TextSafety.Terminal(before.Label)}: {DiffWriter.Summary(diff)}");
                foreach (var change in diff.Changes.Where(c => c.IsNewlyOpen))
                {
                    terminal.Line($"  + {change.GapId ?? change.PracticeId} {change.Severity} {TextSafety.Terminal(change.Title)} ({change.Before} → {change.After})");
                }

                if (Gate is not null)
                {
                    code = Math.Max(code, HistoryCommands.NewGapGate(diff, Gate, terminal));
                }
            }

            if (Store)
            {
                try
                {
                    var repository = RepositoryIdentity.Resolve(root);
                    using var history = HistoryStore.Open(Database);
                    var stored = history.Store(repository, json, TimeProvider.System.GetUtcNow());
                    terminal.Line(stored.Duplicate
                        ? $"Already stored as scan #{stored.Id} of {TextSafety.Terminal(repository.Name)} (same commit, same report)."
                        : $"Stored scan #{stored.Id} of {TextSafety.Terminal(repository.Name)} in {Database}.");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or InvalidOperationException)
                {
                    terminal.Error($"could not store the report in {Database}: {ex.Message}");
                    return ExitCodes.ScanError;
                }
            }

            return code;
        }
    }
}
