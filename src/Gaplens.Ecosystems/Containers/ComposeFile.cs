using Gaplens.Core.Files;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Containers;

/// <summary>A Docker Compose file: its services with what readiness checks ask of them.</summary>
public sealed class ComposeFile
{
    private ComposeFile(string path, IReadOnlyList<ComposeService> services)
    {
        Path = path;
        Services = services;
    }

    public string Path { get; }

    public IReadOnlyList<ComposeService> Services { get; }

    public static bool IsComposeFile(string name)
    {
        var lower = name.ToLowerInvariant();
        return (lower.StartsWith("docker-compose", StringComparison.Ordinal) || lower.StartsWith("compose", StringComparison.Ordinal) || lower.EndsWith(".compose.yml", StringComparison.Ordinal) || lower.EndsWith(".compose.yaml", StringComparison.Ordinal)) &&
               (lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal));
    }

    public static ComposeFile? Parse(SourceText source, out string? error)
    {
        var root = YamlDocuments.Load(source.Text, out error).FirstOrDefault();
        if (error is not null)
        {
            return null;
        }

        var directory = RelativePaths.DirectoryOf(source.File.Path);
        var services = new List<ComposeService>();
        foreach (var (name, service, line) in root.Get("services").Entries())
        {
            string? context = null;
            string? dockerfile = null;
            var build = service.Get("build");
            if (build is YamlScalarNode buildScalar && buildScalar.Value is not null)
            {
                context = RelativePaths.Combine(directory, buildScalar.Value);
            }
            else if (build is YamlMappingNode)
            {
                context = RelativePaths.Combine(directory, build.ScalarOf("context") ?? ".");
                dockerfile = build.ScalarOf("dockerfile");
            }

            var environment = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
            var env = service.Get("environment");
            if (env is YamlMappingNode)
            {
                foreach (var (key, value, envLine) in env.Entries())
                {
                    environment[key] = (value.Scalar() ?? string.Empty, envLine);
                }
            }
            else
            {
                foreach (var item in env.Items())
                {
                    if (item.Scalar() is { } pair)
                    {
                        var eq = pair.IndexOf('=');
                        environment[eq < 0 ? pair : pair[..eq]] = (eq < 0 ? string.Empty : pair[(eq + 1)..], item.Line());
                    }
                }
            }

            var limits = service.Path("deploy", "resources", "limits") ?? service.Path("deploy", "resources", "reservations");
            var memLimit = service.Get("mem_limit") ?? service.Get("cpus");
            var healthcheck = service.Get("healthcheck");
            var healthDisabled = healthcheck.ScalarOf("disable") == "true" || healthcheck.Get("test").Strings().FirstOrDefault() == "NONE";
            services.Add(new ComposeService(
                name,
                line,
                service.ScalarOf("image"),
                context,
                dockerfile,
                healthcheck is null || healthDisabled ? null : healthcheck.Line(),
                limits?.Line() ?? memLimit?.Line(),
                service.Get("stop_grace_period")?.Line(),
                environment,
                service.Get("depends_on").KeysOrStrings().ToList(),
                service.Get("ports").Items().Select(p => p.Scalar() ?? string.Empty).ToList(),
                service.Get("profiles").Strings().ToList(),
                Command(service),
                (service.Get("command") ?? service.Get("entrypoint"))?.Line() ?? 0)
            {
                CodeDirectory = CodeDirectory(directory, service.ScalarOf("working_dir"), service.Get("volumes")),
            });
        }

        return new ComposeFile(source.File.Path, services);
    }

    /// <summary>
    /// The repository folder a service runs when its code is mounted rather than built in: the working directory
    /// seen through a bind mount (./internal:/internal with working_dir /internal/trainer is internal/trainer).
    /// </summary>
    private static string? CodeDirectory(string composeDirectory, string? workingDir, YamlNode? volumes)
    {
        if (string.IsNullOrEmpty(workingDir))
        {
            return null;
        }

        var working = workingDir.TrimEnd('/');
        foreach (var volume in volumes.Items())
        {
            var (host, container) = volume.Scalar() is { } text && text.Split(':') is { Length: >= 2 } parts
                ? (parts[0], parts[1])
                : (volume.ScalarOf("source") ?? string.Empty, volume.ScalarOf("target") ?? string.Empty);
            if (!(host.StartsWith("./", StringComparison.Ordinal) || host.StartsWith("../", StringComparison.Ordinal) || host == ".") || container.Length == 0)
            {
                continue;
            }

            container = container.TrimEnd('/');
            if (working == container || working.StartsWith(container + "/", StringComparison.Ordinal))
            {
                var hostDirectory = RelativePaths.Combine(composeDirectory, host);
                return RelativePaths.Combine(hostDirectory, working[container.Length..].TrimStart('/'));
            }
        }

        return null;
    }

    /// <summary>What the service runs: its entrypoint followed by its command (a string or a list of words).</summary>
    private static string? Command(YamlNode service)
    {
        static string? Words(YamlNode? node) => node switch
        {
            YamlScalarNode s => s.Value,
            YamlSequenceNode seq => string.Join(' ', seq.Children.Select(c => c.Scalar()).Where(c => c is not null).Select(c => c!.Contains(' ', StringComparison.Ordinal) ? $"\"{c}\"" : c)),
            _ => null,
        };

        var parts = new[] { Words(service.Get("entrypoint")), Words(service.Get("command")) }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }
}

/// <summary>One compose service; lines are null when the block is absent.</summary>
public sealed record ComposeService(
    string Name,
    int Line,
    string? Image,
    string? BuildContext,
    string? Dockerfile,
    int? HealthcheckLine,
    int? ResourcesLine,
    int? StopGracePeriodLine,
    IReadOnlyDictionary<string, (string Value, int Line)> Environment,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> Profiles,
    string? Command = null,
    int CommandLine = 0)
{
    public bool Builds => BuildContext is not null;

    /// <summary>The repository folder whose code the service runs through a bind mount, when it can be told.</summary>
    public string? CodeDirectory { get; init; }
}
