using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Gaplens.Server.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gaplens.Server.Tests;

/// <summary>`gaplens serve` in process, on a free loopback port, against a real database.</summary>
public sealed partial class RunningServer : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebApplication app;

    private RunningServer(TestDatabase database, WebApplication app, Uri address)
    {
        TestDatabase = database;
        this.app = app;
        Address = address;
    }

    public TestDatabase TestDatabase { get; }

    public ServerDatabase Database => TestDatabase.Database;

    public Uri Address { get; }

    public static async Task<RunningServer> StartAsync(string provider, Func<ServerSettings, ServerSettings>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = new ServerSettings(database.Database) { Urls = ["http://127.0.0.1:0"] };
        settings = configure?.Invoke(settings) ?? settings;
        var app = await ServerApp.BuildAsync(settings, logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore", LogLevel.Error).AddFilter("Hangfire", LogLevel.Error));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var admin = await ServerAdmin.OpenAsync(database.Database))
        {
            Assert.True((await admin.CreateUserAsync(AdminUser, AdminPassword)).Ok);
        }

        return new RunningServer(database, app, new Uri(address));
    }

    public T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public async Task<string> CreateTokenAsync(string project)
    {
        await using var admin = await ServerAdmin.OpenAsync(Database);
        return (await admin.Store.CreateTokenAsync(project, "ci")).Secret;
    }

    public async Task<TResult> WithDbAsync<TResult>(Func<ServerDb, Task<TResult>> query)
    {
        await using var db = Database.CreateContext();
        return await query(db);
    }

    public HttpClient Client(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Address };

    public Task<HttpResponseMessage> UploadAsync(HttpClient client, string project, string? token, string body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{project}/scans") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client.SendAsync(request);
    }

    /// <summary>A client signed in through the login form (antiforgery token and all).</summary>
    public async Task<HttpClient> SignedInAsync(string user = AdminUser, string password = AdminPassword)
    {
        var client = Client();
        var response = await LoginAsync(client, user, password, "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password, string returnUrl)
    {
        var form = await client.GetStringAsync("/login");
        var token = FormToken().Match(form).Groups[1].Value;
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await TestDatabase.DisposeAsync();
    }
}
