using System.Text.Json;
using System.Text.Json.Nodes;
using Gaplens.Server.Jobs;
using Gaplens.Tests;

namespace Gaplens.Server.Tests;

/// <summary>Real reports: the shop fixture scanned once with the library, then varied per test (commit, date, a verdict).</summary>
public static class Samples
{
    private static readonly Lazy<string> Shop = new(() => RepositoryScanner.ScanToJson(Path.Combine(RepositoryPaths.Fixtures, "repos", "shop"), new DateOnly(2025, 1, 1), CancellationToken.None));

    public static string ShopReport => Shop.Value;

    public static string Variant(string commit, string date = "2025-01-01", Action<JsonObject>? edit = null)
    {
        var report = JsonNode.Parse(Shop.Value)!.AsObject();
        report["repository"]!["commit"] = commit;
        report["date"] = date;
        edit?.Invoke(report);
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>Sets a practice's status (and drops its gap fields when it becomes present).</summary>
    public static Action<JsonObject> Status(string practiceId, string status) => report =>
    {
        var practice = report["practices"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == practiceId)!.AsObject();
        practice["status"] = status;
    };

    public static string Commit(int n) => n.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + new string('a', 32);
}
