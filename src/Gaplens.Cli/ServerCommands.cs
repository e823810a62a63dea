using System.CommandLine;
using System.Security.Cryptography;
using Gaplens.History;
using Gaplens.Server;
using Gaplens.Server.Data;
using Gaplens.Server.Jobs;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Gaplens.Cli;

/// <summary>`gaplens serve`, `gaplens worker` and `gaplens server ...`: thin wrappers over Gaplens.Server.</summary>
public static class ServerCommands
{
    private static Option<string?> DbOption() => new("--db")
    {
        Description = $"Server database: a SQLite file (default {DataPaths.ServerDatabase()}) or a PostgreSQL connection string \"Host=...;Database=...;Username=...\" (or GAPLENS_DB).",
    };

    private static ServerDatabase Database(ParseResult parse, Option<string?> db)
    {
        var value = parse.GetValue(db);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = Environment.GetEnvironmentVariable("GAPLENS_DB");
        }

        return ServerDatabase.Parse(string.IsNullOrWhiteSpace(value) ? DataPaths.ServerDatabase() : value);
    }

    /// <summary>Runs an action against the database; a database that cannot be reached is exit 3 with one line.</summary>
    private static async Task<int> Guard(Terminal terminal, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException or TimeoutException
                                       || ex.InnerException is NpgsqlException or System.Net.Sockets.SocketException)
        {
            terminal.Error($"the database could not be used: {(ex.InnerException ?? ex).Message}");
            return ExitCodes.ScanError;
        }
        catch (ArgumentException ex)
        {
            terminal.Error(ex.Message);
            return ExitCodes.Usage;
        }
    }

    public static Command Serve(TextWriter output, TextWriter error)
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';'.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var db = DbOption();
        var maxReport = new Option<long>("--max-report-size") { Description = "Largest report the upload API accepts, in bytes.", DefaultValueFactory = _ => 10 * 1024 * 1024 };
        var worker = new Option<bool>("--worker") { Description = "Also process org-wide scan jobs in this process (PostgreSQL only)." };
        var cert = new Option<string?>("--tls-cert") { Description = "PEM certificate for https:// addresses in --urls (HTTP is then redirected and HSTS sent)." };
        var key = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert (when not in the same file)." };
        var command = new Command("serve", "Run the team server: REST API (/openapi/v1.json), dashboard, and with PostgreSQL the org-wide scan queue.") { urls, db, maxReport, worker, cert, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = new Terminal(error, quiet: false);
            if (parse.GetValue(maxReport) < 1024)
            {
                terminal.Error("--max-report-size must be at least 1024 bytes.");
                return ExitCodes.Usage;
            }

            return await Guard(terminal, async () =>
            {
                var database = Database(parse, db);
                if (parse.GetValue(worker) && !JobQueue.IsAvailable(database))
                {
                    terminal.Error("--worker needs PostgreSQL: the job queue lives there.");
                    return ExitCodes.Usage;
                }

                var settings = new ServerSettings(database)
                {
                    Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    MaxReportBytes = parse.GetValue(maxReport),
                    RunWorker = parse.GetValue(worker),
                    TlsCertificate = parse.GetValue(cert),
                    TlsKey = parse.GetValue(key),
                };
                if (settings.TlsCertificate is { } certificate && (!File.Exists(certificate) || (settings.TlsKey is { } keyFile && !File.Exists(keyFile))))
                {
                    terminal.Error("--tls-cert and --tls-key must be existing PEM files.");
                    return ExitCodes.Usage;
                }

                await using var app = await ServerApp.BuildAsync(settings);
                await using (var admin = await ServerAdmin.OpenAsync(database))
                {
                    if ((await admin.UsersAsync()).Count == 0)
                    {
                        terminal.Line("No dashboard user yet: create one with `gaplens server admin create --user NAME" + (parse.GetValue(db) is null ? string.Empty : " --db ...") + "`.");
                    }
                }

                try
                {
                    await app.StartAsync(cancellationToken);
                }
                catch (IOException ex)
                {
                    terminal.Error($"could not listen on {string.Join(", ", settings.Urls)}: {ex.Message}");
                    return ExitCodes.ScanError;
                }

                output.WriteLine($"Gaplens server on {string.Join(", ", settings.Urls)} ({database.Description}). Dashboard: /  API: /openapi/v1.json{(settings.JobsEnabled ? "  Jobs: /jobs" : string.Empty)}. Ctrl+C stops it.");
                output.Flush();
                await app.WaitForShutdownAsync(cancellationToken);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command Worker(TextWriter output, TextWriter error)
    {
        var db = DbOption();
        var workers = new Option<int>("--workers") { Description = "Jobs processed at the same time by this process.", DefaultValueFactory = _ => 2 };
        var workDir = new Option<string?>("--work-dir") { Description = "Folder for the clones (default: a gaplens-worker folder under the temporary folder)." };
        var retries = new Option<int>("--retries") { Description = "Retries of a failed job, with back-off (1, 5, 15 minutes…), before it stays failed.", DefaultValueFactory = _ => 3 };
        var command = new Command("worker", "Process org-wide scan jobs from the PostgreSQL queue: clone, scan, store. Run as many as you like.") { db, workers, workDir, retries };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var terminal = new Terminal(error, quiet: false);
            if (parse.GetValue(workers) is < 1 or > 64 || parse.GetValue(retries) is < 0 or > 20)
            {
                terminal.Error("--workers must be 1-64 and --retries 0-20.");
                return ExitCodes.Usage;
            }

            return await Guard(terminal, async () =>
            {
                var database = Database(parse, db);
                if (!JobQueue.IsAvailable(database))
                {
                    terminal.Error("workers take jobs from the PostgreSQL queue: give --db (or GAPLENS_DB) a PostgreSQL connection string.");
                    return ExitCodes.Usage;
                }

                int[] delays = [60, 300, 900];
                var settings = new WorkerSettings
                {
                    WorkDirectory = parse.GetValue(workDir) ?? Path.Combine(Path.GetTempPath(), "gaplens-worker"),
                    RetryAttempts = parse.GetValue(retries),
                    RetryDelaysSeconds = Enumerable.Range(0, parse.GetValue(retries)).Select(i => delays[Math.Min(i, delays.Length - 1)]).ToList(),
                };
                using var host = await WorkerHost.BuildAsync(database, settings, parse.GetValue(workers));
                output.WriteLine($"Gaplens worker on {database.Description}, {parse.GetValue(workers)} at a time, queue '{ScanJob.Queue}'. Ctrl+C stops it after the running jobs are handed back.");
                output.Flush();
                await host.RunAsync(cancellationToken);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    public static Command Server(TextWriter output, TextWriter error)
    {
        var command = new Command("server", "Administer the team server's database: dashboard users, upload tokens, repositories for the workers.");
        command.Subcommands.Add(Admin(output, error));
        command.Subcommands.Add(Token(output, error));
        command.Subcommands.Add(Repo(output, error));
        var name = new Argument<string>("name") { Description = "Repository (project) name." };
        var db = DbOption();
        var scan = new Command("scan", "Enqueue a scan of a repository now (the workers pick it up).") { name, db };
        scan.SetAction(async (parse, _) => await Run(error, output, parse, db, admin => admin.EnqueueScanAsync(parse.GetValue(name)!)));
        command.Subcommands.Add(scan);
        return command;
    }

    private static async Task<int> Run(TextWriter error, TextWriter output, ParseResult parse, Option<string?> db, Func<ServerAdmin, Task<AdminResult>> action)
    {
        var terminal = new Terminal(error, quiet: false);
        return await Guard(terminal, async () =>
        {
            await using var admin = await ServerAdmin.OpenAsync(Database(parse, db));
            var result = await action(admin);
            if (!result.Ok)
            {
                terminal.Error(result.Message);
                return ExitCodes.Usage;
            }

            output.WriteLine(result.Message);
            return ExitCodes.Ok;
        });
    }

    private static Command Admin(TextWriter output, TextWriter error)
    {
        var command = new Command("admin", "Dashboard users (ASP.NET Core Identity: hashed passwords, lockout).");
        foreach (var verb in new[] { "create", "password" })
        {
            var user = new Option<string>("--user") { Description = "User name.", Required = true };
            var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (else GAPLENS_ADMIN_PASSWORD, else one is generated and printed once)." };
            var db = DbOption();
            var sub = new Command(verb, verb == "create" ? "Create a dashboard user (the first administrator)." : "Set a user's password (ends its sessions, lifts a lockout).") { user, stdin, db };
            sub.SetAction(async (parse, _) =>
            {
                string? password = parse.GetValue(stdin) ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : Environment.GetEnvironmentVariable("GAPLENS_ADMIN_PASSWORD");
                var generated = string.IsNullOrEmpty(password);
                if (generated)
                {
                    password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
                }

                return await Run(error, output, parse, db, async admin =>
                {
                    var result = verb == "create" ? await admin.CreateUserAsync(parse.GetValue(user)!, password!) : await admin.SetPasswordAsync(parse.GetValue(user)!, password!);
                    return result.Ok && generated ? result with { Message = result.Message + $" Password (shown once): {password}" } : result;
                });
            });
            command.Subcommands.Add(sub);
        }

        var listDb = DbOption();
        var list = new Command("list", "List dashboard users.") { listDb };
        list.SetAction(async (parse, _) => await Run(error, output, parse, listDb, async admin =>
        {
            var users = await admin.UsersAsync();
            return new AdminResult(true, users.Count == 0 ? "No users." : string.Join('\n', users));
        }));
        command.Subcommands.Add(list);
        return command;
    }

    private static Command Token(TextWriter output, TextWriter error)
    {
        var command = new Command("token", "Upload tokens: one project each, stored hashed, shown once.");
        var project = new Option<string>("--project") { Description = "Project (repository) name; created if new.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "ci" };
        var db = DbOption();
        var create = new Command("create", "Create an upload token for a project; prints only the token on stdout.") { project, name, db };
        create.SetAction(async (parse, _) =>
        {
            var terminal = new Terminal(error, quiet: false);
            return await Guard(terminal, async () =>
            {
                await using var admin = await ServerAdmin.OpenAsync(Database(parse, db));
                var created = await admin.Store.CreateTokenAsync(parse.GetValue(project)!, parse.GetValue(name)!);
                output.WriteLine(created.Secret);
                terminal.Line($"Token #{created.Token.Id} ({created.Token.Prefix}…) for project '{created.Token.Project!.Name}'. It is shown once: store it as a CI secret (GAPLENS_TOKEN).");
                return ExitCodes.Ok;
            });
        });
        command.Subcommands.Add(create);

        var listProject = new Option<string?>("--project") { Description = "Only this project's tokens." };
        var listDb = DbOption();
        var list = new Command("list", "List tokens (id, prefix, project, name, created, last used, revoked).") { listProject, listDb };
        list.SetAction(async (parse, _) => await Run(error, output, parse, listDb, async admin =>
        {
            var tokens = await admin.Store.ListTokensAsync(parse.GetValue(listProject));
            static string Day(DateTime? d) => d?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "–";
            var lines = tokens.Select(t => $"{t.Id,4}  {t.Prefix,-13} {t.Project!.Name,-24} {t.Name,-12} created {Day(t.CreatedAt)}  used {Day(t.LastUsedAt)}  {(t.RevokedAt is null ? "active" : "revoked " + Day(t.RevokedAt))}");
            return new AdminResult(true, tokens.Count == 0 ? "No tokens." : string.Join('\n', lines));
        }));
        command.Subcommands.Add(list);

        var which = new Argument<string>("token") { Description = "Token id or prefix (from `token list`)." };
        var revokeDb = DbOption();
        var revoke = new Command("revoke", "Revoke a token: uploads with it are refused from now on.") { which, revokeDb };
        revoke.SetAction(async (parse, _) => await Run(error, output, parse, revokeDb, async admin =>
        {
            var revoked = await admin.Store.RevokeTokensAsync(parse.GetValue(which)!);
            return revoked.Count == 0
                ? new AdminResult(false, $"no token '{parse.GetValue(which)}' (`gaplens server token list`)")
                : new AdminResult(true, string.Join('\n', revoked.Select(t => $"Revoked token #{t.Id} ({t.Prefix}…) of '{t.Project!.Name}'.")));
        }));
        command.Subcommands.Add(revoke);
        return command;
    }

    private static Command Repo(TextWriter output, TextWriter error)
    {
        var command = new Command("repo", "Repositories the workers clone and scan (org-wide scans).");
        var name = new Argument<string>("name") { Description = "Project name (lower-case letters, digits, '.', '-', '_')." };
        var url = new Option<string>("--url") { Description = "Clone URL (https://, ssh, git@host:org/repo, file://).", Required = true };
        var branch = new Option<string?>("--branch") { Description = "Branch to scan (default: the repository's default branch)." };
        var schedule = new Option<string?>("--schedule") { Description = "Cron expression (UTC) of the recurring scan, e.g. \"0 3 * * *\"." };
        var db = DbOption();
        var add = new Command("add", "Add or update a repository and its recurring scan.") { name, url, branch, schedule, db };
        add.SetAction(async (parse, _) => await Run(error, output, parse, db, admin =>
            admin.SetRepositoryAsync(parse.GetValue(name)!, parse.GetValue(url)!, parse.GetValue(branch), parse.GetValue(schedule))));
        command.Subcommands.Add(add);

        var listDb = DbOption();
        var list = new Command("list", "List projects with their URL, branch, schedule and last job.") { listDb };
        list.SetAction(async (parse, _) => await Run(error, output, parse, listDb, async admin =>
        {
            var projects = await admin.RepositoriesAsync();
            var lines = projects.Select(p => $"{p.Name,-24} {(p.GitUrl is null ? "(uploads only)" : RepositoryIdentity.WithoutCredentials(p.GitUrl))}{(p.Branch is null ? string.Empty : " @" + p.Branch)}  {p.Schedule ?? "no schedule"}  {p.LastJobStatus ?? string.Empty} {TextSafety.Terminal(p.LastJobMessage)}");
            return new AdminResult(true, projects.Count == 0 ? "No projects." : string.Join('\n', lines));
        }));
        command.Subcommands.Add(list);
        return command;
    }
}
