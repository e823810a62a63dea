using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gaplens.History.Tests;

/// <summary>Small JSON reports in the shape the writer produces, built per test (plus fields a later writer may add).</summary>
internal static class Reports
{
    public sealed record P(string Id, string Status, string Severity = "high", string Domain = "security", bool Accepted = false, string? Owner = "Security", string? Title = null);

    public static string Make(string? commit, string date, IEnumerable<P> practices, double overall = 50, IDictionary<string, double>? domains = null,
        IEnumerable<(string Service, double Readiness, IDictionary<string, double?> Domains)>? services = null, string profile = "production")
    {
        var list = practices.ToList();
        var report = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["tool"] = new JsonObject { ["name"] = "gaplens", ["version"] = "0.1.0" },
            ["date"] = date,
            ["repository"] = new JsonObject { ["root"] = ".", ["commit"] = commit, ["filesScanned"] = 3 },
            ["profile"] = profile,
            ["facts"] = new JsonObject { ["languages"] = new JsonArray(), ["services"] = new JsonArray() },
            ["practices"] = new JsonArray(list.Select((p, i) =>
            {
                var o = new JsonObject
                {
                    ["id"] = p.Id,
                    ["domain"] = p.Domain,
                    ["title"] = p.Title ?? p.Id,
                    ["status"] = p.Status,
                    ["severity"] = p.Severity,
                    ["confidence"] = "high",
                    ["evidence"] = new JsonArray(new JsonObject { ["path"] = "src/app.cs", ["line"] = i + 1, ["detail"] = "found" }),
                    ["reason"] = $"reason of {p.Id}",
                };
                if (p.Status is "partial" or "missing")
                {
                    o["gapId"] = $"GAP-{p.Domain.ToUpperInvariant()}-{i + 1:00}";
                    o["owner"] = p.Owner;
                    o["recommendation"] = $"fix {p.Id}";
                    if (p.Accepted)
                    {
                        o["accepted"] = new JsonObject { ["kind"] = "waiver", ["reason"] = "later", ["expires"] = "2030-01-01" };
                    }
                }

                return (JsonNode)o;
            }).ToArray()),
            ["scores"] = new JsonObject
            {
                ["overall"] = overall,
                ["target"] = 80,
                ["domains"] = new JsonObject((domains ?? new Dictionary<string, double> { ["security"] = overall })
                    .Select(d => KeyValuePair.Create(d.Key, (JsonNode?)new JsonObject { ["title"] = d.Key + " title", ["score"] = d.Value, ["target"] = 90 }))),
            },
            ["serviceMatrix"] = new JsonArray((services ?? []).Select(s => (JsonNode)new JsonObject
            {
                ["service"] = s.Service,
                ["path"] = "services/" + s.Service,
                ["readiness"] = s.Readiness,
                ["domains"] = new JsonObject(s.Domains.Select(d => KeyValuePair.Create(d.Key, d.Value is { } v ? (JsonNode?)JsonValue.Create(v) : null))),
                ["gaps"] = new JsonArray(),
            }).ToArray()),
            ["newTopLevelField"] = new JsonObject { ["anything"] = true },
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
