using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>
/// Generated hostile trees and configurations, scanned in process through the command line's entry point: deep
/// nesting in every parsed format, huge lines, odd names (control characters, invalid UTF-8 bytes), FIFOs and
/// sockets, invalid encodings, links in and out of the root and loops, hostile options. Every case must end in a
/// report or a clean error with a documented exit code, never a crash, a hang or a stack trace. Cases are seeded:
/// a failure names its seed, and GAPLENS_FUZZ_SEED=&lt;seed&gt; GAPLENS_FUZZ_CASES=1 replays it.
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly TimeSpan CaseBound = TimeSpan.FromSeconds(60);

    [Fact]
    public void Hostile_trees_and_configurations_end_in_a_report_or_a_clean_error()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("GAPLENS_FUZZ_CASES"), out var n) ? n : 2000;
        var firstSeed = int.TryParse(Environment.GetEnvironmentVariable("GAPLENS_FUZZ_SEED"), out var s) ? s : 1;
        var outside = Directory.CreateTempSubdirectory("gaplens-fuzz-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "AKIAIOSFODNN7EXAMPLE outside the root");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            // Two workers: the CI machine's two cores. Each case is independent and seeded, so the order does not matter.
            Parallel.For(firstSeed, firstSeed + cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (seed, state) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var outcome = RunCase(seed, outside);
                if (clock.Elapsed > TimeSpan.FromSeconds(2) && Environment.GetEnvironmentVariable("GAPLENS_FUZZ_SLOW") is { } slow)
                {
                    File.AppendAllText(slow, $"{seed} {clock.Elapsed.TotalSeconds:0.0}\n");
                }

                if (outcome is { } failure)
                {
                    failures.Add(failure);
                    if (failures.Count >= 5)
                    {
                        state.Stop();
                    }
                }
            });
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }

        Assert.True(failures.IsEmpty, string.Join("\n\n", failures.OrderBy(f => f, StringComparer.Ordinal)));
    }

    private static string? RunCase(int seed, string outside)
    {
        var random = new Random(seed);
        var root = Directory.CreateTempSubdirectory("gaplens-fuzz-").FullName;
        var story = new List<string>();
        try
        {
            var entries = random.Next(1, 7);
            for (var i = 0; i < entries; i++)
            {
                AddEntry(random, root, outside, story);
            }

            var args = Arguments(random, root, story);
            story.Add("args: " + string.Join(' ', args.Select(a => a.Length > 80 ? a[..80] + "…" : a)));
            CliRun? result = null;
            Exception? thrown = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = CliRun.Of(args);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }
            }) { IsBackground = true };
            thread.Start();
            if (!thread.Join(CaseBound))
            {
                return Describe(seed, story, "did not finish in time (a hang)");
            }

            if (thrown is not null || result is null)
            {
                return Describe(seed, story, $"GaplensCli.Run threw instead of returning an exit code: {thrown}");
            }

            if (Environment.GetEnvironmentVariable("GAPLENS_FUZZ_LOG") is { } log)
            {
                File.AppendAllText(log, Describe(seed, story, $"exit {result.ExitCode}") + "\n");
            }

            return Check(result, args) is { } problem ? Describe(seed, story, problem) : null;
        }
        catch (Exception ex)
        {
            return Describe(seed, story, $"threw {ex}");
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("GAPLENS_FUZZ_KEEP") is null)
            {
                Clean(root);
            }
        }
    }

    private static string? Check(CliRun run, string[] args)
    {
        var gate = args.Contains("--fail-on");
        if (run.ExitCode is not (ExitCodes.Ok or ExitCodes.Usage or ExitCodes.ScanError) && !(run.ExitCode == ExitCodes.GateFailed && gate))
        {
            return $"exit code {run.ExitCode} is not documented\n{run.Stderr}";
        }

        if (run.Stderr.Contains("   at ", StringComparison.Ordinal) || run.Stderr.Contains("Unhandled exception", StringComparison.Ordinal) ||
            run.Stderr.Contains("failed unexpectedly", StringComparison.Ordinal))
        {
            return $"unexpected error or stack trace:\n{run.Stderr}";
        }

        if (run.ExitCode is ExitCodes.Usage or ExitCodes.ScanError && !run.Stderr.Contains("error: ", StringComparison.Ordinal))
        {
            return $"exit {run.ExitCode} without an error line:\n{run.Stderr}";
        }

        if (run.ExitCode is ExitCodes.Ok or ExitCodes.GateFailed && !args.Contains("--output"))
        {
            var format = args.SkipWhile(a => a != "--format").Skip(1).FirstOrDefault() ?? "json";
            if (format == "json")
            {
                try
                {
                    using var json = JsonDocument.Parse(run.Stdout);
                    if (json.RootElement.GetProperty("practices").GetArrayLength() == 0)
                    {
                        return "a JSON report without practices";
                    }
                }
                catch (JsonException ex)
                {
                    return $"stdout is not a JSON report: {ex.Message}";
                }
            }
            else if (run.Stdout.Length == 0)
            {
                return "exit 0 without a report on stdout";
            }
        }

        return null;
    }

    private static string Describe(int seed, List<string> story, string problem) =>
        $"seed {seed}: {problem}\n  " + string.Join("\n  ", story);

    private static readonly string[] Manifests =
    [
        ".github/workflows/ci.yml", ".gitlab-ci.yml", "azure-pipelines.yml", "k8s/deployment.yaml", "chart/Chart.yaml", "chart/templates/app.yaml",
        "docker-compose.yml", "docs/random.yml", "package.json", "src/App/App.csproj", "Directory.Build.props", "pom.xml", "pyproject.toml",
        "requirements.txt", "main.tf", "infra/modules/db.tf", "Dockerfile", "go.mod", "build.gradle", ".gitignore", "README.md", ".env",
        "src/server.js", "app/main.py", "Jenkinsfile", ".circleci/config.yml", "bitbucket-pipelines.yml", "sub/.gitignore", "settings.gradle.kts",
        ".git/HEAD", ".git/commondir", "services/api/.git",
    ];

    private static readonly string[] OddNames =
    [
        "\u001b[31mred\u001b[0m.yml", "tab\there.md", "new\nline.json", "bell\u0007.txt", " lead and trail .yaml", "..dots..", "-rf", "é-ü-中文.md",
        "<script>alert(1)</script>.js", "back\\slash.tf", "quote\"s'.toml", new string('n', 200) + ".md", "%s%n%x.cs", "$(rm -rf).sh", "`cmd`.py",
        "\u202egnp.exe.md", "\u0000".Replace("\u0000", "nul-free"), ".gaplens.yml", "gaplens-report.json", ".gaplens-report.lock",
    ];

    private static void AddEntry(Random random, string root, string outside, List<string> story)
    {
        var kind = random.Next(12);
        var relative = random.Next(3) == 0 ? RandomDirectory(random) + "/" + OddNames[random.Next(OddNames.Length)] : Manifests[random.Next(Manifests.Length)];
        var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return;
        }

        switch (kind)
        {
            case 0:
                story.Add($"fifo {relative}");
                _ = MakeFifo(path, 0x1A4);
                break;
            case 1:
                story.Add($"socket {relative}");
                try
                {
                    using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    socket.Bind(new UnixDomainSocketEndPoint(path));
                }
                catch (Exception ex) when (ex is SocketException or ArgumentException)
                {
                    // A path too long for a socket address: the case goes on without it.
                }

                break;
            case 2:
                var target = random.Next(6) switch
                {
                    0 => Path.Combine(outside, "secret.txt"),
                    1 => outside,
                    2 => "..",
                    3 => path,
                    4 => "does-not-exist",
                    _ => "/dev/zero",
                };
                story.Add($"link {relative} -> {target}");
                try
                {
                    File.CreateSymbolicLink(path, target);
                }
                catch (IOException)
                {
                }

                break;
            case 3:
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                story.Add($"invalid UTF-8 file name under {Path.GetDirectoryName(relative)}");
                var name = Encoding.UTF8.GetBytes(Path.GetDirectoryName(path) + "/bad-").Concat(bytes.Where(b => b is not (0 or (byte)'/'))).Concat(new byte[] { 0 }).ToArray();
                var fd = Create(name, 0x1A4);
                if (fd >= 0)
                {
                    _ = Close(fd);
                }

                break;
            case 4:
                story.Add($"deep directories under {relative}");
                Directory.CreateDirectory(Path.Combine(root, string.Join('/', Enumerable.Repeat("d", random.Next(20, 120)))));
                File.WriteAllText(Path.Combine(root, string.Join('/', Enumerable.Repeat("d", 20)), "README.md"), "# deep");
                break;
            default:
                var content = Content(random, relative, out var description);
                story.Add($"file {relative}: {description}");
                File.WriteAllBytes(path, content);
                break;
        }
    }

    private static string RandomDirectory(Random random) => random.Next(4) switch
    {
        0 => "docs",
        1 => ".github/workflows",
        2 => "k8s",
        _ => "src",
    };

    private static byte[] Content(Random random, string relative, out string description)
    {
        var depth = random.Next(2) == 0 ? random.Next(100, 300) : random.Next(1000, 50_000);
        switch (random.Next(11))
        {
            case 0:
                description = $"YAML flow nesting {depth}";
                return Encoding.UTF8.GetBytes("on: push\njobs:\n  x: " + new string('[', depth) + new string(']', depth) + "\n");
            case 1:
                description = $"YAML block sequence nesting {depth}";
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("- ", depth)) + "x\n");
            case 2:
                description = $"JSON nesting {depth}";
                return Encoding.UTF8.GetBytes("{\"dependencies\": " + new string('[', depth) + new string(']', depth) + "}");
            case 3:
                description = $"XML nesting {depth}";
                return Encoding.UTF8.GetBytes("<Project>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</Project>");
            case 4:
                description = $"TOML/HCL nesting {depth}";
                return Encoding.UTF8.GetBytes("[project]\nx = " + new string('[', depth) + new string(']', depth) + "\nresource \"a\" \"b\" {\n" +
                                              string.Concat(Enumerable.Repeat("x {\n", Math.Min(depth, 5000))) + "\n");
            case 5:
                var length = random.Next(100_000, 2_200_000);
                description = $"one line of {length} bytes";
                return Encoding.UTF8.GetBytes("key: " + new string((char)random.Next('a', 'z'), length) + "\n");
            case 6:
                description = "random bytes";
                var bytes = new byte[random.Next(1, 5000)];
                random.NextBytes(bytes);
                return bytes;
            case 7:
                description = "UTF-16 BOM then odd bytes";
                var utf16 = new byte[random.Next(2, 999)];
                random.NextBytes(utf16);
                utf16[0] = 0xFF;
                utf16[1] = 0xFE;
                return utf16;
            case 8:
                description = "YAML alias bomb";
                return Encoding.UTF8.GetBytes("a: &a [x,x,x,x,x,x,x,x,x]\n" + string.Concat("bcdefghij".Select((c, i) =>
                    $"{c}: &{c} [{string.Join(',', Enumerable.Repeat("*" + "abcdefghij"[i], 9))}]\n")));
            case 9:
                description = "empty";
                return [];
            default:
                description = "truncated valid-looking text with control characters";
                var text = relative.EndsWith(".json", StringComparison.Ordinal) ? "{\"name\": \"x\u001b[2J\", \"dependencies\": {\"express\": \"4\"" :
                    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \u001b]0;pwned\u0007\nspec:\n  template: {spec: {containers: [{name: a, image: \"x";
                return Encoding.Latin1.GetBytes(text + "\r\r\n\u0085\u00ff");
        }
    }

    private static readonly string[] Configurations =
    [
        "profile: pilot\nteamSize: 4\nwaivers:\n  - practice: test-load\n    reason: checkmarx\n    expires: 2020-01-01\n",
        "teamSize: 2147483647\n",
        "teamSize: -3\n",
        "profile: [a, b]\n",
        "rules:\n  - id: x\n    title: X\n    domain: devex\n    severity: low\n    signals:\n      - { text: aaaa, match: \"(a+)+$\" }\n",
        "rules:\n  - id: y\n    title: Y\n    domain: devex\n    severity: low\n    signals:\n      - { text: aaaa, match: \"^(a+)+\\\\1$\" }\n",
        "rules:\n  - id: z\n    title: Z\n    domain: devex\n    severity: low\n    signals:\n      - { file: \"**a**a**a**a**a**a**a**b\" }\n",
        "rules:\n  - practice: ci-sast\n    signals:\n      - { text: x, match: \"(\" }\n",
        "owners: " + new string('[', 20_000) + new string(']', 20_000) + "\n",
        "waivers: *nope\n",
        "\u0000\u0001binary",
        "effort:\n  ci-sast: [99999999999, 1]\n",
        "owners:\n  \"**/**/**/**/**/**/**/**/x\": Team\n",
    ];

    private static string[] Arguments(Random random, string root, List<string> story)
    {
        var args = new List<string> { "scan", root };
        if (random.Next(4) == 0)
        {
            var config = Configurations[random.Next(Configurations.Length)];
            File.WriteAllText(Path.Combine(root, ".gaplens.yml"), config);
            story.Add("config: " + config.Replace("\n", "\\n", StringComparison.Ordinal)[..Math.Min(80, config.Length)]);
        }

        if (random.Next(8) == 0)
        {
            args.AddRange(["--config", random.Next(4) switch { 0 => "/dev/zero", 1 => root, 2 => Path.Combine(root, "missing.yml"), _ => Path.Combine(root, ".github/workflows/ci.yml") }]);
        }

        if (random.Next(4) == 0)
        {
            args.AddRange(["--format", "json,md,sarif,junit,html", "--output", random.Next(3) == 0 ? Path.Combine(root, "out") : Path.Combine(root, "docs")]);
        }
        else if (random.Next(3) == 0)
        {
            args.AddRange(["--format", new[] { "md", "sarif", "junit", "html", "json", "pdf" }[random.Next(6)]]);
        }

        AddSometimes(random, args, "--profile", "pilot", "enterprise", "staging");
        AddSometimes(random, args, "--team-size", "1", "10000", "0", "2147483647", "-1", "many");
        AddSometimes(random, args, "--max-file-size", "1", "100", "0", "99999999999999", "big");
        AddSometimes(random, args, "--practice", "ci-sast", "sec-no-committed-secrets", "nope", "ci-sast,data-backup");
        AddSometimes(random, args, "--fail-on", "critical", "low", "none");
        AddSometimes(random, args, "--date", "2026-01-01", "2026-02-30", "yesterday");
        args.Add("--quiet");
        return [.. args];
    }

    private static void AddSometimes(Random random, List<string> args, string option, params string[] values)
    {
        if (random.Next(6) == 0)
        {
            args.AddRange([option, values[random.Next(values.Length)]]);
        }
    }

    private static void Clean(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Names .NET cannot spell (invalid UTF-8): leave them to the temporary folder's cleaning.
        }
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "creat")]
    private static partial int Create(byte[] path, uint mode);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
