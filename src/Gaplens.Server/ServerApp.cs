using System.Security.Cryptography.X509Certificates;
using System.Threading.RateLimiting;
using Gaplens.Server.Api;
using Gaplens.Server.Dashboard;
using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Gaplens.Server.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server;

/// <summary>`gaplens serve`: the REST API, the dashboard and (with PostgreSQL) the job queue, in one ASP.NET Core app.</summary>
public static class ServerApp
{
    public static async Task<WebApplication> BuildAsync(ServerSettings settings, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Gaplens.Server", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = Math.Max(settings.MaxReportBytes + 1, 1024 * 1024);
            if (settings.TlsCertificate is { } certificate)
            {
                k.ConfigureHttpsDefaults(https => https.ServerCertificate = X509Certificate2.CreateFromPemFile(certificate, settings.TlsKey));
            }
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // A commit stored by two uploads or workers at once is an expected race, answered as a duplicate: not an error to log.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Update", LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical);
        // The cookie and form-token keys live in the server's database (README); the framework warns they are not encrypted at rest.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(await ReportValidator.LoadAsync());
        settings.Database.Register(services);
        services.AddScoped<ServerStore>();
        services.AddScoped<DashboardData>();
        AddIdentity(services);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gaplens.form";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddDataProtection().SetApplicationName("gaplens-server").PersistKeysToDbContext<ServerDb>();
        services.AddAuthorization();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ApiEndpoints.UploadRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                UploadPartition(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.UploadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(DashboardEndpoints.LoginRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Gaplens server API";
            document.Info.Description = "Upload Gaplens JSON reports from CI with a project token (Authorization: Bearer), and read projects, scans and diffs as a signed-in user.";
            return Task.CompletedTask;
        }));
        services.AddProblemDetails();
        services.AddValidation();

        JobStorage? storage = null;
        if (settings.JobsEnabled)
        {
            storage = JobQueue.CreateStorage(settings.Database);
            JobQueue.AddJobQueue(services, storage);
            services.AddScoped<ScanJob>();
            if (settings.RunWorker)
            {
                JobQueue.AddWorker(services, settings.Worker, Math.Max(1, Environment.ProcessorCount), $"gaplens-serve-{Environment.MachineName}");
            }
        }

        var app = builder.Build();
        app.Use((context, next) => SecurityHeaders.Apply(context, next));
        if (settings.Urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            // Served over TLS: plain HTTP requests are redirected, and SecurityHeaders adds HSTS to HTTPS responses.
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/healthz", async (ServerDb db, CancellationToken ct) =>
                await db.Database.CanConnectAsync(ct) ? Results.Text("ok") : Results.Text("database unavailable", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous().WithName("Health").WithSummary("200 when the database answers.");
        ApiEndpoints.Map(app);
        DashboardEndpoints.Map(app, settings);
        if (storage is not null)
        {
            app.MapHangfireDashboard("/jobs", new DashboardOptions
            {
                Authorization = [new SignedInUser()],
                AsyncAuthorization = [],
                DashboardTitle = "Gaplens scan jobs",
                AppPath = "/",
                DisplayStorageConnectionString = false,
            }, storage).RequireAuthorization();
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServerDb>();
            await ServerDatabase.MigrateAsync(db);
            if (storage is not null)
            {
                foreach (var project in await db.Projects.AsNoTracking().Where(p => p.GitUrl != null).ToListAsync())
                {
                    JobQueue.Schedule(storage, project);
                }
            }
        }

        return app;
    }

    /// <summary>Uploads are limited per token (its hash), or per client address when there is none.</summary>
    private static string UploadPartition(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        return authorization.Length > 7 ? "t:" + ServerStore.HashToken(authorization[7..].Trim())[..16] : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>
    /// ASP.NET Core Identity: PBKDF2 password hashes with per-user salt (rehashed when the format improves), lockout
    /// after repeated failures, and a security stamp that ends sessions when a password changes.
    /// </summary>
    public static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
        }).AddIdentityCookies();
        services.AddIdentityCore<GaplensUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<ServerDb>()
            .AddSignInManager();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "gaplens.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Hangfire's dashboard is mapped behind RequireAuthorization; this filter says the same inside Hangfire.</summary>
    private sealed class SignedInUser : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.Identity?.IsAuthenticated == true;
    }
}
