using System.Security.Claims;
using Gaplens.History;
using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gaplens.Server.Dashboard;

/// <summary>The dashboard's routes: every page needs a signed-in user; forms carry an antiforgery token.</summary>
public static class DashboardEndpoints
{
    public const string LoginRateLimit = "login";

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", null, status);

    private static PageContext Context(HttpContext http, ServerSettings settings) =>
        new(http.User.Identity?.Name, http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? string.Empty, settings.JobsEnabled);

    public static void Map(IEndpointRouteBuilder app, ServerSettings settings)
    {
        app.MapGet("/static/site.css", () => Results.Text(Pages.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/login", (HttpContext http, string? returnUrl) => Page(Pages.Login(Context(http, settings).FormToken, LocalOrRoot(returnUrl), null)))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/login", LoginAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(LoginRateLimit).ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<GaplensUser> signIn) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            await signIn.SignOutAsync();
            return Results.Redirect("/login");
        }).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();

        var pages = app.MapGroup(string.Empty).RequireAuthorization().ExcludeFromDescription();
        pages.MapGet("/", async (HttpContext http, DashboardData data, CancellationToken ct) =>
            Page(Pages.Portfolio(Context(http, settings), await data.PortfolioAsync(ct))));
        pages.MapGet("/owners", async (HttpContext http, DashboardData data, CancellationToken ct) =>
            Page(Pages.Owners(Context(http, settings), await data.OwnersAsync(ct))));
        pages.MapGet("/projects/{name}", async (string name, long? scan, HttpContext http, ServerStore store, DashboardData data, CancellationToken ct) =>
        {
            var page = Context(http, settings);
            var project = await store.FindProjectAsync(name, ct);
            if (project is null)
            {
                return Page(Pages.Message(page, "Not found", $"No repository named '{name}'."), StatusCodes.Status404NotFound);
            }

            var scans = await data.ScansAsync(project.Id, ct);
            if (scans.Count == 0)
            {
                return Page(Pages.Layout(project.Name, page, Html.Of($"<h1>{project.Name}</h1><p>No scan yet. Upload one from CI, or let the workers scan it{(project.GitUrl is null ? string.Empty : " from " + RepositoryIdentity.WithoutCredentials(project.GitUrl))}.</p>")));
            }

            var shown = scan is { } id ? scans.FirstOrDefault(s => s.Id == id) : scans[^1];
            if (shown is null)
            {
                return Page(Pages.Message(page, "Not found", $"No scan #{scan} of {name}."), StatusCodes.Status404NotFound);
            }

            var report = ReportSnapshot.Parse((await data.ReportAsync(shown.Id, project.Id, ct))!);
            return Page(Pages.Repository(page, project, scans, shown, report));
        });
        pages.MapGet("/projects/{name}/gaps/{practice}", async (string name, string practice, HttpContext http, ServerStore store, DashboardData data, CancellationToken ct) =>
        {
            var page = Context(http, settings);
            var project = await store.FindProjectAsync(name, ct);
            var view = project is null ? null : await data.GapAsync(project, practice, ct);
            return view is null
                ? Page(Pages.Message(page, "Not found", $"No practice '{practice}' in the latest scan of '{name}'."), StatusCodes.Status404NotFound)
                : Page(Pages.Gap(page, view));
        });
        pages.MapGet("/projects/{name}/diff", async (string name, long? from, long? to, HttpContext http, ServerStore store, DashboardData data, CancellationToken ct) =>
        {
            var page = Context(http, settings);
            var project = await store.FindProjectAsync(name, ct);
            if (project is null || from is null || to is null)
            {
                return Page(Pages.Message(page, "Not found", "Choose a repository and two of its scans."), StatusCodes.Status404NotFound);
            }

            var before = await data.ReportAsync(from.Value, project.Id, ct);
            var after = await data.ReportAsync(to.Value, project.Id, ct);
            if (before is null || after is null)
            {
                return Page(Pages.Message(page, "Not found", $"Scans #{from} and #{to} must both belong to {name}."), StatusCodes.Status404NotFound);
            }

            return Page(Pages.Diff(page, project, ReportDiff.Compute(ReportSnapshot.Parse(before), ReportSnapshot.Parse(after), $"#{from}", $"#{to}")));
        });
        pages.MapPost("/projects/{name}/scan-now", async (string name, HttpContext http, IAntiforgery antiforgery, ServerStore store, CancellationToken ct) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            var project = await store.FindProjectAsync(name, ct);
            if (project?.GitUrl is null || !settings.JobsEnabled)
            {
                return Page(Pages.Message(Context(http, settings), "Not possible", "Only repositories with a URL on a server with PostgreSQL can be scanned by workers."), StatusCodes.Status400BadRequest);
            }

            JobQueue.Enqueue(http.RequestServices.GetRequiredService<JobStorage>(), project);
            return Results.Redirect($"/projects/{Uri.EscapeDataString(project.Name)}");
        }).DisableAntiforgery();

        if (!settings.JobsEnabled)
        {
            pages.MapGet("/jobs", (HttpContext http) => Page(Pages.JobsUnavailable(Context(http, settings))));
        }
    }

    private static async Task<IResult> LoginAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<GaplensUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Page(Pages.Login(antiforgery.GetAndStoreTokens(http).RequestToken ?? string.Empty, "/", "The form expired; please sign in again."), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync();
        var user = form["username"].ToString();
        var password = form["password"].ToString();
        var returnUrl = LocalOrRoot(form["returnUrl"].ToString());
        var result = user.Length is > 0 and <= 256 && password.Length is > 0 and <= 1024
            ? await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true)
            : SignInResult.Failed;
        if (result.Succeeded)
        {
            return Results.Redirect(returnUrl);
        }

        var message = result.IsLockedOut ? "Too many failed attempts: this account is locked for 15 minutes." : "Wrong user name or password.";
        return Page(Pages.Login(antiforgery.GetAndStoreTokens(http).RequestToken ?? string.Empty, returnUrl, message), StatusCodes.Status401Unauthorized);
    }

    /// <summary>Only a path on this site ("/x", not "//host" or "/\host") is a place to return to after signing in.</summary>
    public static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Any(char.IsControl) ? u : "/";

    public static string? UserName(ClaimsPrincipal user) => user.Identity?.Name;
}
