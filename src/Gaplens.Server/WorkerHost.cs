using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server;

/// <summary>`gaplens worker`: a Hangfire server on the PostgreSQL queue, processing org-wide scan jobs.</summary>
public static class WorkerHost
{
    public static async Task<IHost> BuildAsync(ServerDatabase database, WorkerSettings settings, int workers, string? name = null, Action<ILoggingBuilder>? logging = null, TimeSpan? pollInterval = null)
    {
        if (!JobQueue.IsAvailable(database))
        {
            throw new InvalidOperationException("workers take jobs from the PostgreSQL queue: give --db a PostgreSQL connection string");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "Gaplens.Worker", ContentRootPath = AppContext.BaseDirectory, DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // A commit stored by two uploads or workers at once is an expected race, answered as a duplicate: not an error to log.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        builder.Logging.AddFilter("Hangfire", LogLevel.Warning);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(TimeProvider.System);
        database.Register(builder.Services);
        builder.Services.AddScoped<ServerStore>();
        builder.Services.AddScoped<ScanJob>();
        var storage = JobQueue.CreateStorage(database, pollInterval);
        JobQueue.AddJobQueue(builder.Services, storage);
        JobQueue.AddWorker(builder.Services, settings, workers, name ?? $"gaplens-worker-{Environment.MachineName}-{Environment.ProcessId}", pollInterval);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await ServerDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<ServerDb>());
        }

        return host;
    }
}
