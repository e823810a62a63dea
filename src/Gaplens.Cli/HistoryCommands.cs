using System.CommandLine;
using Gaplens.History;

namespace Gaplens.Cli;

/// <summary>`gaplens history [path]` and `gaplens diff A B`: the local history kept by `gaplens scan --store`.</summary>
public static class HistoryCommands
{
    public static Option<string?> DatabaseOption() =>
        new("--db") { Description = $"History database (SQLite file; default {DataPaths.HistoryDatabase()})." };

    public static Command History(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "Repository whose stored scans to list.", DefaultValueFactory = _ => "." };
        var all = new Option<bool>("--all") { Description = "List the stored scans of every repository." };
        var format = new Option<string>("--format", "-f") { Description = "text, md or json.", DefaultValueFactory = _ => "text" };
        var db = DatabaseOption();
        var command = new Command("history", "List stored scans (gaplens scan --store) with the score per domain.") { path, all, format, db };
        command.SetAction(parse =>
        {
            var terminal = new Terminal(error, quiet: false);
            var formatName = parse.GetValue(format)!;
            if (!DiffWriter.Formats.Contains(formatName, StringComparer.Ordinal))
            {
                terminal.Error($"unknown format '{formatName}'; use text, md or json.");
                return ExitCodes.Usage;
            }

            var database = parse.GetValue(db) ?? DataPaths.HistoryDatabase();
            if (!File.Exists(database))
            {
                terminal.Error($"no history at {database} yet: store scans with `gaplens scan <path> --store`.");
                return ExitCodes.Usage;
            }

            using var store = HistoryStore.Open(database);
            IReadOnlyList<StoredScan> scans;
            if (parse.GetValue(all))
            {
                scans = store.List();
            }
            else
            {
                var root = parse.GetValue(path)!;
                if (!Directory.Exists(root))
                {
                    terminal.Error($"'{root}' is not a directory.");
                    return ExitCodes.Usage;
                }

                var repository = RepositoryIdentity.Resolve(root);
                scans = store.List(repository.Key);
                if (scans.Count == 0)
                {
                    var others = store.Repositories();
                    terminal.Error($"no stored scans of {TextSafety.Terminal(repository.Key)} in {database}." +
                                   (others.Count > 0 ? $" {others.Count} other repositor{(others.Count == 1 ? "y has" : "ies have")} scans: `gaplens history --all`." : string.Empty));
                    return ExitCodes.Usage;
                }
            }

            output.Write(HistoryWriter.Write(scans, formatName));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Diff(TextWriter output, TextWriter error)
    {
        var from = new Argument<string>("from") { Description = "The earlier report: a stored scan id, a JSON report file, `previous` or `latest`." };
        var to = new Argument<string>("to") { Description = "The later report: a stored scan id, a JSON report file, `previous` or `latest`." };
        var format = new Option<string>("--format", "-f") { Description = "text, md or json.", DefaultValueFactory = _ => "text" };
        var repo = new Option<string>("--repo") { Description = "Repository that `latest` and `previous` refer to.", DefaultValueFactory = _ => "." };
        var failOnNew = FailOnNewOption();
        var db = DatabaseOption();
        var command = new Command("diff", "Gaps closed, new and regressed, and score changes per domain and service, between two reports.") { from, to, format, repo, failOnNew, db };
        command.SetAction(parse =>
        {
            var terminal = new Terminal(error, quiet: false);
            var formatName = parse.GetValue(format)!;
            if (!DiffWriter.Formats.Contains(formatName, StringComparer.Ordinal))
            {
                terminal.Error($"unknown format '{formatName}'; use text, md or json.");
                return ExitCodes.Usage;
            }

            if (!TryGateSeverity(parse, failOnNew, terminal, out var gate))
            {
                return ExitCodes.Usage;
            }

            var database = parse.GetValue(db) ?? DataPaths.HistoryDatabase();
            ReportSources.Loaded before, after;
            try
            {
                before = ReportSources.Load(parse.GetValue(from)!, database, parse.GetValue(repo)!);
                after = ReportSources.Load(parse.GetValue(to)!, database, parse.GetValue(repo)!);
            }
            catch (ReportSources.SourceError ex)
            {
                terminal.Error(ex.Message);
                return ExitCodes.Usage;
            }

            var diff = ReportDiff.Compute(before.Snapshot, after.Snapshot, before.Label, after.Label);
            output.Write(DiffWriter.Write(diff, formatName));
            return gate is { } severity ? NewGapGate(diff, severity, terminal) : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>`--fail-on-new [severity]`: with no value, any new or regressed gap fails; with one, those at or above it.</summary>
    public static Option<string?> FailOnNewOption() => new("--fail-on-new")
    {
        Description = "Exit 1 when a gap is open that was not open in the baseline (new, or regressed from present); optionally only at or above critical, high, medium or low.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static bool TryGateSeverity(ParseResult parse, Option<string?> option, Terminal terminal, out string? severity)
    {
        severity = null;
        if (parse.GetResult(option) is null)
        {
            return true;
        }

        var value = parse.GetValue(option) ?? "low";
        if (!Severities.IsKnown(value))
        {
            terminal.Error($"--fail-on-new '{value}' is not critical, high, medium or low.");
            return false;
        }

        severity = value;
        return true;
    }

    public static int NewGapGate(ReportDiff diff, string severity, Terminal terminal)
    {
        var failing = diff.NewlyOpen(severity);
        if (failing.Count == 0)
        {
            terminal.Line($"Gate passed: no new or regressed gap at or above {severity} since {TextSafety.Terminal(diff.From.Label)}.");
            return ExitCodes.Ok;
        }

        terminal.Error($"gate failed: {failing.Count} gap(s) at or above {severity} opened since {TextSafety.Terminal(diff.From.Label)}: " +
                       string.Join(", ", failing.Take(10).Select(c => $"{c.GapId ?? c.PracticeId} ({c.PracticeId}, {DiffWriter.KindName(c.Kind)})")) + (failing.Count > 10 ? ", …" : string.Empty));
        return ExitCodes.GateFailed;
    }
}
