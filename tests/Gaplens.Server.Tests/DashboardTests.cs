using System.Net;
using System.Text.Json.Nodes;

namespace Gaplens.Server.Tests;

/// <summary>Pages as HTML: every string that comes from a repository is encoded; the pages show what they promise.</summary>
public sealed class DashboardTests
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(2)>\"'&";

    private static void MakeHostile(JsonObject report)
    {
        foreach (var practice in report["practices"]!.AsArray())
        {
            var p = practice!.AsObject();
            if (p["id"]!.GetValue<string>() is "data-backup" or "sec-authn")
            {
                p["title"] = "Title " + Hostile;
                p["reason"] = "Reason " + Hostile;
                p["owner"] = "Owner " + Hostile;
                p["gapId"] = "GAP-" + Hostile;
                p["recommendation"] = "Do " + Hostile;
                p["evidence"] = new JsonArray(new JsonObject { ["path"] = "src/" + Hostile + ".cs", ["line"] = 3, ["detail"] = "detail " + Hostile });
            }
        }

        foreach (var row in report["serviceMatrix"]!.AsArray())
        {
            row!["service"] = "svc " + Hostile;
        }

        report["scores"]!["domains"]!["security"]!["title"] = "Security " + Hostile;
    }

    [SkippableTheory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Every_page_encodes_repository_text(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var token = await server.CreateTokenAsync("evil");
        using (var uploader = server.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await server.UploadAsync(uploader, "evil", token, Samples.Variant(Samples.Commit(1), "2025-01-01", MakeHostile))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await server.UploadAsync(uploader, "evil", token, Samples.Variant(Samples.Commit(2), "2025-01-02", r => { MakeHostile(r); Samples.Status("sec-authn", "present")(r); }))).StatusCode);
        }

        using var client = await server.SignedInAsync();
        var scans = await server.WithDbAsync(db => Task.FromResult(db.Scans.OrderBy(s => s.Id).Select(s => s.Id).ToList()));
        foreach (var path in new[] { "/", "/owners", "/projects/evil", $"/projects/evil?scan={scans[0]}", "/projects/evil/gaps/data-backup", "/projects/evil/gaps/sec-authn", $"/projects/evil/diff?from={scans[0]}&to={scans[1]}" })
        {
            var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("onerror=alert", html.Replace("onerror=alert(2)&gt;", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [InlineData(TestDatabase.Sqlite)]
    public async Task Pages_show_portfolio_trend_history_gap_age_owners_and_diff(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var token = await server.CreateTokenAsync("shop");
        var other = await server.CreateTokenAsync("billing");
        using (var uploader = server.Client())
        {
            await server.UploadAsync(uploader, "shop", token, Samples.Variant(Samples.Commit(1), "2025-01-01"));
            await server.UploadAsync(uploader, "shop", token, Samples.Variant(Samples.Commit(2), "2025-02-01", Samples.Status("data-backup", "present")));
            await server.UploadAsync(uploader, "shop", token, Samples.Variant(Samples.Commit(3), "2025-03-01", r => { Samples.Status("data-backup", "present")(r); Samples.Status("sec-policy", "present")(r); }));
            await server.UploadAsync(uploader, "billing", other, Samples.Variant(Samples.Commit(9), "2025-03-02"));
        }

        using var client = await server.SignedInAsync();
        var portfolio = await client.GetStringAsync("/");
        Assert.Contains("href=\"/projects/shop\"", portfolio, StringComparison.Ordinal);
        Assert.Contains("href=\"/projects/billing\"", portfolio, StringComparison.Ordinal);
        Assert.Contains("class=\"spark\"", portfolio, StringComparison.Ordinal);
        Assert.Contains("↳ catalog", portfolio, StringComparison.Ordinal);
        Assert.Contains("2 repositories", portfolio, StringComparison.Ordinal);

        var repository = await client.GetStringAsync("/projects/shop");
        Assert.Contains("Score per domain", repository, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Overall score per scan\"", repository, StringComparison.Ordinal);
        Assert.Equal(3, repository.Split("<circle", StringSplitOptions.None).Length - 1);
        Assert.Contains("GAP-DATA", await client.GetStringAsync("/projects/billing"), StringComparison.Ordinal);

        var gap = await client.GetStringAsync("/projects/shop/gaps/sec-authn");
        Assert.Contains("Open since scan", gap, StringComparison.Ordinal);
        Assert.Contains("2025-01-01", gap, StringComparison.Ordinal);
        Assert.Contains("Recommendation", gap, StringComparison.Ordinal);
        var closed = await client.GetStringAsync("/projects/shop/gaps/data-backup");
        Assert.Contains("Not open in the latest scan", closed, StringComparison.Ordinal);

        var owners = await client.GetStringAsync("/owners");
        Assert.Contains("<h2>Security</h2>", owners, StringComparison.Ordinal);
        Assert.Contains("href=\"/projects/billing/gaps/", owners, StringComparison.Ordinal);

        var ids = await server.WithDbAsync(db => Task.FromResult(db.Scans.Where(s => s.Project!.Name == "shop").OrderBy(s => s.Id).Select(s => s.Id).ToList()));
        var diff = await client.GetStringAsync($"/projects/shop/diff?from={ids[0]}&to={ids[2]}");
        Assert.Contains("Closed gaps (2)", diff, StringComparison.Ordinal);
        Assert.Contains("data-backup", diff, StringComparison.Ordinal);
        var otherProjectsScan = await server.WithDbAsync(db => Task.FromResult(db.Scans.Single(s => s.Project!.Name == "billing").Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/projects/shop/diff?from={ids[0]}&to={otherProjectsScan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/projects/nope")).StatusCode);

        var apiDiff = await client.GetStringAsync($"/api/v1/projects/shop/diff?from={ids[0]}&to={ids[2]}");
        Assert.Contains("\"closed\": 2", apiDiff, StringComparison.Ordinal);
        var jobs = await client.GetStringAsync("/jobs");
        Assert.Contains("PostgreSQL", jobs, StringComparison.Ordinal);
    }
}
