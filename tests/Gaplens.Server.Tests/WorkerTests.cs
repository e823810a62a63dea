using System.Diagnostics;
using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server.Tests;

/// <summary>Org-wide scans on the real Hangfire queue in PostgreSQL, with real git repositories (file:// URLs).</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("gaplens-worker-test-").FullName;

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(root, true);
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "init.defaultBranch=main" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_COMMITTER_DATE"] = "2025-04-01T10:00:00Z";
        start.Environment["GIT_AUTHOR_DATE"] = "2025-04-01T10:00:00Z";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }

    private string MakeRepository(string name, int variant)
    {
        var directory = Path.Combine(root, name);
        Directory.CreateDirectory(Path.Combine(directory, "src"));
        File.WriteAllText(Path.Combine(directory, "README.md"), $"# {name}\n\nRun it with `npm start`.\n");
        File.WriteAllText(Path.Combine(directory, "package.json"), $"{{ \"name\": \"{name}\", \"scripts\": {{ \"start\": \"node src/index.js\", \"test\": \"jest\" }}, \"dependencies\": {{ \"express\": \"4.19.2\" }}, \"devDependencies\": {{ \"jest\": \"29.7.0\" }} }}\n");
        File.WriteAllText(Path.Combine(directory, "src", "index.js"), $"const express = require('express');\nconst app = express();\napp.get('/health', (q, r) => r.json({{ ok: {variant} }}));\napp.listen(3000);\n");
        if (variant % 2 == 0)
        {
            File.WriteAllText(Path.Combine(directory, "Dockerfile"), "FROM node:20.11-alpine\nUSER node\nCOPY . .\nCMD [\"node\", \"src/index.js\"]\n");
        }

        Git(directory, "init", "--quiet");
        Git(directory, "add", "-A");
        Git(directory, "commit", "--quiet", "-m", "initial");
        return new Uri(directory).AbsoluteUri;
    }

    private static WorkerSettings Settings(string root, int retries = 0) => new()
    {
        WorkDirectory = Path.Combine(root, "clones"),
        RetryAttempts = retries,
        RetryDelaysSeconds = Enumerable.Repeat(1, retries).ToList(),
        LockTimeout = TimeSpan.FromMinutes(2),
    };

    private static async Task<IHost> StartWorkerAsync(ServerDatabase database, WorkerSettings settings, string name)
    {
        var host = await WorkerHost.BuildAsync(database, settings, workers: 2, name, logging => logging.SetMinimumLevel(LogLevel.Error), TimeSpan.FromMilliseconds(500));
        await host.StartAsync();
        return host;
    }

    private static async Task<string> WaitForFinalStateAsync(JobStorage storage, string jobId, TimeSpan timeout)
    {
        var monitoring = storage.GetMonitoringApi();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            var state = monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state is "Succeeded" or "Failed" or "Deleted")
            {
                return state;
            }

            await Task.Delay(200);
        }

        return "timed out in " + monitoring.JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
    }

    [SkippableFact]
    public async Task Two_workers_scan_each_repository_exactly_once()
    {
        const int repositories = 5;
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        await using (var admin = await ServerAdmin.OpenAsync(database.Database))
        {
            for (var i = 0; i < repositories; i++)
            {
                var result = await admin.SetRepositoryAsync($"repo-{i}", MakeRepository($"repo-{i}", i), "main", "0 3 * * *");
                Assert.True(result.Ok, result.Message);
            }
        }

        var storage = JobQueue.CreateStorage(database.Database, TimeSpan.FromMilliseconds(500));
        List<Project> projects;
        await using (var db = database.Database.CreateContext())
        {
            projects = await db.Projects.OrderBy(p => p.Name).ToListAsync();
        }

        Assert.Equal(repositories, storage.GetConnection().GetRecurringJobs().Count);

        // Every repository is asked for three times: twice by hand and once by its recurring schedule.
        var jobs = new List<string>();
        foreach (var project in projects)
        {
            jobs.Add(JobQueue.Enqueue(storage, project));
            jobs.Add(JobQueue.Enqueue(storage, project));
        }

        new RecurringJobManager(storage).TriggerJob(ScanJob.RecurringId(projects[0].Name));
        using var first = await StartWorkerAsync(database.Database, Settings(root), "worker-a");
        using var second = await StartWorkerAsync(database.Database, Settings(root), "worker-b");
        try
        {
            foreach (var job in jobs)
            {
                Assert.Equal("Succeeded", await WaitForFinalStateAsync(storage, job, TimeSpan.FromMinutes(3)));
            }

            await Task.Delay(1500);
        }
        finally
        {
            await first.StopAsync();
            await second.StopAsync();
        }

        await using var check = database.Database.CreateContext();
        var counts = await check.Scans.GroupBy(s => s.Project!.Name).Select(g => new { g.Key, Count = g.Count(), Source = g.Min(s => s.Source) }).ToListAsync();
        Assert.Equal(repositories, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Count));
        Assert.All(counts, c => Assert.Equal("worker", c.Source));
        var statuses = await check.Projects.Select(p => p.LastJobStatus).ToListAsync();
        Assert.All(statuses, s => Assert.True(s is "succeeded" or "skipped", s));
        var servers = storage.GetMonitoringApi().Servers();
        Assert.DoesNotContain(servers, s => s.Name.StartsWith("worker-", StringComparison.Ordinal) && s.Heartbeat > DateTime.UtcNow);
        var skippedResults = jobs.Select(j => (storage.GetMonitoringApi().JobDetails(j).History.First().Data.TryGetValue("Result", out var result) ? result : string.Empty)).Count(r => r.Contains("not scanned again", StringComparison.Ordinal));
        Assert.Equal(repositories, skippedResults);
    }

    [SkippableFact]
    public async Task A_failed_clone_is_retried_with_back_off_then_left_failed_and_shown_on_the_repository()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var missing = new Uri(Path.Combine(root, "does-not-exist")).AbsoluteUri;
        await using (var admin = await ServerAdmin.OpenAsync(database.Database))
        {
            Assert.True((await admin.SetRepositoryAsync("gone", missing, null, null)).Ok);
        }

        var storage = JobQueue.CreateStorage(database.Database, TimeSpan.FromMilliseconds(500));
        Project project;
        await using (var db = database.Database.CreateContext())
        {
            project = await db.Projects.SingleAsync();
        }

        var job = JobQueue.Enqueue(storage, project);
        using var worker = await WorkerHost.BuildAsync(database.Database, Settings(root, retries: 1), 1, "worker-fail", l => l.SetMinimumLevel(LogLevel.Critical), TimeSpan.FromMilliseconds(500));
        await worker.StartAsync();
        string state;
        try
        {
            state = await WaitForFinalStateAsync(storage, job, TimeSpan.FromMinutes(2));
        }
        finally
        {
            await worker.StopAsync();
        }

        Assert.Equal("Failed", state);
        var history = storage.GetMonitoringApi().JobDetails(job).History;
        Assert.Contains(history, h => h.StateName == "Scheduled" && (h.Reason ?? string.Empty).Contains("Retry attempt 1 of 1", StringComparison.Ordinal));
        Assert.Contains("git", history.First().Data["ExceptionMessage"], StringComparison.Ordinal);
        Assert.Equal(1, storage.GetMonitoringApi().FailedCount());
        await using var check = database.Database.CreateContext();
        var recorded = await check.Projects.SingleAsync();
        Assert.Equal("failed", recorded.LastJobStatus);
        Assert.Contains("git ls-remote failed", recorded.LastJobMessage, StringComparison.Ordinal);
        Assert.Equal(0, await check.Scans.CountAsync());
    }
}
