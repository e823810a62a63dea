using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// Calls from one JVM service to another service of the repository: a load-balanced or plain URL that names the
/// other service (lb://customers-service in a Spring Cloud Gateway route, http://visits-service/... in a client or in
/// configuration) or a Feign client bound to it (@FeignClient(name = "visits-service")), and any service-discovery
/// URL (lb://, stork://), which names a service found through the registry.
/// </summary>
internal static class JvmServiceCalls
{
    private static readonly Term LoadBalanced = new("lb://", FileClass.Java | FileClass.Yaml | FileClass.Properties);
    private static readonly Term Stork = new("stork://", FileClass.Java);
    private static readonly Term HttpLiteral = new("\"http://", FileClass.Java);
    private static readonly Term HttpsLiteral = new("\"https://", FileClass.Java);
    private static readonly Term Feign = new("@FeignClient(", FileClass.Java);

    public static IEnumerable<Term> Terms => [LoadBalanced, Stork, HttpLiteral, HttpsLiteral, Feign];

    private static readonly string[] ConfigExtensions = [".yml", ".yaml", ".properties", ".conf"];

    public static IEnumerable<ServiceCall> Find(Workspace workspace, IReadOnlyList<ServiceInfo> services, string ecosystem)
    {
        var callers = services.Where(s => s.Ecosystem == ecosystem && s.HasCode).ToList();
        if (callers.Count == 0 || services.Count < 2)
        {
            return [];
        }

        var names = services.ToDictionary(s => s, NamesOf);
        var configFiles = workspace.Files.Files.Where(f => IsConfiguration(f) && !workspace.IsTestPath(f.Path)).ToList();
        var found = new List<ServiceCall>();
        foreach (var caller in callers)
        {
            var others = services.Where(s => s != caller).Select(s => (Service: s, Names: names[s].Where(n => !names[caller].Contains(n)).ToList())).ToList();
            foreach (var (path, line, text) in Lines(workspace, caller, configFiles))
            {
                if (DiscoveredService(text) is { } logical)
                {
                    found.Add(new ServiceCall(caller.Name, logical, new Evidence(path, line, $"'{caller.Name}' calls '{logical}' through service discovery")));
                    continue;
                }

                foreach (var (callee, calleeNames) in others)
                {
                    if (calleeNames.FirstOrDefault(n => Names(text, n)) is { } name)
                    {
                        found.Add(new ServiceCall(caller.Name, callee.Name, new Evidence(path, line, $"'{caller.Name}' calls '{callee.Name}' ({name})")));
                        break;
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Lines of the caller that may name another service: its configuration files and the URL and Feign hits in its code.</summary>
    private static IEnumerable<(string Path, int Line, string Text)> Lines(Workspace workspace, ServiceInfo caller, IReadOnlyList<RepoFile> configFiles)
    {
        foreach (var file in configFiles)
        {
            if (!caller.Owns(file.Path) || workspace.Text(file) is not { } text)
            {
                continue;
            }

            var number = 0;
            foreach (var line in text.Lines())
            {
                number++;
                if (line.Contains("://", StringComparison.Ordinal) && !line.TrimStart().StartsWith('#'))
                {
                    yield return (file.Path, number, line);
                }
            }
        }

        foreach (var term in Terms)
        {
            foreach (var hit in workspace.Content.Hits(term))
            {
                if (caller.Owns(hit.File.Path) && !hit.IsCommentedOut && !workspace.IsTestPath(hit.File.Path) && hit.File.Is(FileClass.Java))
                {
                    yield return (hit.File.Path, hit.Line, hit.LineText);
                }
            }
        }
    }

    /// <summary>
    /// The logical service name of a service-discovery URL (Spring Cloud LoadBalancer lb://, SmallRye Stork stork://):
    /// such a URL always calls another service, found through the registry rather than by host name.
    /// </summary>
    private static string? DiscoveredService(string line)
    {
        foreach (var scheme in new[] { "lb://", "stork://" })
        {
            var at = line.IndexOf(scheme, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = line[(at + scheme.Length)..];
                var end = rest.IndexOfAny(['/', ':', '"', '\'', ' ', ')', ',', '?']);
                var name = end < 0 ? rest.Trim() : rest[..end];
                if (name.Length > 0 && !name.Contains("${", StringComparison.Ordinal))
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>Framework settings: src/main/resources of a JVM module, or a Play conf/ folder.</summary>
    private static bool IsConfiguration(RepoFile file) =>
        ConfigExtensions.Any(e => file.Name.EndsWith(e, StringComparison.Ordinal)) &&
        (file.Path.Contains("/src/main/resources/", StringComparison.Ordinal) || file.Path.StartsWith("src/main/resources/", StringComparison.Ordinal) ||
         RelativePaths.FileName(RelativePaths.DirectoryOf(file.Path)) == "conf");

    private static HashSet<string> NamesOf(ServiceInfo service)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { service.Name };
        names.UnionWith(service.Aliases);
        if (service.Path.Length > 0 && !service.Path.Contains(':'))
        {
            names.Add(RelativePaths.FileName(service.Path));
        }

        names.RemoveWhere(n => n.Length < 4 || n.Contains(' '));
        return names;
    }

    /// <summary>A URL host (lb://name, http://name:8080, //name.namespace.svc) or a quoted Feign client name equal to the service name.</summary>
    private static bool Names(string line, string name)
    {
        var at = 0;
        while ((at = line.IndexOf(name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = at >= 3 ? line.Substring(at - 3, 3) : string.Empty;
            var end = at + name.Length;
            var after = end < line.Length ? line[end] : '\0';
            var boundary = after is '\0' or ':' or '/' or '"' or '\'' or '.' or ' ' or ')' or ',';
            if (boundary && (before == "://" || line.Contains("@FeignClient", StringComparison.Ordinal) && at > 0 && line[at - 1] == '"'))
            {
                return true;
            }

            at = end;
        }

        return false;
    }
}
