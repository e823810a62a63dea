using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Gaplens.Server.Tests;

/// <summary>The upload API and its guards, on SQLite and on PostgreSQL.</summary>
public sealed class ApiTests
{
    public static TheoryData<string> Providers => [TestDatabase.Sqlite, TestDatabase.Postgres];

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Upload_is_stored_once_per_commit_and_compared_with_the_previous_scan(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var token = await server.CreateTokenAsync("shop");
        using var client = server.Client();

        var first = await server.UploadAsync(client, "shop", token, Samples.Variant(Samples.Commit(1), "2025-01-01"));
        var again = await server.UploadAsync(client, "shop", token, Samples.Variant(Samples.Commit(1), "2025-01-01"));
        var second = await server.UploadAsync(client, "shop", token, Samples.Variant(Samples.Commit(2), "2025-02-01", Samples.Status("data-backup", "present")));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        using var answer = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(1, answer.RootElement.GetProperty("changes").GetProperty("closed").GetInt32());
        Assert.False(answer.RootElement.GetProperty("duplicate").GetBoolean());
        using var duplicate = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.True(duplicate.RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(2, await server.WithDbAsync(db => db.Scans.CountAsync()));
        Assert.True(await server.WithDbAsync(db => db.ScanGaps.AnyAsync(g => g.PracticeId == "data-backup")));
        var tokenRow = await server.WithDbAsync(db => db.ProjectTokens.SingleAsync());
        Assert.NotNull(tokenRow.LastUsedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Uploads_need_a_live_token_of_that_very_project(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var tokenA = await server.CreateTokenAsync("project-a");
        var tokenB = await server.CreateTokenAsync("project-b");
        var report = Samples.Variant(Samples.Commit(1));
        using var client = server.Client();

        var none = await server.UploadAsync(client, "project-a", null, report);
        var garbage = await server.UploadAsync(client, "project-a", "glp_not-a-real-token", report);
        var hashItself = await server.UploadAsync(client, "project-a", Data.ServerStore.HashToken(tokenA), report);
        var crossProject = await server.UploadAsync(client, "project-b", tokenA, report);
        var unknownProject = await server.UploadAsync(client, "project-c", tokenA, report);
        await using (var admin = await ServerAdmin.OpenAsync(server.Database))
        {
            var prefix = tokenB[..12];
            Assert.Single(await admin.Store.RevokeTokensAsync(prefix));
        }

        var revoked = await server.UploadAsync(client, "project-b", tokenB, report);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hashItself.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossProject.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknownProject.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal(0, await server.WithDbAsync(db => db.Scans.CountAsync()));
        var stored = await server.WithDbAsync(db => db.ProjectTokens.Select(t => t.Hash).ToListAsync());
        Assert.DoesNotContain(tokenA, stored);
        Assert.Contains(Data.ServerStore.HashToken(tokenA), stored);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Oversized_malformed_and_invalid_reports_are_refused_with_4xx(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider, s => s with { MaxReportBytes = 400_000 });
        var token = await server.CreateTokenAsync("shop");
        using var client = server.Client();
        var valid = Samples.Variant(Samples.Commit(1));
        var padded = valid[..^1] + ",\"padding\":\"" + new string('x', 500_000) + "\"}";
        var deep = new string('[', 5000) + new string(']', 5000);

        var tooLarge = await server.UploadAsync(client, "shop", token, padded);
        var malformed = await server.UploadAsync(client, "shop", token, "{\"schemaVersion\": 1, ");
        var nested = await server.UploadAsync(client, "shop", token, deep);
        var notAReport = await server.UploadAsync(client, "shop", token, "{\"schemaVersion\":1,\"tool\":{\"name\":\"gaplens\",\"version\":\"1\"},\"repository\":{\"root\":\".\"},\"profile\":\"production\",\"facts\":{\"languages\":[],\"services\":[]},\"scores\":{\"overall\":1,\"domains\":{}}}");
        var wrongStatus = await server.UploadAsync(client, "shop", token, Samples.Variant(Samples.Commit(2), edit: Samples.Status("data-backup", "maybe")));
        var form = await server.UploadAsync(client, "shop", token, valid, "text/plain");
        var invalidUtf8 = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects/shop/scans") { Content = new ByteArrayContent([0x7B, 0xFF, 0xFE, 0x7D]) };
        invalidUtf8.Content.Headers.ContentType = new("application/json");
        invalidUtf8.Headers.Authorization = new("Bearer", token);
        var binary = await client.SendAsync(invalidUtf8);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAReport.StatusCode);
        Assert.Contains("practices", await notAReport.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongStatus.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);
        Assert.Equal(0, await server.WithDbAsync(db => db.Scans.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, (await server.UploadAsync(client, "shop", token, valid)).StatusCode);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Reading_needs_a_login_and_the_login_resists_guessing_and_open_redirects(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        using var anonymous = server.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/projects")).StatusCode);
        var page = await anonymous.GetAsync("/owners");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/jobs")).StatusCode);

        var wrong = await RunningServer.LoginAsync(anonymous, RunningServer.AdminUser, "wrong password!!", "/");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var redirect = server.Client();
        var login = await RunningServer.LoginAsync(redirect, RunningServer.AdminUser, RunningServer.AdminPassword, "//evil.example/");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var cookie = string.Join(";", login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await redirect.GetAsync("/api/v1/projects")).StatusCode);
        var jobs = await redirect.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        Assert.Contains(provider == TestDatabase.Postgres ? "Gaplens scan jobs" : "has no job queue", await jobs.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            await RunningServer.LoginAsync(server.Client(), RunningServer.AdminUser, "wrong password!!", "/");
        }

        var locked = await RunningServer.LoginAsync(server.Client(), RunningServer.AdminUser, RunningServer.AdminPassword, "/");
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task OpenAPI_document_and_security_headers(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        using var client = server.Client();

        var openApi = await client.GetAsync("/openapi/v1.json");
        var body = await openApi.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/projects/{project}/scans", out var upload));
        Assert.Equal("UploadScan", upload.GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(upload.GetProperty("post").GetProperty("responses").TryGetProperty("413", out _));
        Assert.False(paths.TryGetProperty("/login", out _));

        foreach (var path in new[] { "/login", "/openapi/v1.json", "/api/v1/projects", "/healthz" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Server"));
        }

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_apply_to_an_empty_database_and_match_the_model(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Database.CreateContext())
        {
            Assert.NotEmpty(db.Database.GetMigrations());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetPendingMigrationsAsync());
            await Data.ServerDatabase.MigrateAsync(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run src/Gaplens.Server/Data/Migrations/add-migration.sh");
            Assert.Equal(0, await db.Scans.CountAsync());
        }

        await using (var again = database.Database.CreateContext())
        {
            await Data.ServerDatabase.MigrateAsync(again);
            Assert.Equal(again.Database.GetMigrations(), await again.Database.GetAppliedMigrationsAsync());
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Bounded_load_from_parallel_clients_loses_no_upload(string provider)
    {
        const int projects = 10, perProject = 20, clients = 8;
        await using var server = await RunningServer.StartAsync(provider);
        var tokens = new Dictionary<string, string>();
        for (var p = 0; p < projects; p++)
        {
            tokens[$"load-{p}"] = await server.CreateTokenAsync($"load-{p}");
        }

        var work = Enumerable.Range(0, projects * perProject).Select(i => (Project: $"load-{i % projects}", Commit: Samples.Commit(i + 1), Date: $"2025-{1 + (i / projects) % 12:00}-{1 + i % 28:00}")).ToList();
        var bodies = work.Select(w => Samples.Variant(w.Commit, w.Date)).ToList();
        var statuses = new HttpStatusCode[work.Count];
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = cancel.Token }, async (i, ct) =>
        {
            using var client = server.Client();
            using var response = await server.UploadAsync(client, work[i].Project, tokens[work[i].Project], bodies[i]);
            statuses[i] = response.StatusCode;
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(projects * perProject, await server.WithDbAsync(db => db.Scans.CountAsync()));
        var perProjectCounts = await server.WithDbAsync(db => db.Scans.GroupBy(s => s.ProjectId).Select(g => g.Count()).ToListAsync());
        Assert.All(perProjectCounts, c => Assert.Equal(perProject, c));
        Assert.Equal(projects * perProject, await server.WithDbAsync(db => db.Scans.Select(s => s.Commit).Distinct().CountAsync()));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task The_same_commit_uploaded_concurrently_is_stored_once(string provider)
    {
        await using var server = await RunningServer.StartAsync(provider);
        var token = await server.CreateTokenAsync("race");
        var body = Samples.Variant(Samples.Commit(7));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = server.Client();
            return (await server.UploadAsync(client, "race", token, body)).StatusCode;
        }));

        Assert.Single(responses, s => s == HttpStatusCode.Created);
        Assert.All(responses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK, s.ToString()));
        Assert.Equal(1, await server.WithDbAsync(db => db.Scans.CountAsync()));
    }
}
