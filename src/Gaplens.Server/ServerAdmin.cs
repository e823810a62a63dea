using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server;

/// <summary>The result of an administrative command: a message for the terminal, or an error (exit 2).</summary>
public sealed record AdminResult(bool Ok, string Message);

/// <summary>`gaplens server ...`: users, tokens and repositories, run against the server's database from the command line.</summary>
public sealed class ServerAdmin : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;

    private ServerAdmin(ServerDatabase database, ServiceProvider provider)
    {
        Database = database;
        this.provider = provider;
        scope = provider.CreateAsyncScope();
    }

    public ServerDatabase Database { get; }

    public ServerStore Store => scope.ServiceProvider.GetRequiredService<ServerStore>();

    public static async Task<ServerAdmin> OpenAsync(ServerDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        database.Register(services);
        services.AddScoped<ServerStore>();
        ServerApp.AddIdentity(services);
        var admin = new ServerAdmin(database, services.BuildServiceProvider());
        await ServerDatabase.MigrateAsync(admin.Store.Db);
        return admin;
    }

    public async Task<AdminResult> CreateUserAsync(string userName, string password)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GaplensUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new AdminResult(false, $"user '{userName}' already exists; use `gaplens server admin password --user {userName}` to change the password");
        }

        var result = await users.CreateAsync(new GaplensUser { UserName = userName }, password);
        return result.Succeeded
            ? new AdminResult(true, $"Created user '{userName}'.")
            : new AdminResult(false, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public async Task<AdminResult> SetPasswordAsync(string userName, string password)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GaplensUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return new AdminResult(false, $"no user '{userName}'");
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
            {
                return new AdminResult(false, string.Join(" ", check.Errors.Select(e => e.Description)));
            }
        }

        await users.RemovePasswordAsync(user);
        var result = await users.AddPasswordAsync(user, password);
        if (result.Succeeded)
        {
            await users.UpdateSecurityStampAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        return result.Succeeded
            ? new AdminResult(true, $"Changed the password of '{userName}' (its sessions end).")
            : new AdminResult(false, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    public async Task<IReadOnlyList<string>> UsersAsync() =>
        await scope.ServiceProvider.GetRequiredService<ServerStore>().Db.Users.OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync();

    /// <summary>Adds or updates a repository scanned by workers, and its recurring schedule.</summary>
    public async Task<AdminResult> SetRepositoryAsync(string name, string url, string? branch, string? schedule)
    {
        if (url.StartsWith('-') || url.Any(char.IsControl) || url.Length > 2000)
        {
            return new AdminResult(false, $"'{url}' is not a repository URL");
        }

        if (branch is not null && (branch.StartsWith('-') || branch.Any(c => char.IsControl(c) || c == ' ') || branch.Length > 250))
        {
            return new AdminResult(false, $"'{branch}' is not a branch name");
        }

        if (schedule is not null && !IsCron(schedule))
        {
            return new AdminResult(false, $"'{schedule}' is not a cron expression (five fields, e.g. \"0 3 * * *\" for 03:00 UTC daily)");
        }

        Project project;
        try
        {
            project = await Store.EnsureProjectAsync(name);
        }
        catch (ArgumentException ex)
        {
            return new AdminResult(false, ex.Message);
        }

        project.GitUrl = url;
        project.Branch = branch;
        project.Schedule = schedule;
        await Store.Db.SaveChangesAsync();
        if (JobQueue.IsAvailable(Database))
        {
            try
            {
                JobQueue.Schedule(JobQueue.CreateStorage(Database), project);
            }
            catch (ArgumentException ex)
            {
                project.Schedule = null;
                await Store.Db.SaveChangesAsync();
                return new AdminResult(false, $"'{schedule}' is not a valid cron expression ({ex.Message}); the repository is kept without a schedule");
            }
        }

        var when = schedule is null ? "no schedule (scan with `gaplens server scan " + name + "`)" : $"scanned on schedule '{schedule}' (UTC)";
        var note = JobQueue.IsAvailable(Database) ? string.Empty : " Note: scans by workers need the server on PostgreSQL.";
        return new AdminResult(true, $"Repository '{name}': {Gaplens.History.RepositoryIdentity.WithoutCredentials(url)}{(branch is null ? string.Empty : " at " + branch)}, {when}.{note}");
    }

    public async Task<AdminResult> EnqueueScanAsync(string name)
    {
        if (!JobQueue.IsAvailable(Database))
        {
            return new AdminResult(false, "scans by workers need the server on PostgreSQL (--db \"Host=...;Database=...\")");
        }

        var project = await Store.FindProjectAsync(name);
        if (project?.GitUrl is null)
        {
            return new AdminResult(false, $"no repository '{name}' with a URL; add it with `gaplens server repo add {name} --url URL`");
        }

        var id = JobQueue.Enqueue(JobQueue.CreateStorage(Database), project);
        return new AdminResult(true, $"Enqueued job {id}: scan of '{name}'. Follow it under /jobs on the dashboard.");
    }

    public async Task<IReadOnlyList<Project>> RepositoriesAsync() => await Store.Db.Projects.AsNoTracking().OrderBy(p => p.Name).ToListAsync();

    /// <summary>Five fields (minute hour day month weekday), or six with seconds; Hangfire parses it fully when the job is registered.</summary>
    public static bool IsCron(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length is 5 or 6 && fields.All(f => f.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '?' or '/' or ',' or '-' or '#'));
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await provider.DisposeAsync();
    }
}
