using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaplens.History;
using Microsoft.EntityFrameworkCore;

namespace Gaplens.Server.Data;

/// <summary>A token as created: the secret is shown once and never stored.</summary>
public sealed record CreatedToken(string Secret, ProjectToken Token);

/// <summary>The outcome of storing a report: the scan and whether that commit of that project was already stored.</summary>
public sealed record StoredScanResult(Scan Scan, bool Duplicate);

/// <summary>Writes and reads of projects, tokens and scans; every caller (API, worker, command line) goes through here.</summary>
public sealed partial class ServerStore(ServerDb db, TimeProvider clock)
{
    public const string TokenPrefix = "glp_";

    public ServerDb Db => db;

    public static bool IsValidProjectName(string name) => ProjectName().IsMatch(name);

    public async Task<Project> EnsureProjectAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!IsValidProjectName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid project name: lower-case letters, digits, '.', '-' and '_', starting with a letter or digit, at most 100 characters");
        }

        var project = await db.Projects.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (project is not null)
        {
            return project;
        }

        project = new Project { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }

    public Task<Project?> FindProjectAsync(string name, CancellationToken cancellationToken = default) =>
        db.Projects.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);

    public async Task<CreatedToken> CreateTokenAsync(string projectName, string tokenName, CancellationToken cancellationToken = default)
    {
        var project = await EnsureProjectAsync(projectName, cancellationToken);
        var secret = TokenPrefix + Base62(RandomNumberGenerator.GetBytes(30));
        var token = new ProjectToken
        {
            ProjectId = project.Id,
            Name = tokenName,
            Prefix = secret[..12],
            Hash = HashToken(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ProjectTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        token.Project = project;
        return new CreatedToken(secret, token);
    }

    public async Task<IReadOnlyList<ProjectToken>> ListTokensAsync(string? projectName, CancellationToken cancellationToken = default) =>
        await db.ProjectTokens.Include(t => t.Project)
            .Where(t => projectName == null || t.Project!.Name == projectName)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Revokes by id or by the prefix shown in lists; returns the tokens revoked.</summary>
    public async Task<IReadOnlyList<ProjectToken>> RevokeTokensAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        var tokens = int.TryParse(idOrPrefix, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await db.ProjectTokens.Include(t => t.Project).Where(t => t.Id == id).ToListAsync(cancellationToken)
            : await db.ProjectTokens.Include(t => t.Project).Where(t => t.Prefix == idOrPrefix).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var token in tokens.Where(t => t.RevokedAt is null))
        {
            token.RevokedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    /// <summary>The live token with this secret, or null. Tokens are 180-bit random, so a SHA-256 lookup is safe.</summary>
    public async Task<ProjectToken?> VerifyTokenAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100)
        {
            return null;
        }

        var hash = HashToken(secret);
        var token = await db.ProjectTokens.Include(t => t.Project).FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, cancellationToken);
        return token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.Hash), Encoding.ASCII.GetBytes(hash)) ? token : null;
    }

    public async Task TouchTokenAsync(ProjectToken token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ProjectTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
    }

    public static string HashToken(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Stores a parsed report; a commit of a project is stored once (a unique index backs this under concurrency).</summary>
    public async Task<StoredScanResult> StoreScanAsync(Project project, string json, ReportSnapshot snapshot, string source, string? branch, CancellationToken cancellationToken = default)
    {
        if (snapshot.Commit is { } commit && await ExistingAsync(project.Id, commit, cancellationToken) is { } existing)
        {
            return new StoredScanResult(existing, true);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var scan = new Scan
        {
            ProjectId = project.Id,
            Commit = snapshot.Commit,
            Branch = branch,
            ReportDate = snapshot.DateValue is null ? null : snapshot.Date,
            SortDate = snapshot.DateValue is null ? now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : snapshot.Date!,
            ReceivedAt = now,
            Source = source,
            Profile = Truncate(snapshot.Profile, 20),
            ToolVersion = Truncate(snapshot.ToolVersion, 50),
            Overall = snapshot.Overall,
            Target = snapshot.Target,
            OpenGaps = snapshot.OpenGaps.Count(),
            OpenCritical = snapshot.OpenGapCount("critical"),
            DomainScores = JsonSerializer.Serialize(snapshot.Domains.ToDictionary(d => d.Domain, d => d.Score, StringComparer.Ordinal)),
            ReportSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            Report = json,
        };
        foreach (var p in snapshot.Practices.Where(p => p.IsGap))
        {
            scan.Gaps.Add(new ScanGap
            {
                PracticeId = Truncate(p.Id, 100),
                Domain = Truncate(p.Domain, 50),
                Title = Truncate(p.Title, 300),
                Status = Truncate(p.Status, 20),
                Severity = Truncate(p.Severity, 20),
                GapId = p.GapId is null ? null : Truncate(p.GapId, 50),
                Owner = p.Owner is null ? null : Truncate(p.Owner, 200),
                Accepted = p.Accepted is not null,
            });
        }

        var openIds = snapshot.OpenGaps.Select(g => g.GapId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var s in snapshot.Services)
        {
            scan.Services.Add(new ScanService
            {
                Service = Truncate(s.Service, 300),
                Path = Truncate(s.Path, 1000),
                Readiness = s.Readiness,
                OpenGaps = s.Gaps.Count(openIds.Contains),
            });
        }

        db.Scans.Add(scan);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new StoredScanResult(scan, false);
        }
        catch (DbUpdateException) when (snapshot.Commit is { } racedCommit)
        {
            // Another upload or worker stored this commit between the check and the insert.
            db.ChangeTracker.Clear();
            var winner = await ExistingAsync(project.Id, racedCommit, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return new StoredScanResult(winner, true);
        }
    }

    public Task<Scan?> ExistingAsync(int projectId, string commit, CancellationToken cancellationToken = default) =>
        db.Scans.AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId && s.Commit == commit, cancellationToken);

    /// <summary>The scan stored just before this one for the same project (by report date, then id).</summary>
    public Task<Scan?> PreviousAsync(Scan scan, CancellationToken cancellationToken = default) =>
        db.Scans.AsNoTracking()
            .Where(s => s.ProjectId == scan.ProjectId && (string.Compare(s.SortDate, scan.SortDate) < 0 || (s.SortDate == scan.SortDate && s.Id < scan.Id)))
            .OrderByDescending(s => s.SortDate).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static string Base62(byte[] bytes)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var builder = new StringBuilder();
        while (value > 0)
        {
            builder.Insert(0, alphabet[(int)(value % 62)]);
            value /= 62;
        }

        return builder.ToString().PadLeft(41, '0');
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex ProjectName();
}
