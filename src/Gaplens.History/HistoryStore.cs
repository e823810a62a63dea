using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Gaplens.History;

/// <summary>A stored scan without its report: what `gaplens history` lists.</summary>
public sealed record StoredScan(
    long Id,
    string RepositoryKey,
    string RepositoryName,
    string? Commit,
    string? Date,
    DateTimeOffset StoredAt,
    string Profile,
    double Overall,
    double Target,
    IReadOnlyDictionary<string, double> Domains,
    int OpenGaps,
    int OpenCritical);

/// <summary>The outcome of storing a report: its id, and whether the same report of the same commit was already there.</summary>
public sealed record StoreResult(long Id, bool Duplicate);

/// <summary>A repository that has stored scans.</summary>
public sealed record StoredRepository(string Key, string Name, int Scans, string? LastDate);

/// <summary>
/// The local history: one SQLite file, one row per stored report (the JSON as written, plus the scores history
/// lists). The schema is versioned by numbered migrations applied in order when the file is opened.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    /// <summary>Numbered migrations; never edit one that shipped, add the next.</summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            repository_key TEXT NOT NULL,
            repository_name TEXT NOT NULL,
            commit_sha TEXT NULL,
            report_date TEXT NULL,
            stored_at TEXT NOT NULL,
            profile TEXT NOT NULL,
            overall REAL NOT NULL,
            target REAL NOT NULL,
            domains TEXT NOT NULL,
            open_gaps INTEGER NOT NULL,
            open_critical INTEGER NOT NULL,
            report_sha256 TEXT NOT NULL,
            report TEXT NOT NULL
        );
        CREATE INDEX ix_scans_repository ON scans (repository_key, report_date, id);
        """,
    ];

    private readonly SqliteConnection connection;

    private HistoryStore(SqliteConnection connection) => this.connection = connection;

    public static HistoryStore Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Migrate(connection);
            return new HistoryStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public int SchemaVersion => Convert.ToInt32(Scalar("PRAGMA user_version;"), CultureInfo.InvariantCulture);

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > Migrations.Count)
        {
            throw new InvalidOperationException($"the history database was written by a newer Gaplens (schema {version}, this version knows {Migrations.Count})");
        }

        for (var i = version; i < Migrations.Count; i++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Stores a report; the same report of the same repository and commit is kept once.</summary>
    public StoreResult Store(RepositoryIdentity repository, string reportJson, DateTimeOffset storedAt)
    {
        var snapshot = ReportSnapshot.Parse(reportJson);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reportJson)));
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT id FROM scans WHERE repository_key = $key AND report_sha256 = $hash AND commit_sha IS $commit LIMIT 1;";
            find.Parameters.AddWithValue("$key", repository.Key);
            find.Parameters.AddWithValue("$hash", hash);
            find.Parameters.AddWithValue("$commit", (object?)snapshot.Commit ?? DBNull.Value);
            if (find.ExecuteScalar() is long existing)
            {
                return new StoreResult(existing, true);
            }
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO scans (repository_key, repository_name, commit_sha, report_date, stored_at, profile, overall, target, domains, open_gaps, open_critical, report_sha256, report)
            VALUES ($key, $name, $commit, $date, $stored, $profile, $overall, $target, $domains, $open, $critical, $hash, $report)
            RETURNING id;
            """;
        insert.Parameters.AddWithValue("$key", repository.Key);
        insert.Parameters.AddWithValue("$name", repository.Name);
        insert.Parameters.AddWithValue("$commit", (object?)snapshot.Commit ?? DBNull.Value);
        insert.Parameters.AddWithValue("$date", (object?)snapshot.Date ?? DBNull.Value);
        insert.Parameters.AddWithValue("$stored", storedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$profile", snapshot.Profile);
        insert.Parameters.AddWithValue("$overall", snapshot.Overall);
        insert.Parameters.AddWithValue("$target", snapshot.Target);
        insert.Parameters.AddWithValue("$domains", JsonSerializer.Serialize(snapshot.Domains.ToDictionary(d => d.Domain, d => d.Score, StringComparer.Ordinal)));
        insert.Parameters.AddWithValue("$open", snapshot.OpenGaps.Count());
        insert.Parameters.AddWithValue("$critical", snapshot.OpenGapCount("critical"));
        insert.Parameters.AddWithValue("$hash", hash);
        insert.Parameters.AddWithValue("$report", reportJson);
        return new StoreResult((long)insert.ExecuteScalar()!, false);
    }

    /// <summary>The scans of one repository (or of all), oldest first: by report date, then in the order they were stored.</summary>
    public IReadOnlyList<StoredScan> List(string? repositoryKey = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, repository_key, repository_name, commit_sha, report_date, stored_at, profile, overall, target, domains, open_gaps, open_critical FROM scans" +
                              (repositoryKey is null ? string.Empty : " WHERE repository_key = $key") +
                              " ORDER BY repository_key, COALESCE(report_date, substr(stored_at, 1, 10)), id;";
        if (repositoryKey is not null)
        {
            command.Parameters.AddWithValue("$key", repositoryKey);
        }

        var scans = new List<StoredScan>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            scans.Add(new StoredScan(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                reader.GetString(6),
                reader.GetDouble(7),
                reader.GetDouble(8),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(9)) ?? [],
                reader.GetInt32(10),
                reader.GetInt32(11)));
        }

        return scans;
    }

    public IReadOnlyList<StoredRepository> Repositories()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT repository_key, MAX(repository_name), COUNT(*), MAX(report_date) FROM scans GROUP BY repository_key ORDER BY repository_key;";
        var repositories = new List<StoredRepository>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            repositories.Add(new StoredRepository(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return repositories;
    }

    /// <summary>The report JSON as it was stored, or null for an unknown id.</summary>
    public string? Report(long id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT report FROM scans WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() as string;
    }

    /// <summary>The latest scan of a repository (by report date, then storage order).</summary>
    public StoredScan? Latest(string repositoryKey) => List(repositoryKey).LastOrDefault();

    public StoredScan? Find(long id) => List().FirstOrDefault(s => s.Id == id);

    public void Dispose() => connection.Dispose();

    private object? Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
