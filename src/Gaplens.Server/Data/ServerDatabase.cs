using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gaplens.Server.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The server's database from `--db` or GAPLENS_DB: a PostgreSQL connection string (`Host=...;Database=...`) or URL
/// (`postgresql://user:pass@host/db`), otherwise the path of a SQLite file.
/// </summary>
public sealed record ServerDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public static ServerDatabase Parse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new ServerDatabase(DatabaseProvider.Postgres, FromUrl(text));
        }

        if (text.Contains('=', StringComparison.Ordinal) && (text.Contains("host=", StringComparison.OrdinalIgnoreCase) || text.Contains("server=", StringComparison.OrdinalIgnoreCase)))
        {
            return new ServerDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(text).ConnectionString);
        }

        if (text.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new ServerDatabase(DatabaseProvider.Sqlite, text);
        }

        var full = Path.GetFullPath(text);
        if (Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return new ServerDatabase(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 60, Pooling = true }.ToString());
    }

    /// <summary>What to print: the SQLite file, or the PostgreSQL host and database without the password.</summary>
    public string Description => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}"
        : PostgresDescription(ConnectionString);

    private static string PostgresDescription(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2)
            {
                builder[Uri.UnescapeDataString(kv[0]).Replace('_', ' ')] = Uri.UnescapeDataString(kv[1]);
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Registers ServerDb for this provider (the concrete context carries the provider's migrations).</summary>
    public void Register(IServiceCollection services)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<ServerDb, SqliteServerDb>(o => o.UseSqlite(ConnectionString));
        }
        else
        {
            services.AddDbContext<ServerDb, PostgresServerDb>(o => o.UseNpgsql(ConnectionString));
        }
    }

    /// <summary>A context outside dependency injection (command-line administration).</summary>
    public ServerDb CreateContext() => Provider == DatabaseProvider.Sqlite
        ? new SqliteServerDb(new DbContextOptionsBuilder<SqliteServerDb>().UseSqlite(ConnectionString).Options)
        : new PostgresServerDb(new DbContextOptionsBuilder<PostgresServerDb>().UseNpgsql(ConnectionString).Options);

    /// <summary>Applies the provider's migrations in order (idempotent); SQLite also switches to WAL for concurrent readers.</summary>
    public static async Task MigrateAsync(ServerDb db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
