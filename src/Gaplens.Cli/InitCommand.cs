using System.CommandLine;
using System.Text;
using Gaplens.Analysis.Configuration;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Cli;

/// <summary>`gaplens init`: a starter .gaplens.yml written from what a scan finds; never overwrites without --force.</summary>
public static class InitCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var path = new Argument<string>("path") { Description = "Repository root.", DefaultValueFactory = _ => "." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing .gaplens.yml." };
        var command = new Command("init", "Write a starter .gaplens.yml for this repository.") { path, force };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(path)!;
            var terminal = new Terminal(error, quiet: false);
            if (!Directory.Exists(root))
            {
                terminal.Error($"'{root}' does not exist.");
                return ExitCodes.Usage;
            }

            var target = Path.Combine(root, ConfigLoader.FileName);
            if (File.Exists(target) && !parse.GetValue(force))
            {
                terminal.Error($"{target} already exists; use --force to overwrite it.");
                return ExitCodes.Usage;
            }

            ScanResult scan;
            try
            {
                scan = new ReadinessScanner().Scan(root, new ScanOptions(), null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                terminal.Error($"the scan could not run: {ex.Message}");
                return ExitCodes.ScanError;
            }

            try
            {
                // A temporary file renamed into place: never written through a link, never left half-written.
                ReportFiles.Replace(root, [(ConfigLoader.FileName, Starter(scan))], takeLock: false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                terminal.Error($"could not write {target}: {ex.Message}");
                return ExitCodes.ScanError;
            }

            output.WriteLine($"Wrote {target}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Starter(ScanResult scan)
    {
        var facts = scan.Facts;
        var text = new StringBuilder();
        text.AppendLine("# Gaplens configuration (schema: spec/gaplens-config.schema.json in the Gaplens repository).");
        text.AppendLine($"# Detected: {string.Join(", ", facts.Languages.Take(5)).DefaultIfEmpty()}; {facts.Services.Count} deployable service(s)" +
                        (facts.Services.Count > 0 ? $": {string.Join(", ", facts.Services.Take(8).Select(s => s.Name))}" : string.Empty) + ".");
        text.AppendLine();
        text.AppendLine("# pilot, production or enterprise: sets severities, targets and what is deferred.");
        text.AppendLine("profile: production");
        text.AppendLine();
        text.AppendLine("# People working on the remediation plan (for the weeks estimate).");
        text.AppendLine("teamSize: 3");
        text.AppendLine();
        text.AppendLine("# Fail `gaplens scan` (exit 1) when an open gap at or above this severity exists.");
        text.AppendLine("# Uncomment once the critical gaps are closed or waived, so the gate stays green from then on.");
        text.AppendLine("# failOn: critical");
        text.AppendLine();
        text.AppendLine("# Accepted risks: the gap is reported as accepted until the waiver expires.");
        text.AppendLine("waivers: []");
        var gaps = scan.Verdicts.Where(v => v.IsGap).Take(2).ToList();
        // Three months after the repository's last commit (or today), so the example is never already expired.
        var expires = DateOnly.FromDateTime((scan.CommitDate ?? TimeProvider.System.GetUtcNow()).UtcDateTime).AddMonths(3);
        foreach (var gap in gaps)
        {
            text.AppendLine($"#  - practice: {gap.PracticeId}");
            text.AppendLine("#    reason: why the team accepts this gap for now");
            text.AppendLine($"#    expires: {expires:yyyy-MM-dd}   # a waiver is a decision with a date: review it then");
        }

        text.AppendLine();
        text.AppendLine("# Practices that do not concern this repository (reported as not applicable with this reason).");
        text.AppendLine("disabled: []");
        text.AppendLine("#  - { practice: comp-privacy, reason: no personal data is stored }");
        text.AppendLine();
        text.AppendLine("# Owners per domain, practice id or path glob.");
        text.AppendLine("owners: {}");
        text.AppendLine("#  security: Security");
        if (facts.Services.FirstOrDefault(s => s.Path.Length > 0) is { } service)
        {
            text.AppendLine($"#  \"{service.Path}/**\": {service.Name} team");
        }

        text.AppendLine();
        text.AppendLine("# Effort overrides in hours: practice id -> [low, high].");
        text.AppendLine("effort: {}");
        text.AppendLine();
        text.AppendLine("# Custom rules: a new practice, or an extra signal for an existing one.");
        text.AppendLine("rules: []");
        text.AppendLine("#  - id: feature-flags");
        text.AppendLine("#    title: Feature flags");
        text.AppendLine("#    domain: cicd");
        text.AppendLine("#    severity: medium");
        text.AppendLine("#    signals:");
        text.AppendLine("#      - package: npm:launchdarkly-node-server-sdk");
        text.AppendLine("#  - practice: ci-sast");
        text.AppendLine("#    signals:");
        text.AppendLine("#      - { text: checkmarx, in: yaml }");
        return text.ToString();
    }

    private static string DefaultIfEmpty(this string value) => value.Length == 0 ? "no code" : value;
}
