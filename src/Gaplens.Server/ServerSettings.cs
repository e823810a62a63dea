using Gaplens.Server.Data;
using Gaplens.Server.Jobs;

namespace Gaplens.Server;

/// <summary>What `gaplens serve` runs with.</summary>
public sealed record ServerSettings(ServerDatabase Database)
{
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];

    /// <summary>Largest report accepted by the upload API (413 above).</summary>
    public long MaxReportBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Uploads per token (or client address without one) per minute (429 above).</summary>
    public int UploadsPerMinute { get; init; } = 300;

    /// <summary>Sign-in attempts per client address per minute (429 above); Identity also locks an account after 5 failures.</summary>
    public int LoginAttemptsPerMinute { get; init; } = 10;

    /// <summary>Also process org-wide scan jobs in this process (PostgreSQL only); otherwise run `gaplens worker`.</summary>
    public bool RunWorker { get; init; }

    public WorkerSettings Worker { get; init; } = new();

    /// <summary>PEM certificate (and key) for https:// addresses; without it Kestrel uses the development certificate.</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }

    public bool JobsEnabled => JobQueue.IsAvailable(Database);
}
