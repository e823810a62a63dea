using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gaplens.History;

namespace Gaplens.Cli;

/// <summary>`gaplens upload report.json --server URL --project NAME`: sends a JSON report to a Gaplens server from CI.</summary>
public static class UploadCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var report = new Argument<string>("report") { Description = "The JSON report (gaplens scan --format json)." };
        var server = new Option<string?>("--server") { Description = "Server URL, e.g. https://gaplens.example.com (or GAPLENS_SERVER)." };
        var project = new Option<string>("--project") { Description = "Project the token belongs to.", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Branch the report is of (shown on the dashboard)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "File holding the upload token (else the GAPLENS_TOKEN environment variable)." };
        var command = new Command("upload", "Upload a JSON report to a Gaplens server with the project's token.") { report, server, project, branch, tokenFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = new Terminal(error, quiet: false);
            var url = parse.GetValue(server) ?? Environment.GetEnvironmentVariable("GAPLENS_SERVER");
            if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                terminal.Error("give the server's http(s) URL with --server or GAPLENS_SERVER.");
                return ExitCodes.Usage;
            }

            var token = parse.GetValue(tokenFile) is { } file
                ? File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim() : null
                : Environment.GetEnvironmentVariable("GAPLENS_TOKEN")?.Trim();
            if (string.IsNullOrEmpty(token))
            {
                terminal.Error("no upload token: set GAPLENS_TOKEN (a CI secret) or give --token-file.");
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(report)!;
            if (!File.Exists(path))
            {
                terminal.Error($"'{path}' does not exist.");
                return ExitCodes.Usage;
            }

            var json = await File.ReadAllTextAsync(path, cancellationToken);
            var name = parse.GetValue(project)!;
            var target = new Uri(baseUri, $"api/v1/projects/{Uri.EscapeDataString(name)}/scans" + (parse.GetValue(branch) is { } b ? "?branch=" + Uri.EscapeDataString(b) : string.Empty));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("gaplens", Reports.ToolInfo.Version));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                terminal.Error($"could not reach {baseUri}: {ex.Message}");
                return ExitCodes.ScanError;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    terminal.Error($"the server refused the report: {(int)response.StatusCode} {Describe(body)}");
                    return ExitCodes.ScanError;
                }

                output.WriteLine(Summary(body, baseUri));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static string Describe(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            var root = document.RootElement;
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var errors = root.TryGetProperty("errors", out var e) ? string.Join("; ", e.EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString()))) : null;
            return TextSafety.Terminal(string.Join(": ", new[] { title, detail, errors }.Where(s => !string.IsNullOrEmpty(s))));
        }
        catch (JsonException)
        {
            return TextSafety.Terminal(problem.Length > 300 ? problem[..300] : problem);
        }
    }

    private static string Summary(string body, Uri baseUri)
    {
        using var document = JsonDocument.Parse(body);
        var r = document.RootElement;
        var id = r.GetProperty("id").GetInt64();
        var duplicate = r.GetProperty("duplicate").GetBoolean();
        var text = new StringBuilder(duplicate ? $"Already stored as scan #{id}" : $"Stored scan #{id}");
        text.Append($": readiness {r.GetProperty("overall").GetDouble()}/{r.GetProperty("target").GetDouble()}, {r.GetProperty("openGaps").GetInt32()} open gaps ({r.GetProperty("openCritical").GetInt32()} critical).");
        if (r.TryGetProperty("changes", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            text.Append($" Since scan #{r.GetProperty("previousScan").GetInt64()}: {c.GetProperty("new").GetInt32()} new, {c.GetProperty("regressed").GetInt32()} regressed, {c.GetProperty("closed").GetInt32()} closed.");
        }

        text.Append($" {new Uri(baseUri, r.GetProperty("url").GetString()!.TrimStart('/'))}");
        return text.ToString();
    }
}
