using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Kubernetes;

/// <summary>One Kubernetes object from a manifest (or a Helm template with its directives blanked out).</summary>
public sealed record KubernetesObject(string Kind, string Name, string ApiVersion, string Path, int Line, YamlNode Node, bool FromTemplate)
{
    public static readonly IReadOnlySet<string> WorkloadKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod", "Rollout", "DeploymentConfig",
    };

    public bool IsWorkload => WorkloadKinds.Contains(Kind);

    /// <summary>A Helm hook (install/upgrade jobs, chart tests) runs around a release rather than as part of it.</summary>
    public bool IsHelmHook => Node.Get("metadata").Get("annotations").Get("helm.sh/hook") is not null;

    /// <summary>The pod spec of a workload (CronJob nests it twice).</summary>
    public YamlNode? PodSpec => Kind switch
    {
        "Pod" => Node.Get("spec"),
        "CronJob" => Node.Path("spec", "jobTemplate", "spec", "template", "spec"),
        _ => Node.Path("spec", "template", "spec"),
    };

    public IEnumerable<KubernetesContainer> Containers
    {
        get
        {
            var spec = PodSpec;
            foreach (var container in spec.Get("containers").Items())
            {
                yield return new KubernetesContainer(
                    container.ScalarOf("name") ?? Name,
                    container.ScalarOf("image") ?? string.Empty,
                    container.Line(),
                    container.Get("livenessProbe")?.Line(),
                    container.Get("readinessProbe")?.Line(),
                    container.Get("startupProbe")?.Line(),
                    container.Get("resources") is { } resources && (resources.Get("limits") is not null || resources.Get("requests") is not null) ? resources.Line() : null,
                    container.Path("lifecycle", "preStop")?.Line(),
                    container.Path("securityContext", "runAsNonRoot").Scalar() == "true" || spec.Path("securityContext", "runAsNonRoot").Scalar() == "true");
            }
        }
    }
}

public sealed record KubernetesContainer(
    string Name,
    string Image,
    int Line,
    int? LivenessLine,
    int? ReadinessLine,
    int? StartupLine,
    int? ResourcesLine,
    int? PreStopLine,
    bool RunAsNonRoot);

public static partial class KubernetesManifest
{
    /// <summary>Reads every object of a YAML file that has "apiVersion" and "kind". Helm templates are read leniently.</summary>
    public static IReadOnlyList<KubernetesObject> Read(SourceText source, bool isTemplate, out string? error)
    {
        error = null;
        var text = isTemplate ? BlankTemplateDirectives(source.Text) : source.Text;
        var documents = YamlDocuments.Load(text, out var parseError);
        if (parseError is not null)
        {
            if (!isTemplate)
            {
                error = parseError;
            }

            return [];
        }

        var result = new List<KubernetesObject>();
        foreach (var document in documents)
        {
            Collect(document, source.File.Path, isTemplate, result);
        }

        return result;
    }

    /// <summary>Cheap test before parsing: does the text look like a Kubernetes manifest?</summary>
    public static bool LooksLikeManifest(string text) =>
        text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal);

    private static void Collect(YamlNode node, string path, bool isTemplate, List<KubernetesObject> result)
    {
        var kind = node.ScalarOf("kind");
        var apiVersion = node.ScalarOf("apiVersion");
        if (kind is null || apiVersion is null)
        {
            return;
        }

        if (kind == "List")
        {
            foreach (var item in node.Get("items").Items())
            {
                Collect(item, path, isTemplate, result);
            }

            return;
        }

        var name = node.Path("metadata", "name").Scalar() ?? string.Empty;
        result.Add(new KubernetesObject(kind, name, apiVersion, path, node.Line(), node, isTemplate));
    }

    /// <summary>
    /// Helm templates are YAML with Go template directives: drop lines that are only directives and replace inline
    /// ones with a placeholder so the structure (probes, resources) can still be read.
    /// </summary>
    private static string BlankTemplateDirectives(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("{{", StringComparison.Ordinal) && trimmed.EndsWith("}}", StringComparison.Ordinal))
            {
                lines[i] = string.Empty;
                continue;
            }

            lines[i] = Directive().Replace(lines[i], "x");
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Directive();
}
