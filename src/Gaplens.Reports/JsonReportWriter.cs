using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Reports;

/// <summary>
/// The JSON report (spec/report.schema.json is the minimum contract). Everything is ordered: practices in catalog
/// order, evidence by path and line, facts sorted, so that the same tree gives byte-identical output.
/// </summary>
public static class JsonReportWriter
{
    public static string Write(ReportContext context)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(json, context);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter json, ReportContext context)
    {
        var a = context.Assessment;
        var scan = a.Scan;
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", ToolInfo.SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", ToolInfo.Version);
        json.WriteEndObject();
        if (context.Date is { } date)
        {
            json.WriteString("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteStartObject("repository");
        json.WriteString("root", scan.Root);
        if (scan.Commit is null)
        {
            json.WriteNull("commit");
        }
        else
        {
            json.WriteString("commit", scan.Commit);
        }

        json.WriteNumber("filesScanned", scan.FilesScanned);
        json.WriteNumber("filesRead", scan.FilesRead);
        json.WriteEndObject();
        json.WriteString("profile", scan.Profile.ToWire());
        WriteFacts(json, scan.Facts);
        WritePractices(json, a);
        WriteScores(json, a);
        WriteSummary(json, a);
        WritePlan(json, a);
        WriteRisks(json, a);
        WriteServiceMatrix(json, a);
        json.WriteStartArray("warnings");
        foreach (var warning in scan.Warnings.Concat(a.Warnings))
        {
            json.WriteStartObject();
            json.WriteString("path", warning.Path);
            json.WriteString("message", warning.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFacts(Utf8JsonWriter json, RepositoryFacts facts)
    {
        json.WriteStartObject("facts");
        WriteStrings(json, "languages", facts.Languages);
        json.WriteStartArray("services");
        foreach (var service in facts.Services)
        {
            json.WriteStartObject();
            json.WriteString("name", service.Name);
            json.WriteString("path", service.Path.Length == 0 ? "." : service.Path);
            json.WriteString("kind", service.Kind);
            if (service.Ecosystem is { } ecosystem)
            {
                json.WriteString("ecosystem", ecosystem);
            }

            json.WriteBoolean("servesHttp", service.ServesHttp);
            WriteStrings(json, "dockerfiles", service.Dockerfiles);
            WriteStrings(json, "aliases", service.Aliases);
            if (service.Processes.Count > 0)
            {
                json.WriteStartArray("processes");
                foreach (var process in service.Processes)
                {
                    json.WriteStartObject();
                    json.WriteString("name", process.Name);
                    json.WriteString("command", Core.Secrets.SecretPatterns.Mask(process.Command));
                    WriteEvidence(json, "evidence", [process.Evidence]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            WriteEvidence(json, "evidence", [service.Evidence]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        foreach (var (name, category) in new[] { ("databases", DependencyCategory.Database), ("caches", DependencyCategory.Cache), ("brokers", DependencyCategory.Broker), ("storage", DependencyCategory.Storage) })
        {
            json.WriteStartArray(name);
            foreach (var dependency in facts.Dependencies.Where(d => d.Category == category))
            {
                json.WriteStartObject();
                json.WriteString("name", dependency.Name);
                json.WriteString("kind", dependency.Kind);
                WriteEvidence(json, "evidence", [dependency.Evidence]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteBoolean("exposesHttpApi", facts.ExposesHttpApi);
        json.WriteBoolean("hasUi", facts.HasUi);
        json.WriteBoolean("exposesGrpc", facts.Grpc is not null);
        json.WriteBoolean("outboundCalls", facts.OutboundCalls is not null);
        json.WriteBoolean("interServiceCalls", facts.InterServiceCalls is not null);
        json.WriteBoolean("containers", facts.HasContainers);
        json.WriteBoolean("kubernetes", facts.Has("kubernetes"));
        json.WriteBoolean("helm", facts.Has("helm"));
        json.WriteBoolean("terraform", facts.Has("terraform"));
        json.WriteBoolean("bicep", facts.Has("bicep"));
        json.WriteBoolean("pulumi", facts.Has("pulumi"));
        WriteStrings(json, "platforms", facts.Platforms);
        json.WriteStartArray("hosting");
        foreach (var hosting in facts.Hosting)
        {
            json.WriteStartObject();
            json.WriteString("platform", hosting.Key);
            json.WriteString("name", Ecosystems.Platforms.HostingPlatforms.Display(hosting.Key));
            if (hosting.Evidence.Path.Length > 0)
            {
                WriteEvidence(json, "evidence", [hosting.Evidence]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "ciSystems", facts.CiSystems);
        json.WriteNumber("codeFiles", facts.CodeFiles);
        json.WriteNumber("testFiles", facts.TestFiles);
        json.WriteStartObject("signals");
        WriteOptionalEvidence(json, "httpApi", facts.HttpApi);
        WriteOptionalEvidence(json, "ui", facts.Ui);
        WriteOptionalEvidence(json, "grpc", facts.Grpc);
        WriteOptionalEvidence(json, "outboundCalls", facts.OutboundCalls);
        WriteOptionalEvidence(json, "interServiceCalls", facts.InterServiceCalls);
        json.WriteStartArray("serviceCalls");
        foreach (var call in facts.ServiceCalls)
        {
            json.WriteStartObject();
            json.WriteString("from", call.From);
            json.WriteString("to", call.To);
            WriteEvidence(json, "evidence", [call.Evidence]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteOptionalEvidence(json, "readsConfiguration", facts.ReadsConfiguration);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePractices(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartArray("practices");
        foreach (var p in a.Practices)
        {
            var v = p.Verdict;
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            json.WriteString("domain", p.Domain);
            json.WriteString("title", p.Title);
            json.WriteString("status", v.Status.ToWire());
            json.WriteString("severity", p.Severity.ToWire());
            json.WriteString("baseSeverity", p.BaseSeverity.ToWire());
            WriteEvidence(json, "evidence", v.Evidence);
            json.WriteString("reason", v.Reason);
            json.WriteString("confidence", v.Confidence.ToWire());
            if (v.ConfidenceReason is { } unseen)
            {
                json.WriteString("confidenceReason", unseen);
            }

            if (v.ServicesWithout.Count > 0 || v.ServicesWith.Count > 0)
            {
                WriteStrings(json, "services", v.ServicesWithout);
                WriteStrings(json, "servicesWith", v.ServicesWith);
                WriteStrings(json, "servicesWithout", v.ServicesWithout);
            }

            if (v.Searched.Count > 0)
            {
                WriteStrings(json, "searched", v.Searched);
            }

            if (v.IsGap)
            {
                json.WriteString("gapId", p.GapId);
                json.WriteString("owner", p.Owner);
                json.WriteStartObject("effortHours");
                json.WriteNumber("low", p.Effort.Low);
                json.WriteNumber("high", p.Effort.High);
                json.WriteEndObject();
                json.WriteNumber("servicesTouched", p.ServicesTouched);
                if (p.EffortBasis is { } basis)
                {
                    json.WriteString("effortBasis", basis);
                }

                json.WriteString("recommendation", p.Recommendation);
                if (p.SeverityNote is not null)
                {
                    json.WriteString("severityNote", p.SeverityNote);
                }

                if (p.Acceptance is { } acceptance)
                {
                    json.WriteStartObject("accepted");
                    json.WriteString("kind", acceptance.Kind);
                    json.WriteString("reason", acceptance.Reason);
                    if (acceptance.Expires is { } expires)
                    {
                        json.WriteString("expires", expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteScores(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartObject("scores");
        json.WriteNumber("overall", a.Scores.Overall);
        json.WriteNumber("target", a.Scores.Target);
        json.WriteString("formula", Scoring.Description);
        WriteCap(json, a.Scores.OverallCap, a.Scores.OverallUncapped);
        json.WriteStartObject("domains");
        foreach (var d in a.Scores.Domains)
        {
            if (d.Score is not { } score)
            {
                continue;
            }

            json.WriteStartObject(d.Domain);
            json.WriteString("title", d.Title);
            json.WriteNumber("score", score);
            json.WriteNumber("target", d.Target);
            json.WriteString("gapSeverity", d.GapSeverity.ToWire());
            json.WriteNumber("present", d.Present);
            json.WriteNumber("partial", d.Partial);
            json.WriteNumber("missing", d.Missing);
            json.WriteNumber("notApplicable", d.NotApplicable);
            json.WriteNumber("accepted", d.Accepted);
            WriteCap(json, d.Cap, d.Uncapped);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WriteStrings(json, "notApplicableDomains", a.Scores.Domains.Where(d => d.Score is null).Select(d => d.Domain).ToList());
        json.WriteEndObject();
    }

    /// <summary>The ceiling an open critical or high gap put on a score: its limit, why, and the score the passes earned.</summary>
    private static void WriteCap(Utf8JsonWriter json, ScoreCap? cap, double? uncapped)
    {
        if (cap is null)
        {
            return;
        }

        json.WriteStartObject("cap");
        json.WriteNumber("limit", cap.Limit);
        json.WriteString("severity", cap.Severity.ToWire());
        json.WriteNumber("gaps", cap.Gaps);
        if (uncapped is { } earned)
        {
            json.WriteNumber("uncapped", earned);
        }

        json.WriteString("note", cap.Note);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("present", a.Practices.Count(p => p.Status == PracticeStatus.Present));
        json.WriteNumber("partial", a.Practices.Count(p => p.Status == PracticeStatus.Partial));
        json.WriteNumber("missing", a.Practices.Count(p => p.Status == PracticeStatus.Missing));
        json.WriteNumber("notApplicable", a.Practices.Count(p => p.Status == PracticeStatus.NotApplicable));
        json.WriteNumber("accepted", a.Accepted.Count());
        json.WriteStartObject("gaps");
        foreach (var severity in new[] { Severity.Critical, Severity.High, Severity.Medium, Severity.Low })
        {
            json.WriteNumber(severity.ToWire(), a.GapCount(severity));
        }

        json.WriteNumber("total", a.Gaps.Count());
        json.WriteNumber("toConfirm", a.ToConfirm.Count());
        json.WriteEndObject();
        WriteStrings(json, "blockers", a.Blockers.Select(b => b.GapId).ToList());
        WriteStrings(json, "toConfirm", a.ToConfirm.Select(g => g.GapId).ToList());
        json.WriteStartObject("effortHours");
        json.WriteNumber("low", a.TotalEffort.Low);
        json.WriteNumber("high", a.TotalEffort.High);
        json.WriteEndObject();
        json.WriteNumber("teamSize", a.Options.TeamSize);
        json.WriteNumber("weeks", a.Weeks(a.TotalEffort));
        json.WriteEndObject();
    }

    private static void WritePlan(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartArray("plan");
        foreach (var phase in a.Plan)
        {
            json.WriteStartObject();
            json.WriteNumber("phase", phase.Number);
            json.WriteString("name", phase.Name);
            json.WriteString("goal", phase.Goal);
            json.WriteStartObject("effortHours");
            json.WriteNumber("low", phase.Effort.Low);
            json.WriteNumber("high", phase.Effort.High);
            json.WriteEndObject();
            json.WriteNumber("weeks", a.Weeks(phase.Effort));
            json.WriteStartArray("tasks");
            foreach (var task in phase.Tasks)
            {
                json.WriteStartObject();
                json.WriteString("gapId", task.GapId);
                json.WriteString("practice", task.PracticeId);
                json.WriteString("title", task.Title);
                json.WriteString("severity", task.Severity.ToWire());
                json.WriteStartObject("effortHours");
                json.WriteNumber("low", task.Effort.Low);
                json.WriteNumber("high", task.Effort.High);
                json.WriteEndObject();
                json.WriteString("owner", task.Owner);
                json.WriteString("successCriterion", task.SuccessCriterion);
                json.WriteString("verify", task.Verify);
                WriteStrings(json, "dependsOn", task.DependsOn);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRisks(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartArray("risks");
        foreach (var risk in a.Risks)
        {
            json.WriteStartObject();
            json.WriteString("gapId", risk.GapId);
            json.WriteString("title", risk.Title);
            json.WriteNumber("likelihood", risk.Likelihood);
            json.WriteNumber("impact", risk.Impact);
            json.WriteNumber("score", risk.Score);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteServiceMatrix(Utf8JsonWriter json, Assessment a)
    {
        json.WriteStartArray("serviceMatrix");
        foreach (var row in a.Services)
        {
            json.WriteStartObject();
            json.WriteString("service", row.Service);
            json.WriteString("path", row.Path.Length == 0 ? "." : row.Path);
            json.WriteString("kind", row.Kind);
            json.WriteStartObject("domains");
            foreach (var (domain, score) in row.DomainScores)
            {
                if (score is { } value)
                {
                    json.WriteNumber(domain, value);
                }
                else
                {
                    json.WriteNull(domain);
                }
            }

            json.WriteEndObject();
            json.WriteNumber("readiness", row.Readiness);
            WriteStrings(json, "gaps", row.Gaps);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEvidence(Utf8JsonWriter json, string name, IEnumerable<Evidence> evidence)
    {
        json.WriteStartArray(name);
        foreach (var e in evidence)
        {
            json.WriteStartObject();
            json.WriteString("path", e.Path);
            if (e.Line is { } line)
            {
                json.WriteNumber("line", line);
            }
            else
            {
                json.WriteNull("line");
            }

            json.WriteString("detail", e.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOptionalEvidence(Utf8JsonWriter json, string name, Evidence? evidence)
    {
        if (evidence is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("path", evidence.Path);
        if (evidence.Line is { } line)
        {
            json.WriteNumber("line", line);
        }

        json.WriteString("detail", evidence.Detail);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
