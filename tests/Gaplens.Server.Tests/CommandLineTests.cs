using Gaplens.Cli;
using Microsoft.EntityFrameworkCore;

namespace Gaplens.Server.Tests;

/// <summary>`gaplens server ...` on a real database, through the command line in process.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = GaplensCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [SkippableTheory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Tokens_are_created_listed_and_revoked_and_only_their_hash_is_kept(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var db = database.Database.ConnectionString;
        if (provider == TestDatabase.Sqlite)
        {
            db = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db).DataSource;
        }

        var created = Run("server", "token", "create", "--project", "shop", "--db", db);
        Assert.Equal(ExitCodes.Ok, created.Code);
        var secret = created.Out.Trim();
        Assert.StartsWith("glp_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, created.Err, StringComparison.Ordinal);

        var list = Run("server", "token", "list", "--db", db);
        Assert.Equal(ExitCodes.Ok, list.Code);
        Assert.Contains("shop", list.Out, StringComparison.Ordinal);
        Assert.Contains(secret[..12], list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Out, StringComparison.Ordinal);

        await using (var context = database.Database.CreateContext())
        {
            var row = await context.ProjectTokens.SingleAsync();
            Assert.Equal(Data.ServerStore.HashToken(secret), row.Hash);
        }

        Assert.Equal(ExitCodes.Ok, Run("server", "token", "revoke", secret[..12], "--db", db).Code);
        Assert.Contains("revoked", Run("server", "token", "list", "--db", db).Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Run("server", "token", "revoke", "glp_nothing", "--db", db).Code);
        Assert.Equal(ExitCodes.Usage, Run("server", "token", "create", "--project", "Not A Name", "--db", db).Code);
    }

    [SkippableFact]
    public async Task Admin_create_needs_a_long_password_and_refuses_a_second_user_of_the_same_name()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Sqlite);
        var db = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Database.ConnectionString).DataSource;

        var generated = Run("server", "admin", "create", "--user", "alice", "--db", db);
        Assert.Equal(ExitCodes.Ok, generated.Code);
        Assert.Contains("shown once", generated.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, Run("server", "admin", "create", "--user", "alice", "--db", db).Code);
        await using var admin = await ServerAdmin.OpenAsync(database.Database);
        Assert.False((await admin.CreateUserAsync("bob", "short")).Ok);
        await using var context = database.Database.CreateContext();
        var hash = await context.Users.Where(u => u.UserName == "alice").Select(u => u.PasswordHash).SingleAsync();
        Assert.False(string.IsNullOrEmpty(hash));
        Assert.DoesNotContain(generated.Out.Split("once): ")[1].Trim(), hash!, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_and_scan_now_need_PostgreSQL()
    {
        var folder = Directory.CreateTempSubdirectory("gaplens-cli-").FullName;
        try
        {
            var db = Path.Combine(folder, "s.db");
            var worker = Run("worker", "--db", db);
            Assert.Equal(ExitCodes.Usage, worker.Code);
            Assert.Contains("PostgreSQL", worker.Err, StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Usage, Run("server", "scan", "shop", "--db", db).Code);
            Assert.Equal(ExitCodes.Usage, Run("upload", Path.Combine(folder, "missing.json"), "--server", "http://127.0.0.1:9", "--project", "x").Code);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, true);
        }
    }

    [SkippableFact]
    public async Task Upload_command_sends_a_report_and_fails_with_3_when_refused()
    {
        await using var server = await RunningServer.StartAsync(TestDatabase.Sqlite);
        var token = await server.CreateTokenAsync("shop");
        var file = Path.Combine(Path.GetTempPath(), $"gaplens-upload-{Guid.NewGuid():N}.json");
        var tokenFile = file + ".token";
        await File.WriteAllTextAsync(file, Samples.Variant(Samples.Commit(5)));
        await File.WriteAllTextAsync(tokenFile, token + "\n");
        try
        {
            var ok = Run("upload", file, "--server", server.Address.ToString(), "--project", "shop", "--token-file", tokenFile, "--branch", "main");
            Assert.Equal(ExitCodes.Ok, ok.Code);
            Assert.Contains("Stored scan #", ok.Out, StringComparison.Ordinal);
            var again = Run("upload", file, "--server", server.Address.ToString(), "--project", "shop", "--token-file", tokenFile);
            Assert.Contains("Already stored", again.Out, StringComparison.Ordinal);
            var refused = Run("upload", file, "--server", server.Address.ToString(), "--project", "other", "--token-file", tokenFile);
            Assert.Equal(ExitCodes.ScanError, refused.Code);
            Assert.Contains("403", refused.Err, StringComparison.Ordinal);
            Assert.Equal("main", await server.WithDbAsync(db => db.Scans.Select(s => s.Branch).SingleAsync()));
        }
        finally
        {
            File.Delete(file);
            File.Delete(tokenFile);
        }
    }
}
