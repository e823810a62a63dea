using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Core.Secrets;

namespace Gaplens.Reports;

/// <summary>
/// SARIF 2.1.0 for code-scanning uploads: one rule per practice, one result per open gap, located at its evidence
/// or, when nothing exists yet, at a file a reviewer would fix it in (the service's project file, the README).
/// </summary>
public static class SarifReportWriter
{
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(ReportContext context)
    {
        var a = context.Assessment;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, a);
            WriteResults(json, a);
            json.WriteStartObject("properties");
            json.WriteString("profile", a.Profile.ToWire());
            json.WriteNumber("readiness", a.Scores.Overall);
            json.WriteNumber("target", a.Scores.Target);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>SARIF levels: critical and high gaps are errors, medium warnings, low notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        Severity.Low => "note",
        _ => "none",
    };

    private static void WriteTool(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "Gaplens");
        json.WriteString("version", ToolInfo.Version);
        json.WriteString("semanticVersion", ToolInfo.Version);
        json.WriteString("informationUri", "https://github.com/gaplens/gaplens");
        json.WriteStartArray("rules");
        foreach (var p in a.Practices)
        {
            var definition = a.Scan.Catalog[p.Id];
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            json.WriteString("name", Pascal(p.Id));
            json.WriteStartObject("shortDescription");
            json.WriteString("text", definition.Title);
            json.WriteEndObject();
            json.WriteStartObject("fullDescription");
            json.WriteString("text", definition.Summary);
            json.WriteEndObject();
            json.WriteStartObject("help");
            json.WriteString("text", $"{definition.Impact}\n\nRecommendation: {p.Recommendation}\n\nDone when: {definition.SuccessCriterion}");
            json.WriteString("markdown", $"**Why it matters.** {definition.Impact}\n\n**Recommendation.** {p.Recommendation}\n\n**Done when.** {definition.SuccessCriterion}\n\nVerify: `gaplens scan . --practice {p.Id}`");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(definition.Severity[a.Profile]));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("domain", p.Domain);
            json.WriteStartArray("tags");
            json.WriteStringValue("production-readiness");
            json.WriteStringValue(p.Domain);
            json.WriteEndArray();
            json.WriteString("gapId", p.GapId);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResults(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartArray("results");
        var index = a.Practices.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var gap in a.Gaps)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", gap.Id);
            json.WriteNumber("ruleIndex", index[gap.Id]);
            json.WriteString("level", Level(gap.Severity));
            json.WriteStartObject("message");
            var toConfirm = gap.IsToConfirm ? $" To confirm: {gap.Verdict.ConfidenceReason}." : string.Empty;
            json.WriteString("text", SecretPatterns.Mask($"{gap.GapId} {gap.Title} ({gap.Verdict.Status.ToWire()}, {gap.Severity.ToWire()}): {gap.Verdict.Reason}{toConfirm} Recommendation: {gap.Recommendation}"));
            json.WriteEndObject();
            json.WriteStartArray("locations");
            foreach (var location in Locations(gap, a))
            {
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri(location.Path));
                json.WriteString("uriBaseId", "%SRCROOT%");
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", location.Line ?? 1);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartObject("message");
                json.WriteString("text", SecretPatterns.Mask(location.Detail));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("partialFingerprints");
            json.WriteString("gaplensGap/v1", gap.GapId);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("gapId", gap.GapId);
            json.WriteString("status", gap.Verdict.Status.ToWire());
            json.WriteString("severity", gap.Severity.ToWire());
            json.WriteString("owner", gap.Owner);
            json.WriteNumber("effortHoursLow", gap.Effort.Low);
            json.WriteNumber("effortHoursHigh", gap.Effort.High);
            json.WriteString("confidence", gap.Confidence.ToWire());
            if (gap.Verdict.ConfidenceReason is { } unseen)
            {
                json.WriteString("confidenceReason", SecretPatterns.Mask(unseen));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Where a code-scanning UI should show the gap: its evidence, else a file of the service, else the README.</summary>
    public static IReadOnlyList<Evidence> Locations(PracticeAssessment gap, Assessment a)
    {
        var evidence = gap.Verdict.Evidence.Where(e => e.Path != ".").Take(3).ToList();
        if (evidence.Count > 0)
        {
            return evidence;
        }

        // The services the gap names, or the only service of the repository; a repository-wide gap of several
        // services belongs to none of them.
        var services = gap.Verdict.ServicesWithout.Count > 0
            ? a.Facts.Services.Where(s => gap.Verdict.ServicesWithout.Contains(s.Name)).ToList()
            : a.Facts.Services.Count == 1 ? [a.Facts.Services[0]] : [];
        var located = services.Where(s => s.Evidence.Path != ".").Take(3).ToList();
        if (located.Count > 0)
        {
            return located.Select(s => new Evidence(s.Evidence.Path, s.Evidence.Line, $"{gap.Title}: missing for {s.Name}")).ToList();
        }

        return [new Evidence(a.Scan.ReadmePath ?? "README.md", 1, $"{gap.Title}: nothing in the repository yet")];
    }

    private static string Uri(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));

    private static string Pascal(string id) => string.Concat(id.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
