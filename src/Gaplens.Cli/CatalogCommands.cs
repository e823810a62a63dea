using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gaplens.Analysis.Configuration;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;
using Gaplens.Practices.Signals;

namespace Gaplens.Cli;

/// <summary>`gaplens explain ID` and `gaplens rules`: the catalog, for people deciding what to fix or waive.</summary>
public static class CatalogCommands
{
    public static Command Explain(TextWriter output, TextWriter error)
    {
        var id = new Argument<string>("practice") { Description = "Practice id, e.g. sec-rate-limiting (`gaplens rules` lists them)." };
        var config = ConfigOption();
        var command = new Command("explain", "What a practice is, why it matters, how it is detected and how to fix it per stack.") { id, config };
        command.SetAction(parse =>
        {
            var practiceId = parse.GetValue(id)!;
            if (Catalog(parse.GetValue(config), error) is not { } catalog)
            {
                return ExitCodes.Usage;
            }

            var practice = catalog.Find(practiceId);
            if (practice is null)
            {
                var close = catalog.Practices.Where(p => p.Id.Contains(practiceId, StringComparison.OrdinalIgnoreCase) || practiceId.Contains(p.Id, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).Take(5).ToList();
                error.WriteLine($"error: unknown practice '{practiceId}'.{(close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : string.Empty)} `gaplens rules` lists them.");
                return ExitCodes.Usage;
            }

            output.Write(Describe(practice, new ReadinessScanner().Detectors.Any(d => d.PracticeId == practice.Id), catalog));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The catalog with the configuration's rules (new practices, extra signals): `--config`, else the .gaplens.yml of
    /// the current folder when there is one. Null (after an error line) when the configuration is invalid.
    /// </summary>
    public static PracticeCatalog? Catalog(string? configPath, TextWriter error)
    {
        try
        {
            var config = configPath is null
                ? ConfigLoader.LoadFor(".", PracticeCatalog.Default)
                : Directory.Exists(configPath) ? throw new ConfigError(configPath, 1, "is a directory, not a configuration file")
                : File.Exists(configPath) ? ConfigLoader.Load(configPath, PracticeCatalog.Default)
                : throw new ConfigError(configPath, 1, "the configuration file does not exist");
            return PracticeCatalog.Default.With(config.Rules);
        }
        catch (ConfigError ex)
        {
            error.WriteLine($"error: invalid configuration: {Terminal.Safe(ex.Message)}");
            return null;
        }
    }

    private static Option<string?> ConfigOption() =>
        new("--config", "-c") { Description = "Configuration whose custom rules to include (default: .gaplens.yml in the current folder, when present)." };

    public static string Describe(PracticeDefinition practice, bool hasDetector, PracticeCatalog? catalog = null)
    {
        var text = new StringBuilder();
        var domain = (catalog ?? PracticeCatalog.Default).Domains.GetValueOrDefault(practice.Domain, practice.Domain);
        text.AppendLine($"{practice.Id}: {practice.Title}");
        text.AppendLine($"Domain: {domain}    Owner: {practice.Owner}");
        text.AppendLine($"Severity: pilot {practice.Severity[Profile.Pilot].ToWire()}, production {practice.Severity[Profile.Production].ToWire()}, enterprise {practice.Severity[Profile.Enterprise].ToWire()}");
        text.AppendLine($"Effort: {practice.Effort.BaseLow}-{practice.Effort.BaseHigh} h, plus {practice.Effort.PerServiceLow}-{practice.Effort.PerServiceHigh} h per further service");
        foreach (var (profile, reason) in practice.DeferredIn)
        {
            text.AppendLine($"Deferred in {profile.ToWire()}: {reason}");
        }

        text.AppendLine();
        text.AppendLine("What it is");
        text.AppendLine("  " + practice.Summary);
        text.AppendLine();
        text.AppendLine("Why it matters");
        text.AppendLine("  " + practice.Impact);
        text.AppendLine();
        text.AppendLine($"When it applies: rule '{practice.Applies}' (otherwise reported as not applicable, with the reason)");
        text.AppendLine();
        text.AppendLine("How it is detected");
        if (hasDetector)
        {
            text.AppendLine("  A dedicated check reads the parsed files (pipelines, manifests, Dockerfiles, Terraform...) and uses these signals:");
        }

        foreach (var signal in practice.Signals)
        {
            text.AppendLine($"  - {(signal.Level == SignalLevel.Partial ? "[partial] " : string.Empty)}{signal.Detail}: {Describe(signal)}");
        }

        text.AppendLine();
        text.AppendLine("How to fix it");
        foreach (var (stack, remediation) in practice.Remediation.OrderBy(r => r.Key == "default" ? 1 : 0).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {stack}: {Analysis.PlatformText.ShowAll(remediation)}");
        }

        text.AppendLine();
        text.AppendLine("Done when");
        text.AppendLine("  " + practice.SuccessCriterion);
        text.AppendLine($"  Verify: gaplens scan . --practice {practice.Id}");
        return text.ToString();
    }

    private static string Describe(Signal signal) =>
        signal.Package is not null ? $"package {signal.Ecosystem}:{signal.Package}" :
        signal.Term is not null ? $"'{signal.Term.Literal}' in {signal.Term.Classes}{(signal.PathGlob is null ? string.Empty : $" files matching {signal.PathGlob}")}{(signal.Scope == SignalScope.Test ? " (tests)" : string.Empty)}" :
        signal.File is not null ? $"file {signal.File}" :
        signal.Platforms is not null ? $"deploys to {string.Join(" or ", signal.Platforms)}" : "custom";

    public static Command Rules(TextWriter output, TextWriter error)
    {
        var format = new Option<string>("--format", "-f") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        var config = ConfigOption();
        var command = new Command("rules", "List the practice catalog, with the configuration's custom rules.") { format, config };
        command.SetAction(parse =>
        {
            if (Catalog(parse.GetValue(config), error) is not { } catalog)
            {
                return ExitCodes.Usage;
            }

            switch (parse.GetValue(format))
            {
                case "json":
                    output.Write(RulesJson(catalog));
                    return ExitCodes.Ok;
                case "table":
                    output.WriteLine($"{"ID",-28} {"DOMAIN",-14} {"PRODUCTION",-10} {"OWNER",-9} TITLE");
                    foreach (var p in catalog.Practices)
                    {
                        output.WriteLine($"{p.Id,-28} {p.Domain,-14} {p.Severity[Profile.Production].ToWire(),-10} {p.Owner,-9} {p.Title}");
                    }

                    output.WriteLine($"{catalog.Practices.Count} practices in {catalog.Domains.Count} domains. `gaplens explain <id>` describes one.");
                    return ExitCodes.Ok;
                default:
                    error.WriteLine($"error: unknown format '{parse.GetValue(format)}'; use table or json.");
                    return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static string RulesJson(PracticeCatalog catalog)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var p in catalog.Practices)
            {
                json.WriteStartObject();
                json.WriteString("id", p.Id);
                json.WriteString("domain", p.Domain);
                json.WriteString("title", p.Title);
                json.WriteString("summary", p.Summary);
                json.WriteString("applies", p.Applies);
                json.WriteString("owner", p.Owner);
                json.WriteStartObject("severity");
                foreach (var (profile, severity) in p.Severity.OrderBy(s => s.Key))
                {
                    json.WriteString(profile.ToWire(), severity.ToWire());
                }

                json.WriteEndObject();
                json.WriteStartObject("effortHours");
                json.WriteNumber("baseLow", p.Effort.BaseLow);
                json.WriteNumber("baseHigh", p.Effort.BaseHigh);
                json.WriteNumber("perServiceLow", p.Effort.PerServiceLow);
                json.WriteNumber("perServiceHigh", p.Effort.PerServiceHigh);
                json.WriteEndObject();
                json.WriteNumber("signals", p.Signals.Count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
