using Gaplens.Server.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gaplens.Server.Tests;

/// <summary>
/// Real databases for the tests: a fresh SQLite file, or a fresh PostgreSQL database on the server named by
/// GAPLENS_TEST_POSTGRES (default: the gaplens role on 127.0.0.1 that .ci/run creates), dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? folder;
    private readonly string? postgresName;

    private TestDatabase(ServerDatabase database, string? folder, string? postgresName)
    {
        Database = database;
        this.folder = folder;
        this.postgresName = postgresName;
    }

    public ServerDatabase Database { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("GAPLENS_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=gaplens;Password=gaplens;Database=postgres;Timeout=5";

    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        try
        {
            using var connection = new NpgsqlConnection(AdminConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return ex.Message;
        }
    });

    /// <summary>Skips a PostgreSQL test only outside CI, with the reason; in CI (CI=true) the test runs and fails without the server.</summary>
    public static void SkipUnlessAvailable(string provider)
    {
        if (provider != Postgres || Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            return;
        }

        Skip.If(Unavailable.Value is not null,
            $"PostgreSQL is not reachable ({Unavailable.Value}); start it and create the role (see .ci/run), or set GAPLENS_TEST_POSTGRES. In CI this test runs.");
    }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        SkipUnlessAvailable(provider);
        if (provider == Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("gaplens-server-test-").FullName;
            return new TestDatabase(ServerDatabase.Parse(Path.Combine(folder, "server.db")), folder, null);
        }

        var name = "gaplens_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(ServerDatabase.Parse(builder.ConnectionString), null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, true);
            }
            catch (IOException)
            {
            }
        }

        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
