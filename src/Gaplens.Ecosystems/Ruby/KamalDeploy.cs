using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ruby;

/// <summary>One server role of a Kamal deployment: <c>web</c> serves HTTP behind kamal-proxy, others run a command (bin/jobs).</summary>
public sealed record KamalRole(string Name, string? Command, int Line);

/// <summary>An accessory Kamal runs beside the app (a database, Redis).</summary>
public sealed record KamalAccessory(string Name, string Image, int Line);

/// <summary>
/// A Kamal deployment (config/deploy.yml, or a destination such as config/deploy.staging.yml): the service name,
/// the roles that run the app's image on servers, and the accessories. <see cref="Root"/> is the app's folder.
/// </summary>
public sealed partial record KamalDeploy(string Path, string Root, string? Service, int ServiceLine, IReadOnlyList<KamalRole> Roles, IReadOnlyList<KamalAccessory> Accessories)
{
    /// <summary>The base deployment file, not a destination overlay.</summary>
    public bool IsBase => Path.EndsWith("/deploy.yml", StringComparison.Ordinal) || Path == "config/deploy.yml";

    public static bool IsDeployFile(RepoFile file) =>
        DeployFile().IsMatch(file.Name) && (file.Directory == "config" || file.Directory.EndsWith("/config", StringComparison.Ordinal));

    /// <summary>The deployment a file declares, or null for a YAML file that is not a Kamal configuration.</summary>
    public static KamalDeploy? Read(SourceText source, out string? error)
    {
        error = null;
        var text = source.Text;
        if (!text.Contains("service:", StringComparison.Ordinal) && !text.Contains("servers:", StringComparison.Ordinal))
        {
            return null;
        }

        // ERB tags (<%= ENV[...] %>) are not YAML; blank them so that the structure still parses.
        var root = YamlDocuments.Load(Erb().Replace(text, m => new string('x', m.Length)), out error).FirstOrDefault();
        if (root is not YamlMappingNode || root.Get("servers") is null && root.Get("image") is null)
        {
            error = null;
            return null;
        }

        var roles = new List<KamalRole>();
        var servers = root.Get("servers");
        if (servers is YamlSequenceNode)
        {
            roles.Add(new KamalRole("web", null, servers.Line()));
        }
        else
        {
            foreach (var (name, role, line) in servers.Entries())
            {
                roles.Add(new KamalRole(name, role.ScalarOf("cmd"), line));
            }
        }

        var accessories = new List<KamalAccessory>();
        foreach (var (name, accessory, line) in root.Get("accessories").Entries())
        {
            if (accessory.ScalarOf("image") is { Length: > 0 } image)
            {
                accessories.Add(new KamalAccessory(name, image, line));
            }
        }

        var service = root.Get("service");
        return new KamalDeploy(source.File.Path, RelativePaths.DirectoryOf(source.File.Directory), service.Scalar(), service?.Line() ?? 1, roles, accessories);
    }

    [GeneratedRegex(@"^deploy(\.[\w-]+)?\.ya?ml$", RegexOptions.CultureInvariant)]
    private static partial Regex DeployFile();

    [GeneratedRegex(@"<%.*?%>", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Erb();
}
