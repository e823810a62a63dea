using Gaplens.Server.Data;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Gaplens.Server.Jobs;

/// <summary>The Hangfire set-up shared by `gaplens serve` (enqueues, dashboard) and `gaplens worker` (processes).</summary>
public static class JobQueue
{
    public static bool IsAvailable(ServerDatabase database) => database.Provider == DatabaseProvider.Postgres;

    public static PostgreSqlStorage CreateStorage(ServerDatabase database, TimeSpan? pollInterval = null)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = pollInterval ?? TimeSpan.FromSeconds(2),
            InvisibilityTimeout = TimeSpan.FromHours(1),
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(database.ConnectionString, options, null), options);
    }

    /// <summary>Registers Hangfire on the given storage (client, recurring manager, monitoring).</summary>
    public static void AddJobQueue(IServiceCollection services, JobStorage storage)
    {
        services.AddSingleton(storage);
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .UseStorage(storage));
    }

    /// <summary>A processing server: the scans queue, retries with back-off, then Failed (kept visible in the dashboard).</summary>
    public static void AddWorker(IServiceCollection services, WorkerSettings settings, int workerCount, string serverName, TimeSpan? schedulePollInterval = null)
    {
        services.AddSingleton(settings);
        services.AddHangfireServer((provider, options) =>
        {
            options.Queues = [ScanJob.Queue];
            options.WorkerCount = workerCount;
            options.ServerName = serverName;
            options.SchedulePollingInterval = schedulePollInterval ?? TimeSpan.FromSeconds(15);
            options.FilterProvider = Filters(settings);
        });
    }

    /// <summary>Hangfire's default filters with the retry policy of these settings in place of the default one (10 attempts).</summary>
    public static IJobFilterProvider Filters(WorkerSettings settings)
    {
        var filters = new JobFilterCollection();
        foreach (var filter in GlobalJobFilters.Filters.Where(f => f.Instance is not AutomaticRetryAttribute))
        {
            filters.Add(filter.Instance, filter.Order);
        }

        var retry = new AutomaticRetryAttribute { Attempts = settings.RetryAttempts, OnAttemptsExceeded = AttemptsExceededAction.Fail };
        if (settings.RetryDelaysSeconds.Count > 0)
        {
            retry.DelaysInSeconds = settings.RetryDelaysSeconds.ToArray();
        }

        filters.Add(retry);
        return new JobFilterProviderCollection(filters, JobFilterProviders.Providers.OfType<JobFilterAttributeFilterProvider>().FirstOrDefault() ?? new JobFilterAttributeFilterProvider());
    }

    public static string Enqueue(JobStorage storage, Project project) =>
        new BackgroundJobClient(storage).Create(
            Job.FromExpression<ScanJob>(job => job.RunAsync(project.Id, project.Name, CancellationToken.None)),
            new EnqueuedState(ScanJob.Queue));

    /// <summary>Creates, updates or removes the repository's recurring scan to match its schedule.</summary>
    public static void Schedule(JobStorage storage, Project project)
    {
        var manager = new RecurringJobManager(storage);
        if (project.Schedule is { } cron && project.GitUrl is not null)
        {
            manager.AddOrUpdate(
                ScanJob.RecurringId(project.Name),
                Job.FromExpression<ScanJob>(job => job.RunAsync(project.Id, project.Name, CancellationToken.None), ScanJob.Queue),
                cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            manager.RemoveIfExists(ScanJob.RecurringId(project.Name));
        }
    }
}
