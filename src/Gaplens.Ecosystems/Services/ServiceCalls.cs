using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Services;

/// <summary>One service of the repository calling another, with where it shows.</summary>
public sealed record ServiceCall(string From, string To, Evidence Evidence);

/// <summary>
/// Calls between the services of the repository, wherever a reviewer would see them: an address of one service in
/// another's environment (compose, Kubernetes), in its settings files (a URL with the other's host name, or with a
/// localhost port the other listens on), in its code (a URL literal, an environment variable named after the other
/// such as TRAINER_GRPC_ADDR), or wiring an ecosystem knows (an app host referencing one project from another).
/// A browser front end calling its API is not a call between services.
/// </summary>
public static partial class ServiceCalls
{
    /// <summary>Literals that lead to candidate lines in code: URLs and address-like environment variable names.</summary>
    public static readonly IReadOnlyList<Term> Terms =
    [
        new("://", FileClass.Code), new("_ADDR", FileClass.Code), new("_URL", FileClass.Code), new("_HOST", FileClass.Code),
        new("_ENDPOINT", FileClass.Code), new("_URI", FileClass.Code),
    ];

    private static readonly string[] NameSuffixes = ["api", "service", "svc", "server", "app", "web", "grpc", "http", "backend", "worker"];

    public static IReadOnlyList<ServiceCall> Find(Workspace workspace, IReadOnlyList<ServiceInfo> services)
    {
        var servers = services.Where(s => s.HasCode && !s.IsWebFrontEnd).ToList();
        if (servers.Count < 2)
        {
            return [];
        }

        var identities = servers.Select(s => new Identity(s, Names(s), Ports(workspace, s))).ToList();
        var calls = new Dictionary<(string, string), Evidence>();
        void Add(ServiceInfo? from, ServiceInfo? to, Evidence evidence)
        {
            if (from is not null && to is not null && from != to && (!calls.TryGetValue((from.Name, to.Name), out var known) || Before(evidence, known)))
            {
                calls[(from.Name, to.Name)] = evidence;
            }
        }

        ServiceInfo? ByName(string name) => identities.FirstOrDefault(i => i.Names.Contains(Normalize(name)))?.Service;
        ServiceInfo? ByHost(string host, string? port, ServiceInfo from)
        {
            if (!IsInternalHost(host))
            {
                return null;
            }

            var normalized = Normalize(host.Split('.')[0]);
            if (identities.FirstOrDefault(i => i.Service != from && i.Names.Contains(normalized)) is { } named)
            {
                return named.Service;
            }

            var local = host is "localhost" or "127.0.0.1" or "0.0.0.0" or "host.docker.internal";
            return local && port is not null && !identities.Single(i => i.Service == from).Ports.Contains(port)
                ? identities.FirstOrDefault(i => i.Service != from && i.Ports.Contains(port))?.Service
                : null;
        }

        // Environment of compose services and Kubernetes workloads: an address of a sibling.
        foreach (var compose in workspace.ComposeFiles.Where(c => FactsBuilder.DescribesDeployment(c.Path)))
        {
            foreach (var service in compose.Services.Where(s => !TestPaths.IsTestRunnerName(s.Name)))
            {
                var from = ByName(service.Name);
                foreach (var (key, (value, line)) in service.Environment)
                {
                    if (!IsBrowserSetting(key) && from is not null)
                    {
                        foreach (var (host, port) in Addresses(value))
                        {
                            Add(from, ByHost(host, port, from), new Evidence(compose.Path, line, $"'{service.Name}' is given the address of another service ({key})"));
                        }
                    }
                }
            }
        }

        foreach (var workload in workspace.DeployedWorkloads)
        {
            var from = ByName(workload.Name);
            if (from is null)
            {
                continue;
            }

            foreach (var (value, line) in Yaml.YamlDocuments.AllScalars(Yaml.YamlDocuments.Get(workload.PodSpec, "containers")))
            {
                foreach (var (host, port) in Addresses(value))
                {
                    Add(from, ByHost(host, port, from), new Evidence(workload.Path, line, $"'{workload.Name}' is given the address of another service"));
                }
            }
        }

        // Settings files of a service: a URL or host:port of a sibling.
        foreach (var file in workspace.Files.Files)
        {
            if (!file.Is(FileClass.Json | FileClass.Yaml | FileClass.Properties | FileClass.Toml) || FactsBuilder.IsExcluded(file.Path) || workspace.IsTestPath(file.Path) ||
                file.Name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase) || file.Name.StartsWith("package", StringComparison.Ordinal) ||
                OwnerOf(servers, file.Path) is not { } from || workspace.Text(file) is not { } text)
            {
                continue;
            }

            for (var i = 1; i <= text.LineCount; i++)
            {
                var line = text.Line(i);
                if (line.Contains("://", StringComparison.Ordinal) || line.Contains(':', StringComparison.Ordinal) && line.Contains("localhost", StringComparison.Ordinal))
                {
                    foreach (var (host, port) in Addresses(line))
                    {
                        if (ByHost(host, port, from) is { } to)
                        {
                            Add(from, to, new Evidence(file.Path, i, $"'{from.Name}' settings hold the address of '{to.Name}'"));
                        }
                    }
                }
            }
        }

        // Code: URL literals naming a sibling, and address variables named after one (TRAINER_GRPC_ADDR).
        foreach (var term in Terms)
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (hit.IsCommentedOut || FactsBuilder.IsExcluded(hit.File.Path) || workspace.IsTestPath(hit.File.Path) || OwnerOf(servers, hit.File.Path) is not { } from)
                {
                    continue;
                }

                if (term.Literal == "://")
                {
                    foreach (var (host, port) in Addresses(hit.LineText))
                    {
                        if (!host.Equals("localhost", StringComparison.Ordinal) && ByHost(host, port, from) is { } to)
                        {
                            Add(from, to, new Evidence(hit.File.Path, hit.Line, $"'{from.Name}' calls '{to.Name}' at {host}"));
                        }
                    }

                    continue;
                }

                foreach (Match match in AddressVariable().Matches(hit.LineText))
                {
                    var words = match.Value.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
                    var to = identities.FirstOrDefault(i => i.Service != from && words.Any(w => w.Length >= 3 && i.Names.Contains(w)))?.Service;
                    Add(from, to, new Evidence(hit.File.Path, hit.Line, $"'{from.Name}' reads the address of '{to?.Name}' ({match.Value})"));
                }
            }
        }

        // A gRPC client in one service while another serves gRPC: generated stubs hide the address, the roles do not.
        var grpcServers = EcosystemRegistry.All.SelectMany(e => e.Data.Grpc).SelectMany(workspace.Content.Hits)
            .Where(h => !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path))
            .Select(h => OwnerOf(servers, h.File.Path)).OfType<ServiceInfo>().Distinct().ToList();
        foreach (var hit in EcosystemRegistry.All.SelectMany(e => e.Data.OutboundCalls).Where(t => t.Literal.Contains("grpc", StringComparison.OrdinalIgnoreCase)).SelectMany(workspace.Content.Hits))
        {
            if (!hit.IsCommentedOut && !workspace.IsTestPath(hit.File.Path) && OwnerOf(servers, hit.File.Path) is { } from &&
                grpcServers.FirstOrDefault(s => s != from) is { } to && !calls.Keys.Any(k => k.Item1 == from.Name))
            {
                Add(from, to, new Evidence(hit.File.Path, hit.Line, $"'{from.Name}' opens a gRPC channel; '{to.Name}' serves gRPC"));
            }
        }

        foreach (var ecosystem in EcosystemRegistry.All)
        {
            foreach (var call in ecosystem.FindServiceCalls(workspace, servers))
            {
                Add(servers.FirstOrDefault(s => s.Name == call.From), servers.FirstOrDefault(s => s.Name == call.To), call.Evidence);
            }
        }

        return calls.Select(kv => new ServiceCall(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderBy(c => c.From, StringComparer.Ordinal).ThenBy(c => c.To, StringComparer.Ordinal).ToList();
    }

    /// <summary>The service whose code root holding the path is the most specific (its own folder before shared code).</summary>
    private static ServiceInfo? OwnerOf(IReadOnlyList<ServiceInfo> services, string path) =>
        services.Select(s => (Service: s, Root: s.CodeRoots.Where(r => RelativePaths.IsUnder(path, r)).Select(r => r.Length).DefaultIfEmpty(-1).Max()))
            .Where(x => x.Root >= 0).OrderByDescending(x => x.Root).Select(x => x.Service).FirstOrDefault();

    private sealed record Identity(ServiceInfo Service, HashSet<string> Names, HashSet<string> Ports);

    /// <summary>Names a service is reached by: its name, aliases and folder, with and without suffixes (basket-api → basket).</summary>
    private static HashSet<string> Names(ServiceInfo service)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in service.Aliases.Append(service.Name).Append(RelativePaths.FileName(service.Path)))
        {
            var normalized = Normalize(name);
            if (normalized.Length < 3)
            {
                continue;
            }

            names.Add(normalized);
            // The distinctive word of a long name: spring-petclinic-customers-service → customers.
            var words = name.ToLowerInvariant().Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries).Where(w => !NameSuffixes.Contains(w)).ToList();
            if (words.Count > 0 && words[^1].Length >= 3)
            {
                names.Add(words[^1]);
            }

            foreach (var suffix in NameSuffixes)
            {
                if (normalized.Length > suffix.Length + 2 && normalized.EndsWith(suffix, StringComparison.Ordinal))
                {
                    names.Add(normalized[..^suffix.Length]);
                }
            }
        }

        return names;
    }

    /// <summary>Ports a service listens on, from its launch profiles, Spring settings, image and compose mappings.</summary>
    private static HashSet<string> Ports(Workspace workspace, ServiceInfo service)
    {
        var ports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in workspace.Files.Files.Where(f => service.Owns(f.Path) && !workspace.IsTestPath(f.Path)))
        {
            var isLaunch = file.Name.Equals("launchSettings.json", StringComparison.OrdinalIgnoreCase);
            var isSpring = file.Name.StartsWith("application", StringComparison.Ordinal) && file.Is(FileClass.Properties | FileClass.Yaml);
            if (!isLaunch && !isSpring || workspace.Text(file) is not { } text)
            {
                continue;
            }

            foreach (var line in text.Lines())
            {
                if (isLaunch && line.Contains("applicationUrl", StringComparison.Ordinal))
                {
                    foreach (var (_, port) in Addresses(line))
                    {
                        if (port is not null)
                        {
                            ports.Add(port);
                        }
                    }
                }
                else if (isSpring && SpringPort().Match(line) is { Success: true } match)
                {
                    ports.Add(match.Groups[1].Value);
                }
            }
        }

        foreach (var dockerfile in workspace.Dockerfiles.Where(d => service.Dockerfiles.Contains(d.Path)))
        {
            foreach (var expose in dockerfile.All("EXPOSE"))
            {
                ports.UnionWith(expose.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('/')[0]).Where(p => p.All(char.IsAsciiDigit)));
            }
        }

        foreach (var compose in workspace.ComposeFiles)
        {
            foreach (var composeService in compose.Services.Where(s => service.Aliases.Contains(s.Name, StringComparer.OrdinalIgnoreCase) || s.Name.Equals(service.Name, StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var mapping in composeService.Ports)
                {
                    var parts = mapping.Split(':');
                    ports.UnionWith(parts.Select(p => p.Split('/')[0].Trim('"', ' ')).Where(p => p.Length > 0 && p.All(char.IsAsciiDigit)));
                }
            }
        }

        return ports;
    }

    /// <summary>Hosts and ports of the addresses in a text: URLs (http://catalog-api:8080) and host:port pairs (catalog:3550).</summary>
    private static IEnumerable<(string Host, string? Port)> Addresses(string text)
    {
        foreach (Match match in Address().Matches(text))
        {
            var host = match.Groups["host"].Value.ToLowerInvariant();
            var port = match.Groups["port"].Success ? match.Groups["port"].Value : null;
            if (host.Length >= 3 && (match.Groups["scheme"].Success || port is not null))
            {
                yield return (host, port);
            }
        }
    }

    /// <summary>
    /// A host name a sibling can have: a bare name (catalog-api), a cluster name (catalog.shop.svc.cluster.local) or
    /// a local one; public names (api.stripe.com) never name a service of the repository.
    /// </summary>
    private static bool IsInternalHost(string host) =>
        !host.Contains('.') || host is "127.0.0.1" or "0.0.0.0" ||
        InternalSuffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal));

    private static readonly string[] InternalSuffixes = [".svc", ".svc.cluster.local", ".cluster.local", ".internal", ".local", ".localhost"];

    private static bool IsBrowserSetting(string key) =>
        key.StartsWith("VITE_", StringComparison.Ordinal) || key.StartsWith("NEXT_PUBLIC_", StringComparison.Ordinal) || key.StartsWith("REACT_APP_", StringComparison.Ordinal);

    private static string Normalize(string value) =>
        value.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);

    private static bool Before(Evidence a, Evidence b) =>
        string.CompareOrdinal(a.Path, b.Path) is var byPath && (byPath < 0 || byPath == 0 && (a.Line ?? 0) < (b.Line ?? 0));

    [GeneratedRegex(@"(?:(?<scheme>[a-z][a-z0-9+]*)://)?(?<![\w.-])(?<host>[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9])(?::(?<port>\d{2,5}))?(?![\w-])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Address();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:ADDR|ADDRESS|URL|URI|HOST|ENDPOINT)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex AddressVariable();

    [GeneratedRegex(@"^\s*(?:server\.)?port\s*[:=]\s*(\d{2,5})\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex SpringPort();
}
