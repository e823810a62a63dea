using Microsoft.AspNetCore.Identity;

namespace Gaplens.Server.Data;

/// <summary>A dashboard user (ASP.NET Core Identity: hashed password, lockout, security stamp).</summary>
public sealed class GaplensUser : IdentityUser
{
}

/// <summary>A repository known to the server: uploaded to with a project token, or scanned by workers from its URL.</summary>
public sealed class Project
{
    public int Id { get; set; }

    /// <summary>Lower-case slug: letters, digits, '-', '_', '.'; the name in URLs and in `gaplens server` commands.</summary>
    public required string Name { get; set; }

    public string? GitUrl { get; set; }

    public string? Branch { get; set; }

    /// <summary>Cron expression of the recurring org-wide scan, when there is one.</summary>
    public string? Schedule { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last worker job's outcome: succeeded, skipped (commit already scanned) or failed, with its message.</summary>
    public string? LastJobStatus { get; set; }

    public string? LastJobMessage { get; set; }

    public DateTime? LastJobAt { get; set; }

    public List<Scan> Scans { get; set; } = [];

    public List<ProjectToken> Tokens { get; set; } = [];
}

/// <summary>A CI upload token of one project; only its SHA-256 is stored, the token itself is shown once.</summary>
public sealed class ProjectToken
{
    public int Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, to tell tokens apart in lists; not enough to use it.</summary>
    public required string Prefix { get; set; }

    public required string Hash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>One stored report of a project, with the figures the dashboard reads without parsing the JSON.</summary>
public sealed class Scan
{
    public long Id { get; set; }

    public int ProjectId { get; set; }

    public Project? Project { get; set; }

    public string? Commit { get; set; }

    public string? Branch { get; set; }

    /// <summary>The date the report speaks of (yyyy-MM-dd), when it has one.</summary>
    public string? ReportDate { get; set; }

    /// <summary>Report date, else the day it was received: scans are ordered by this, then by id.</summary>
    public required string SortDate { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>upload (CI) or worker (org-wide scan).</summary>
    public required string Source { get; set; }

    public required string Profile { get; set; }

    public required string ToolVersion { get; set; }

    public double Overall { get; set; }

    public double Target { get; set; }

    public int OpenGaps { get; set; }

    public int OpenCritical { get; set; }

    /// <summary>{"domain": score, ...} as JSON.</summary>
    public required string DomainScores { get; set; }

    public required string ReportSha256 { get; set; }

    /// <summary>The JSON report as received.</summary>
    public required string Report { get; set; }

    public List<ScanGap> Gaps { get; set; } = [];

    public List<ScanService> Services { get; set; } = [];
}

/// <summary>A gap (partial or missing practice) of a scan, open or accepted.</summary>
public sealed class ScanGap
{
    public long Id { get; set; }

    public long ScanId { get; set; }

    public Scan? Scan { get; set; }

    public required string PracticeId { get; set; }

    public required string Domain { get; set; }

    public required string Title { get; set; }

    public required string Status { get; set; }

    public required string Severity { get; set; }

    public string? GapId { get; set; }

    public string? Owner { get; set; }

    public bool Accepted { get; set; }
}

/// <summary>A service row of a scan's per-service matrix.</summary>
public sealed class ScanService
{
    public long Id { get; set; }

    public long ScanId { get; set; }

    public Scan? Scan { get; set; }

    public required string Service { get; set; }

    public required string Path { get; set; }

    public double Readiness { get; set; }

    public int OpenGaps { get; set; }
}
