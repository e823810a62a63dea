using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Ci;
using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Iac;
using Gaplens.Ecosystems.Kubernetes;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems;

/// <summary>Runs every reader over the kept texts of the content pass. Unparsable files become warnings.</summary>
public static class WorkspaceReader
{
    /// <summary>Files whose text the readers need: the content pass keeps them.</summary>
    public static bool NeedsText(RepoFile file) =>
        file.Size <= 512 * 1024 &&
        (file.Is(FileClass.Config | FileClass.Docs | FileClass.Shell | FileClass.Properties) ||
         file.Name.Equals("go.mod", StringComparison.Ordinal) ||
         file.Name.Equals(".gitignore", StringComparison.Ordinal) ||
         file.Name.Equals(".dockerignore", StringComparison.Ordinal) ||
         file.Name.Equals(".editorconfig", StringComparison.Ordinal) ||
         file.Name.Contains("cron", StringComparison.OrdinalIgnoreCase) ||
         EcosystemRegistry.All.Any(e => e.Reads(file)) ||
         Build.BuildTexts.Needs(file));

    public static Workspace Read(FileIndex files, ContentIndex content)
    {
        var warnings = new List<ScanWarning>(files.Warnings);
        warnings.AddRange(content.Warnings);
        var sink = new WorkspaceSink();
        var pipelines = new List<CiPipeline>();
        var dockerfiles = new List<Dockerfile>();
        var composeFiles = new List<ComposeFile>();
        var kubernetes = new List<KubernetesObject>();
        var helmCharts = new List<string>();
        var kustomizations = new List<string>();
        var terraform = new List<TerraformFile>();
        var ecosystems = EcosystemRegistry.All;

        var chartDirectories = files.Files.Where(f => f.Name == "Chart.yaml" || f.Name == "Chart.yml").Select(f => f.Directory).ToList();
        helmCharts.AddRange(chartDirectories);

        foreach (var file in files.Files)
        {
            var source = content.Text(file);
            if (source is null)
            {
                continue;
            }

            var name = file.Name;
            string? error = null;
            try
            {
                foreach (var ecosystem in ecosystems)
                {
                    if (ecosystem.Reads(file))
                    {
                        error ??= ecosystem.Read(source, sink);
                    }
                }

                if (CiReader.SystemOf(file.Path, source.Text) is { } system)
                {
                    if (CiReader.Read(source, system, out var ciError) is { } pipeline)
                    {
                        pipelines.Add(pipeline);
                    }

                    error ??= ciError;
                }

                if (file.Is(FileClass.Dockerfile))
                {
                    dockerfiles.Add(Dockerfile.Parse(source));
                }
                else if (file.Is(FileClass.Yaml) && ComposeFile.IsComposeFile(name))
                {
                    if (ComposeFile.Parse(source, out var composeError) is { } compose && compose.Services.Count > 0)
                    {
                        composeFiles.Add(compose);
                    }

                    error ??= composeError;
                }
                else if (file.Is(FileClass.Yaml) && name.StartsWith("kustomization.", StringComparison.OrdinalIgnoreCase))
                {
                    kustomizations.Add(file.Path);
                }
                else if (file.Is(FileClass.Yaml) && CiReader.SystemOf(file.Path) is null && KubernetesManifest.LooksLikeManifest(source.Text))
                {
                    var isTemplate = chartDirectories.Any(c => RelativePaths.IsUnder(file.Path, c.Length == 0 ? "templates" : c + "/templates"));
                    kubernetes.AddRange(KubernetesManifest.Read(source, isTemplate, out var k8sError));
                    if (k8sError is not null && !source.Text.Contains("{{", StringComparison.Ordinal))
                    {
                        error ??= k8sError;
                    }
                }
                else if (file.Is(FileClass.Terraform) && name.EndsWith(".tf", StringComparison.OrdinalIgnoreCase))
                {
                    terraform.Add(TerraformFile.Parse(source, out error));
                }
                else if (file.Is(FileClass.Yaml) && IsGenericYamlOrJson(name) && CiReader.SystemOf(file.Path) is null)
                {
                    ValidateSyntax(source, ref error);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                error = $"could not be read: {ex.GetType().Name}: {ex.Message}";
            }

            if (error is not null)
            {
                warnings.Add(new ScanWarning(file.Path, error));
            }
        }

        foreach (var ecosystem in ecosystems)
        {
            try
            {
                if (ecosystem.Complete(sink) is { } problem)
                {
                    warnings.Add(new ScanWarning(".", $"{ecosystem.Name}: {problem}"));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                warnings.Add(new ScanWarning(".", $"{ecosystem.Name}: could not complete reading: {ex.GetType().Name}: {ex.Message}"));
            }
        }

        warnings.Sort((a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : string.CompareOrdinal(a.Message, b.Message);
        });

        return new Workspace(files, content, sink.Documents(), sink.TestRoots, sink.Packages, pipelines, dockerfiles, composeFiles,
            kubernetes, helmCharts, kustomizations, terraform, warnings.Distinct().ToList());
    }

    private static bool IsGenericYamlOrJson(string name) =>
        name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Other YAML files are read by term search; a syntax error is still worth a warning.</summary>
    private static void ValidateSyntax(SourceText source, ref string? error)
    {
        if (source.Text.Contains("{{", StringComparison.Ordinal) || source.Text.Contains("{%", StringComparison.Ordinal))
        {
            return;
        }

        Yaml.YamlDocuments.Load(source.Text, out var yamlError);
        error ??= yamlError;
    }
}
