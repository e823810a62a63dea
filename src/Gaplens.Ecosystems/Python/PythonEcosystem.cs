using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Python;

/// <summary>Python: pyproject, requirements, Pipfile and setup files; web frameworks and Celery workers.</summary>
public sealed class PythonEcosystem : Ecosystem
{
    public static readonly PackageEcosystem PyPI = new("pypi", "PyPI", ignoreCase: true, normalize: PythonManifest.Normalize);

    private static readonly string[] WebFrameworks =
        ["fastapi", "flask", "django", "starlette", "aiohttp", "tornado", "sanic", "litestar", "quart", "falcon", "bottle", "pyramid", "streamlit", "gradio"];

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [PyPI];

    public override bool Reads(RepoFile file) => PythonManifest.IsManifest(file.Name);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        sink.AddPackages(PythonManifest.Read(source, out var error));
        return error;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var candidates = new Dictionary<string, (string Framework, PackageReference Reference)>(StringComparer.Ordinal);
        foreach (var framework in WebFrameworks.Append("celery"))
        {
            foreach (var reference in discovery.Workspace.FindPackages(PyPI, framework))
            {
                if (!reference.Development && !discovery.IsExcludedOrTest(reference.ManifestPath))
                {
                    candidates.TryAdd(reference.Directory, (framework, reference));
                }
            }
        }

        foreach (var (directory, (framework, reference)) in candidates.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var kind = framework == "celery" ? "python-worker" : $"python-{framework}";
            discovery.Add(directory, discovery.DirectoryName(directory), kind, Key, new Evidence(reference.ManifestPath, reference.Line, $"PyPI package {reference.Name}"), framework != "celery", [directory]);
        }
    }
}
