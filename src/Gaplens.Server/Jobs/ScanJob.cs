using System.Security.Cryptography;
using System.Text;
using Gaplens.History;
using Gaplens.Server.Data;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server.Jobs;

/// <summary>How workers clone and retry; `gaplens worker` options.</summary>
public sealed record WorkerSettings
{
    /// <summary>Where clones are made (a fresh folder per job, deleted afterwards).</summary>
    public string WorkDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "gaplens-worker");

    public TimeSpan GitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts after the first one; a job that still fails is left in the Failed state.</summary>
    public int RetryAttempts { get; init; } = 3;

    /// <summary>Back-off before each retry.</summary>
    public IReadOnlyList<int> RetryDelaysSeconds { get; init; } = [60, 300, 900];

    /// <summary>How long a job waits for another worker scanning the same repository.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// An org-wide scan of one repository: under a lock per repository (across workers), find the branch's head commit,
/// skip it when already stored, otherwise clone it shallowly, scan it with the library and store the report.
/// A failure is recorded on the repository and rethrown, so Hangfire retries it with back-off and finally shows it as failed.
/// </summary>
public sealed class ScanJob(ServerStore store, JobStorage storage, WorkerSettings settings, TimeProvider clock, ILogger<ScanJob> logger)
{
    public const string Queue = "scans";

    [Queue(Queue)]
    [JobDisplayName("Scan {1}")]
    public async Task<string> RunAsync(int projectId, string projectName, CancellationToken cancellationToken)
    {
        var project = await store.Db.Projects.FindAsync([projectId], cancellationToken)
                      ?? throw new InvalidOperationException($"repository '{projectName}' (#{projectId}) no longer exists");
        if (project.GitUrl is not { } url)
        {
            throw new InvalidOperationException($"repository '{project.Name}' has no URL to scan; set one with `gaplens server repo add {project.Name} --url URL`");
        }

        using var connection = storage.GetConnection();
        using var distributedLock = connection.AcquireDistributedLock($"gaplens:scan:{project.Id}", settings.LockTimeout);
        var git = new Git(settings.GitTimeout);
        string message;
        try
        {
            var head = await git.RemoteHeadAsync(url, project.Branch, cancellationToken);
            if (await store.ExistingAsync(project.Id, head, cancellationToken) is { } existing)
            {
                message = $"commit {head[..Math.Min(12, head.Length)]} is already stored as scan #{existing.Id}; not scanned again";
                await RecordAsync(project, "skipped", message, cancellationToken);
                return message;
            }

            var folder = Path.Combine(settings.WorkDirectory, $"{project.Id}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
            Directory.CreateDirectory(settings.WorkDirectory);
            try
            {
                await git.CloneAsync(url, project.Branch, folder, cancellationToken);
                var (commit, date) = await git.HeadAsync(folder, cancellationToken);
                logger.LogInformation("Scanning {Project} at {Commit}", project.Name, commit);
                var json = RepositoryScanner.ScanToJson(folder, date, cancellationToken);
                var snapshot = ReportSnapshot.Parse(json);
                var stored = await store.StoreScanAsync(project, json, snapshot, "worker", project.Branch, cancellationToken);
                message = stored.Duplicate
                    ? $"commit {commit[..12]} was stored meanwhile as scan #{stored.Scan.Id}"
                    : $"scanned commit {commit[..12]}: scan #{stored.Scan.Id}, readiness {DiffWriter.Number(snapshot.Overall)}/{DiffWriter.Number(snapshot.Target)}, {snapshot.OpenGaps.Count()} open gaps";
            }
            finally
            {
                DeleteQuietly(folder);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = ex is GitException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            await RecordAsync(project, "failed", reason, CancellationToken.None);
            logger.LogWarning("Scan of {Project} failed: {Reason}", project.Name, reason);
            throw;
        }

        await RecordAsync(project, "succeeded", message, cancellationToken);
        return message;
    }

    private async Task RecordAsync(Project project, string status, string message, CancellationToken cancellationToken)
    {
        store.Db.ChangeTracker.Clear();
        var tracked = await store.Db.Projects.FindAsync([project.Id], cancellationToken);
        if (tracked is null)
        {
            return;
        }

        tracked.LastJobStatus = status;
        tracked.LastJobMessage = message.Length > 4000 ? message[..4000] : message;
        tracked.LastJobAt = clock.GetUtcNow().UtcDateTime;
        await store.Db.SaveChangesAsync(cancellationToken);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover clone in the work directory is harmless; the next job uses a new folder.
        }
    }

    /// <summary>A stable id for a repository's recurring job.</summary>
    public static string RecurringId(string projectName) => "scan:" + projectName;

    internal static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12];
}
