using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gaplens.Server.Data;

/// <summary>
/// The server's database: Identity users, projects, tokens and scans. One model, two providers, each with its own
/// migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres); <see cref="ServerDatabase"/> picks one.
/// </summary>
public abstract class ServerDb(DbContextOptions options) : IdentityDbContext<GaplensUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in cookies and form tokens: shared by every server on the database, kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectToken> ProjectTokens => Set<ProjectToken>();

    public DbSet<Scan> Scans => Set<Scan>();

    public DbSet<ScanGap> ScanGaps => Set<ScanGap>();

    public DbSet<ScanService> ScanServices => Set<ScanService>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Project>(e =>
        {
            e.ToTable("projects");
            e.HasIndex(p => p.Name).IsUnique();
            e.Property(p => p.Name).HasMaxLength(100);
            e.Property(p => p.GitUrl).HasMaxLength(2000);
            e.Property(p => p.Branch).HasMaxLength(250);
            e.Property(p => p.Schedule).HasMaxLength(100);
            e.Property(p => p.LastJobStatus).HasMaxLength(20);
            e.Property(p => p.LastJobMessage).HasMaxLength(4000);
        });
        builder.Entity<ProjectToken>(e =>
        {
            e.ToTable("project_tokens");
            e.HasIndex(t => t.Hash).IsUnique();
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(20);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.HasOne(t => t.Project).WithMany(p => p.Tokens).HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Scan>(e =>
        {
            e.ToTable("scans");
            e.HasIndex(s => new { s.ProjectId, s.Commit }).IsUnique();
            e.HasIndex(s => new { s.ProjectId, s.SortDate, s.Id });
            e.Property(s => s.Commit).HasMaxLength(64);
            e.Property(s => s.Branch).HasMaxLength(250);
            e.Property(s => s.ReportDate).HasMaxLength(10);
            e.Property(s => s.SortDate).HasMaxLength(10);
            e.Property(s => s.Source).HasMaxLength(20);
            e.Property(s => s.Profile).HasMaxLength(20);
            e.Property(s => s.ToolVersion).HasMaxLength(50);
            e.Property(s => s.ReportSha256).HasMaxLength(64);
            e.HasOne(s => s.Project).WithMany(p => p.Scans).HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ScanGap>(e =>
        {
            e.ToTable("scan_gaps");
            e.HasIndex(g => g.ScanId);
            e.HasIndex(g => g.PracticeId);
            e.Property(g => g.PracticeId).HasMaxLength(100);
            e.Property(g => g.Domain).HasMaxLength(50);
            e.Property(g => g.Title).HasMaxLength(300);
            e.Property(g => g.Status).HasMaxLength(20);
            e.Property(g => g.Severity).HasMaxLength(20);
            e.Property(g => g.GapId).HasMaxLength(50);
            e.Property(g => g.Owner).HasMaxLength(200);
            e.HasOne(g => g.Scan).WithMany(s => s.Gaps).HasForeignKey(g => g.ScanId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ScanService>(e =>
        {
            e.ToTable("scan_services");
            e.HasIndex(s => s.ScanId);
            e.Property(s => s.Service).HasMaxLength(300);
            e.Property(s => s.Path).HasMaxLength(1000);
            e.HasOne(s => s.Scan).WithMany(x => x.Services).HasForeignKey(s => s.ScanId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}

/// <summary>The embedded default: one SQLite file.</summary>
public sealed class SqliteServerDb(DbContextOptions<SqliteServerDb> options) : ServerDb(options);

/// <summary>PostgreSQL, for an organisation (and the Hangfire queue of the workers).</summary>
public sealed class PostgresServerDb(DbContextOptions<PostgresServerDb> options) : ServerDb(options);

/// <summary>Design-time factory for `dotnet ef migrations add X --context SqliteServerDb`.</summary>
public sealed class SqliteServerDbFactory : IDesignTimeDbContextFactory<SqliteServerDb>
{
    public SqliteServerDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteServerDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Design-time factory for `dotnet ef migrations add X --context PostgresServerDb` (no connection is opened).</summary>
public sealed class PostgresServerDbFactory : IDesignTimeDbContextFactory<PostgresServerDb>
{
    public PostgresServerDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresServerDb>().UseNpgsql("Host=localhost;Database=gaplens_design").Options);
}
