using Microsoft.Data.Sqlite;

namespace Gaplens.History.Tests;

/// <summary>The local history on a real SQLite file.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gaplens-history-").FullName;

    private string Database => Path.Combine(folder, "nested", "history.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Stores_lists_and_reads_back_reports_oldest_first()
    {
        var repo = new RepositoryIdentity("https://example.com/shop.git", "shop");
        var other = new RepositoryIdentity("/src/other", "other");
        using var store = HistoryStore.Open(Database);
        var later = Reports.Make("c2", "2025-02-01", [new("a", "present")], 70);
        var earlier = Reports.Make("c1", "2025-01-01", [new("a", "missing", "critical")], 40);

        var first = store.Store(repo, later, DateTimeOffset.UnixEpoch);
        var second = store.Store(repo, earlier, DateTimeOffset.UnixEpoch.AddDays(1));
        store.Store(other, earlier, DateTimeOffset.UnixEpoch);

        var scans = store.List(repo.Key);
        Assert.Equal([second.Id, first.Id], scans.Select(s => s.Id));
        Assert.Equal(1, scans[0].OpenCritical);
        Assert.Equal(70, scans[1].Overall);
        Assert.Equal(70, scans[1].Domains["security"]);
        Assert.Equal(later, store.Report(first.Id));
        Assert.Equal(2, store.Repositories().Count);
        Assert.Equal(first.Id, store.Latest(repo.Key)!.Id);
    }

    [Fact]
    public void The_same_report_of_the_same_commit_is_kept_once()
    {
        var repo = new RepositoryIdentity("/src/shop", "shop");
        using var store = HistoryStore.Open(Database);
        var report = Reports.Make("c1", "2025-01-01", [new("a", "missing")]);

        var first = store.Store(repo, report, DateTimeOffset.UnixEpoch);
        var again = store.Store(repo, report, DateTimeOffset.UnixEpoch);
        var changed = store.Store(repo, Reports.Make("c1", "2025-01-01", [new("a", "present")]), DateTimeOffset.UnixEpoch);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Id, again.Id);
        Assert.False(changed.Duplicate);
        Assert.Equal(2, store.List(repo.Key).Count);
    }

    [Fact]
    public void Migrations_are_numbered_and_applied_once()
    {
        using (var store = HistoryStore.Open(Database))
        {
            Assert.Equal(HistoryStore.Migrations.Count, store.SchemaVersion);
            store.Store(new RepositoryIdentity("/r", "r"), Reports.Make("c", "2025-01-01", []), DateTimeOffset.UnixEpoch);
        }

        using var reopened = HistoryStore.Open(Database);
        Assert.Equal(HistoryStore.Migrations.Count, reopened.SchemaVersion);
        Assert.Single(reopened.List());
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused()
    {
        using (var store = HistoryStore.Open(Database))
        {
        }

        using (var connection = new SqliteConnection($"Data Source={Database}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {HistoryStore.Migrations.Count + 1};";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        Assert.Throws<InvalidOperationException>(() => HistoryStore.Open(Database));
    }

    [Fact]
    public void History_output_lists_domain_scores_in_every_format()
    {
        using var store = HistoryStore.Open(Database);
        var repo = new RepositoryIdentity("/src/shop", "shop|<b>");
        store.Store(repo, Reports.Make("abcdef0123", "2025-01-01", [], 40, new Dictionary<string, double> { ["security"] = 30, ["data"] = 60 }), DateTimeOffset.UnixEpoch);
        var scans = store.List();

        var text = HistoryWriter.Text(scans);
        var md = HistoryWriter.Markdown(scans);
        var json = HistoryWriter.Json(scans);

        Assert.Contains("abcdef0", text, StringComparison.Ordinal);
        Assert.Contains("securi", text, StringComparison.Ordinal);
        Assert.Contains("| security | data |", md, StringComparison.Ordinal);
        Assert.Contains("shop\\|&lt;b&gt;", md, StringComparison.Ordinal);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(60, document.RootElement[0].GetProperty("domains").GetProperty("data").GetDouble());
    }
}
