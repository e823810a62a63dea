using System.CommandLine;
using System.Globalization;
using Gaplens.Analysis;
using Gaplens.Analysis.Configuration;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;
using Gaplens.Reports;

namespace Gaplens.Cli;

/// <summary>`gaplens scan PATH`: parse the arguments, run the library, write the reports, set the exit code.</summary>
public static class ScanCommand
{
    public static Command Create(TextWriter output, TextWriter error, ScanHistoryOptions? history = null)
    {
        var path = new Argument<string>("path") { Description = "Repository to scan (a directory).", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format", "-f") { Description = $"Report formats, comma-separated: {ReportFormats.Names}.", DefaultValueFactory = _ => "json" };
        var outputDirectory = new Option<string?>("--output", "-o") { Description = "Directory to write gaplens-report.<ext> into; without it a single format goes to stdout." };
        var profile = new Option<string?>("--profile", "-p") { Description = "pilot, production or enterprise (default: the configuration's, else production)." };
        var practice = new Option<string[]>("--practice") { Description = "Restrict the verdict to these practice ids (repeat or comma-separate).", AllowMultipleArgumentsPerToken = true };
        var teamSize = new Option<int?>("--team-size")
        {
            Description = $"People working on the plan, for the weeks estimate (default 3; 1 to {Numbers.MaxTeamSize:N0}).",
            CustomParser = result => (int?)Numbers.Whole(result, "--team-size", 1, Numbers.MaxTeamSize),
        };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 1 when an open (not waived) gap at or above this severity exists: critical, high, medium or low." };
        var failOnUnconfirmed = new Option<bool>("--fail-on-unconfirmed")
        {
            Description = "With --fail-on: also fail on gaps to confirm (low confidence: they rest on something the scan could not read or follow).",
        };
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default: .gaplens.yml at the scanned root)." };
        var date = new Option<string?>("--date") { Description = "Date the report speaks of (yyyy-MM-dd); defaults to the HEAD commit date, so runs are reproducible." };
        var detail = new Option<string>("--detail")
        {
            Description = "How much the md and html documents spell out: summary (default: every finding once, gaps that share a fix grouped) or full (searched-for lists, every stack's advice, checklist).",
            DefaultValueFactory = _ => "summary",
        };
        detail.AcceptOnlyFromAmong("summary", "full");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress or summary on stderr." };
        var maxFileSize = new Option<long>("--max-file-size")
        {
            Description = "Files larger than this many bytes are not read.",
            DefaultValueFactory = _ => 2 * 1024 * 1024,
            CustomParser = result => Numbers.Whole(result, "--max-file-size", 1, Numbers.MaxFileSizeLimit) ?? 0,
        };

        var command = new Command("scan", "Scan a repository and write its production-readiness report.")
        {
            path, format, outputDirectory, profile, practice, teamSize, date, quiet, maxFileSize, failOn, failOnUnconfirmed, config, detail,
        };
        history?.AddTo(command);

        command.SetAction(parse =>
        {
            var terminal = new Terminal(error, parse.GetValue(quiet));
            IScanStep? step = null;
            if (history is not null && !history.TryBind(parse, terminal, out step))
            {
                return ExitCodes.Usage;
            }

            var settings = new ScanSettings(
                parse.GetValue(path)!,
                parse.GetValue(format)!,
                parse.GetValue(outputDirectory),
                parse.GetValue(profile),
                (parse.GetValue(practice) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                parse.GetValue(teamSize),
                parse.GetValue(date),
                parse.GetValue(maxFileSize),
                parse.GetValue(failOn),
                parse.GetValue(config)) { After = step, FailOnUnconfirmed = parse.GetValue(failOnUnconfirmed), Detail = parse.GetValue(detail) == "full" ? ReportDetail.Full : ReportDetail.Summary };
            return Run(settings, output, terminal);
        });
        return command;
    }

    public sealed record ScanSettings(
        string Path,
        string Formats,
        string? Output,
        string? Profile,
        IReadOnlyList<string> Practices,
        int? TeamSize,
        string? Date,
        long MaxFileSize,
        string? FailOn = null,
        string? Config = null)
    {
        /// <summary>The gate also fails on gaps to confirm (low confidence); by default it leaves them out.</summary>
        public bool FailOnUnconfirmed { get; init; }

        /// <summary>History steps (--store, --baseline) run after the report is written; they may change the exit code.</summary>
        public IScanStep? After { get; init; }

        /// <summary>How much the Markdown and HTML documents spell out (--detail).</summary>
        public ReportDetail Detail { get; init; } = ReportDetail.Summary;
    }

    public static int Run(ScanSettings settings, TextWriter output, Terminal terminal)
    {
        if (string.IsNullOrWhiteSpace(settings.Path))
        {
            terminal.Error("the path to scan is empty; give the repository directory.");
            return ExitCodes.Usage;
        }

        if (settings.Output is { } outputText && string.IsNullOrWhiteSpace(outputText))
        {
            terminal.Error("--output is empty; give the directory to write the reports into.");
            return ExitCodes.Usage;
        }

        if (settings.Output is { } outputPath && File.Exists(outputPath))
        {
            terminal.Error($"--output '{outputPath}' is a file; give a directory to write gaplens-report.<ext> into.");
            return ExitCodes.Usage;
        }

        if (settings.Config is { } configText && string.IsNullOrWhiteSpace(configText))
        {
            terminal.Error("--config is empty; give the configuration file.");
            return ExitCodes.Usage;
        }

        if (!Directory.Exists(settings.Path))
        {
            terminal.Error(File.Exists(settings.Path) ? $"'{settings.Path}' is a file; give the repository directory." : $"'{settings.Path}' does not exist.");
            return ExitCodes.Usage;
        }

        Profile? profileOption = null;
        if (settings.Profile is not null)
        {
            if (!ProfileNames.TryParse(settings.Profile, out var parsedProfile))
            {
                terminal.Error($"unknown profile '{settings.Profile}'; use pilot, production or enterprise.");
                return ExitCodes.Usage;
            }

            profileOption = parsedProfile;
        }

        Severity? failOnOption = null;
        if (settings.FailOn is not null)
        {
            if (!SeverityNames.TryParse(settings.FailOn, out var parsedSeverity) || parsedSeverity == Severity.None)
            {
                terminal.Error($"--fail-on '{settings.FailOn}' is not critical, high, medium or low.");
                return ExitCodes.Usage;
            }

            failOnOption = parsedSeverity;
        }

        var formats = new List<ReportFormats.Format>();
        foreach (var name in settings.Formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = ReportFormats.Find(name);
            if (found is null)
            {
                terminal.Error($"unknown format '{name}'; use {ReportFormats.Names}.");
                return ExitCodes.Usage;
            }

            if (!formats.Contains(found))
            {
                formats.Add(found);
            }
        }

        if (formats.Count == 0)
        {
            terminal.Error($"no format given; use {ReportFormats.Names}.");
            return ExitCodes.Usage;
        }

        if (formats.Count > 1 && settings.Output is null)
        {
            terminal.Error("several formats need --output <dir>; only one format can go to stdout.");
            return ExitCodes.Usage;
        }

        if (settings.TeamSize is < 1 or > Numbers.MaxTeamSize)
        {
            terminal.Error($"--team-size must be between 1 and {Numbers.MaxTeamSize:N0}.");
            return ExitCodes.Usage;
        }

        if (settings.MaxFileSize is < 1 or > Numbers.MaxFileSizeLimit)
        {
            terminal.Error($"--max-file-size must be between 1 and {Numbers.MaxFileSizeLimit:N0} bytes.");
            return ExitCodes.Usage;
        }

        DateOnly? date = null;
        if (settings.Date is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                terminal.Error($"--date '{dateText}' is not a date in yyyy-MM-dd form.");
                return ExitCodes.Usage;
            }

            date = parsed;
        }

        GaplensConfig config;
        try
        {
            config = settings.Config is { } configPath
                ? Directory.Exists(configPath) ? throw new ConfigError(configPath, 1, "is a directory, not a configuration file")
                : File.Exists(configPath) ? ConfigLoader.Load(configPath, PracticeCatalog.Default) : throw new ConfigError(configPath, 1, "the configuration file does not exist")
                : ConfigLoader.LoadFor(settings.Path, PracticeCatalog.Default);
        }
        catch (ConfigError ex)
        {
            terminal.Error($"invalid configuration: {ex.Message}");
            return ExitCodes.Usage;
        }

        var profile = profileOption ?? config.Profile ?? Profile.Production;
        var failOnSeverity = failOnOption ?? config.FailOn;
        var scanner = new ReadinessScanner(PracticeCatalog.Default.With(config.Rules));
        var unknown = settings.Practices.Where(p => scanner.Catalog.Find(p) is null).ToList();
        if (unknown.Count > 0)
        {
            terminal.Error($"unknown practice id(s): {string.Join(", ", unknown)}. `gaplens rules` lists them.");
            return ExitCodes.Usage;
        }

        ScanResult scan;
        try
        {
            // The configuration in use is never evidence, wherever it lies (a waiver reason naming a scanner is not the scanner).
            var excluded = settings.Config is { } usedConfig ? new[] { Path.GetFullPath(usedConfig) } : [];
            scan = scanner.Scan(settings.Path, new ScanOptions { Profile = profile, Practices = settings.Practices, MaxFileSize = settings.MaxFileSize, Disabled = config.Disabled, ExcludedPaths = excluded }, new Progress(terminal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            terminal.Error($"the scan could not run: {ex.Message}");
            return ExitCodes.ScanError;
        }
        finally
        {
            terminal.EndProgress();
        }

        if (scan.Commit is null && EnclosingWorkTree(settings.Path) is { } levels)
        {
            // A subfolder of a git work tree: its commit lives in the repository root's .git, which this scan does not read.
            var notice = $"this folder lies {levels} folder(s) below the root of its git work tree: the report names no commit" +
                         (settings.Date is null ? " and is dated today (pass --date for a reproducible date, or scan the repository root)" : " (scan the repository root to name it)");
            scan = scan with { Warnings = [.. scan.Warnings, new ScanWarning(".", notice)] };
            terminal.Warning(notice);
        }

        date ??= scan.CommitDate is { } commitDate ? DateOnly.FromDateTime(commitDate.UtcDateTime) : null;
        var today = date ?? DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        if (date is null && config.Waivers.Any(w => w.Expires is not null))
        {
            terminal.Warning($"no --date and no commit date: waiver expiry is judged against today ({today:yyyy-MM-dd}); pass --date for a reproducible result");
        }
        var assessment = Analyzer.Analyze(scan, new AnalysisOptions
        {
            TeamSize = Math.Clamp(settings.TeamSize ?? config.TeamSize ?? 3, 1, Numbers.MaxTeamSize),
            Today = today,
            Waivers = config.Waivers,
            Owners = config.Owners,
            EffortOverrides = config.Effort,
        });
        foreach (var warning in assessment.Warnings)
        {
            terminal.Warning($"{warning.Path}: {warning.Message}");
        }

        var context = new ReportContext(assessment, date, settings.Detail);

        try
        {
            if (settings.Output is null)
            {
                output.Write(formats[0].Write(context));
                output.Flush();
            }
            else
            {
                // Every format of this run replaces the previous set together (temporary files, then renames).
                var written = ReportFiles.Replace(settings.Output, formats.Select(f => (f.FileName, f.Write(context))).ToList());
                foreach (var file in written)
                {
                    terminal.Line($"Wrote {file}");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            terminal.Error($"could not write the report: {ex.Message}");
            return ExitCodes.ScanError;
        }

        TerminalSummary.Print(terminal, assessment, settings.Path);
        var code = Gate(assessment, failOnSeverity, terminal, settings.FailOnUnconfirmed);
        return settings.After?.AfterReport(context, code, terminal) ?? code;
    }

    /// <summary>How many folders up the enclosing git work tree's root lies, or null when the folder is its own root or in none.</summary>
    public static int? EnclosingWorkTree(string path)
    {
        try
        {
            var directory = new DirectoryInfo(Path.GetFullPath(path));
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
            {
                return null;
            }

            var levels = 0;
            for (var parent = directory.Parent; parent is not null; parent = parent.Parent)
            {
                levels++;
                var git = Path.Combine(parent.FullName, ".git");
                if (Directory.Exists(git) || File.Exists(git))
                {
                    return levels;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        return null;
    }

    /// <summary>
    /// Exit 1 when an open gap at or above the gate severity exists (accepted gaps never fail the gate). Gaps to confirm
    /// (low confidence) fail it only with <paramref name="includeUnconfirmed"/>; otherwise they are named and left out.
    /// </summary>
    public static int Gate(Assessment assessment, Severity? failOn, Terminal terminal, bool includeUnconfirmed = false)
    {
        if (failOn is not { } threshold)
        {
            return ExitCodes.Ok;
        }

        var atThreshold = assessment.Gaps.Where(g => g.Severity <= threshold).ToList();
        var failing = atThreshold.Where(g => includeUnconfirmed || !g.IsToConfirm).ToList();
        var unconfirmed = atThreshold.Where(g => g.IsToConfirm).ToList();
        if (!includeUnconfirmed && unconfirmed.Count > 0)
        {
            terminal.Line($"Not gated: {unconfirmed.Count} gap(s) to confirm at or above {threshold.ToWire()} ({string.Join(", ", unconfirmed.Take(10).Select(g => g.GapId))}); --fail-on-unconfirmed counts them.");
        }

        if (failing.Count == 0)
        {
            terminal.Line($"Gate passed: no open gap at or above {threshold.ToWire()}{(unconfirmed.Count > 0 && !includeUnconfirmed ? " besides gaps to confirm" : string.Empty)}.");
            return ExitCodes.Ok;
        }

        terminal.Error($"gate failed: {failing.Count} open gap(s) at or above {threshold.ToWire()}: {string.Join(", ", failing.Take(10).Select(g => $"{g.GapId} ({g.Id})"))}{(failing.Count > 10 ? ", …" : string.Empty)}");
        return ExitCodes.GateFailed;
    }

    private sealed class Progress(Terminal terminal) : IProgress<string>
    {
        public void Report(string value) => terminal.Progress(value);
    }
}
