using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Gaplens.History;
using Gaplens.Server.Dashboard;
using Gaplens.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Gaplens.Server.Api;

/// <summary>Changes since the previous scan of the project, as the upload answer states them.</summary>
public sealed record ChangeCounts(int New, int Regressed, int Worsened, int Improved, int Closed);

/// <summary>The answer to an upload.</summary>
public sealed record UploadResult(long Id, string Project, string? Commit, bool Duplicate, string Url, double Overall, double Target, int OpenGaps, int OpenCritical, long? PreviousScan, ChangeCounts? Changes);

public sealed record ScanInfo(long Id, string? Commit, string? Branch, string Date, string Source, string Profile, double Overall, double Target, int OpenGaps, int OpenCritical);

public sealed record ProjectInfo(string Name, string? GitUrl, string? Branch, string? Schedule, ScanInfo? Latest);

/// <summary>The REST API: uploads with a project token, reads for signed-in users. Documented at /openapi/v1.json.</summary>
public static class ApiEndpoints
{
    public const string UploadRateLimit = "upload";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Gaplens");
        api.MapPost("/projects/{project}/scans", UploadAsync)
            .WithName("UploadScan")
            .WithSummary("Upload a JSON report of a project (CI). Authorization: Bearer <project token>.")
            .WithDescription("The body is the report written by `gaplens scan --format json`. It is validated against the report schema and limited in size. A commit already stored for the project is not stored again (200 with duplicate=true).")
            .Accepts<JsonElement>("application/json")
            .Produces<UploadResult>(StatusCodes.Status201Created)
            .Produces<UploadResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .Produces(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(UploadRateLimit);

        var read = api.MapGroup(string.Empty).RequireAuthorization();
        read.MapGet("/projects", ProjectsAsync).WithName("ListProjects").WithSummary("Every project with its latest scan (signed-in users).");
        read.MapGet("/projects/{project}/scans", ScansAsync).WithName("ListScans").WithSummary("The scans of a project, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/projects/{project}/scans/{id:long}/report", ReportAsync).WithName("GetReport").WithSummary("A stored JSON report as it was uploaded.")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/projects/{project}/diff", DiffAsync).WithName("DiffScans").WithSummary("Gaps closed, new and regressed, and score deltas, between two scans of a project (as `gaplens diff --format json`).")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);

    internal static async Task<IResult> UploadAsync(string project, [StringLength(250)] string? branch, HttpContext http, ServerStore store, ReportValidator validator, ServerSettings settings, CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "Token required", "Send the project's upload token as 'Authorization: Bearer <token>' (gaplens server token create --project NAME).");
        }

        var token = await store.VerifyTokenAsync(authorization["Bearer ".Length..].Trim(), cancellationToken);
        if (token is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problem(StatusCodes.Status401Unauthorized, "Invalid token", "The token is unknown or revoked.");
        }

        if (!string.Equals(token.Project!.Name, project, StringComparison.Ordinal))
        {
            return Problem(StatusCodes.Status403Forbidden, "Wrong project", "This token may upload to its own project only.");
        }

        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "JSON expected", "Send the report with 'Content-Type: application/json'.");
        }

        var tooLarge = Problem(StatusCodes.Status413PayloadTooLarge, "Report too large", $"Reports are limited to {settings.MaxReportBytes} bytes.");
        if (http.Request.ContentLength > settings.MaxReportBytes)
        {
            return tooLarge;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxReportBytes + 1;
        }

        string json;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > settings.MaxReportBytes)
                {
                    return tooLarge;
                }

                buffer.Write(chunk, 0, read);
            }

            json = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
        catch (DecoderFallbackException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not UTF-8", "The report is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", ex.Message);
        }

        var errors = validator.Validate(json);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["report"] = errors.ToArray() }, "The report does not follow spec/report.schema.json.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid report");
        }

        ReportSnapshot snapshot;
        try
        {
            snapshot = ReportSnapshot.Parse(json);
        }
        catch (ReportFormatException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["report"] = [ex.Message] }, ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid report");
        }

        var stored = await store.StoreScanAsync(token.Project, json, snapshot, "upload", string.IsNullOrWhiteSpace(branch) ? null : branch.Trim()[..Math.Min(250, branch.Trim().Length)], cancellationToken);
        await store.TouchTokenAsync(token, cancellationToken);
        var scan = stored.Scan;
        var previous = await store.PreviousAsync(scan, cancellationToken);
        ChangeCounts? changes = null;
        if (previous is not null)
        {
            var diff = ReportDiff.Compute(ReportSnapshot.Parse(previous.Report), stored.Duplicate ? ReportSnapshot.Parse(scan.Report) : snapshot, $"#{previous.Id}", $"#{scan.Id}");
            changes = new ChangeCounts(diff.Of(ChangeKind.New).Count(), diff.Of(ChangeKind.Regressed).Count(), diff.Of(ChangeKind.Worsened).Count(), diff.Of(ChangeKind.Improved).Count(), diff.Of(ChangeKind.Closed).Count());
        }

        var result = new UploadResult(scan.Id, project, scan.Commit, stored.Duplicate, $"/projects/{project}?scan={scan.Id}", scan.Overall, scan.Target, scan.OpenGaps, scan.OpenCritical, previous?.Id, changes);
        return stored.Duplicate ? Results.Ok(result) : Results.Created(result.Url, result);
    }

    private static ScanInfo Info(ScanSummary s) => new(s.Id, s.Commit, s.Branch, s.SortDate, s.Source, s.Profile, s.Overall, s.Target, s.OpenGaps, s.OpenCritical);

    internal static async Task<IResult> ProjectsAsync(DashboardData data, CancellationToken cancellationToken) =>
        Results.Ok((await data.PortfolioAsync(cancellationToken)).Select(r => new ProjectInfo(r.Project.Name, r.Project.GitUrl is null ? null : RepositoryIdentity.WithoutCredentials(r.Project.GitUrl), r.Project.Branch, r.Project.Schedule, r.Latest is null ? null : Info(r.Latest))).ToList());

    internal static async Task<IResult> ScansAsync(string project, ServerStore store, DashboardData data, CancellationToken cancellationToken) =>
        await store.FindProjectAsync(project, cancellationToken) is { } p
            ? Results.Ok((await data.ScansAsync(p.Id, cancellationToken)).Select(Info).ToList())
            : Problem(StatusCodes.Status404NotFound, "Unknown project", $"No project named '{project}'.");

    internal static async Task<IResult> ReportAsync(string project, long id, ServerStore store, DashboardData data, CancellationToken cancellationToken)
    {
        var p = await store.FindProjectAsync(project, cancellationToken);
        var report = p is null ? null : await data.ReportAsync(id, p.Id, cancellationToken);
        return report is null ? Problem(StatusCodes.Status404NotFound, "Unknown scan", $"No scan #{id} of '{project}'.") : Results.Text(report, "application/json", Encoding.UTF8);
    }

    internal static async Task<IResult> DiffAsync(string project, long from, long to, ServerStore store, DashboardData data, CancellationToken cancellationToken)
    {
        var p = await store.FindProjectAsync(project, cancellationToken);
        var before = p is null ? null : await data.ReportAsync(from, p.Id, cancellationToken);
        var after = p is null ? null : await data.ReportAsync(to, p.Id, cancellationToken);
        if (before is null || after is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown scan", $"Scans #{from} and #{to} must both belong to '{project}'.");
        }

        return Results.Text(DiffWriter.Json(ReportDiff.Compute(ReportSnapshot.Parse(before), ReportSnapshot.Parse(after), $"#{from}", $"#{to}")), "application/json", Encoding.UTF8);
    }
}
