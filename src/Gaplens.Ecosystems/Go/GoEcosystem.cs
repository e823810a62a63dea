using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Go;

/// <summary>Go: modules and main packages that listen on the network.</summary>
public sealed class GoEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Modules = new("go", "Go");

    private static readonly Term GoMain = new("func main()", FileClass.Go);

    private static readonly Term[] Listeners =
        new[] { "ListenAndServe", "grpc.NewServer(", ".Serve(", "gin.Default()", "gin.New()", "echo.New()", "fiber.New(", "http.Server{", ".Run(\":", "r.Run(", "chi.NewRouter()", "mux.NewRouter()" }
            .Select(l => new Term(l, FileClass.Go)).ToArray();

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Modules];

    public override IEnumerable<Term> Terms => Listeners.Append(GoMain);

    public override bool Reads(RepoFile file) => file.Name.Equals("go.mod", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var module = GoModule.Parse(source);
        sink.AddDocument(module);
        sink.AddPackages(module.Requires);
        return null;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var hit in workspace.Content.Hits(GoMain))
        {
            if (discovery.IsExcludedOrTest(hit.File.Path) || workspace.IsTestPath(hit.File.Path))
            {
                continue;
            }

            // The main package listens when one of its files, or a package of this repository it imports (a shared
            // internal/common/server), starts a server.
            var directory = hit.File.Directory;
            var imported = ImportedDirectories(workspace, hit.File);
            var listenerDirectories = imported.Prepend(directory).ToHashSet(StringComparer.Ordinal);
            if (!Listeners.Any(l => workspace.Content.Hits(l).Any(h => listenerDirectories.Contains(h.File.Directory) && !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path))))
            {
                continue;
            }

            var segments = RelativePaths.Segments(directory);
            var name = segments.Length >= 2 && segments[^2] == "cmd" ? segments[^1] : discovery.DirectoryName(directory);
            var roots = CodeRoots(discovery, directory);
            roots.AddRange(imported.Where(d => !roots.Any(r => RelativePaths.IsUnder(d, r))));
            discovery.Add(directory, name, "go-service", Key, new Evidence(hit.File.Path, hit.Line, "Go main package with a network listener"), true, roots);
        }
    }

    /// <summary>Folders of this repository's packages that a Go file imports, resolved through the go.mod files found.</summary>
    private static List<string> ImportedDirectories(Workspace workspace, Core.Files.RepoFile file)
    {
        var result = new List<string>();
        if (workspace.Text(file) is not { } text)
        {
            return result;
        }

        var modules = workspace.GoModules.Where(m => m.Module is { Length: > 0 }).OrderByDescending(m => m.Module!.Length).ToList();
        var inBlock = false;
        for (var i = 1; i <= text.LineCount; i++)
        {
            var line = text.Line(i).Trim();
            if (line.StartsWith("import (", StringComparison.Ordinal))
            {
                inBlock = true;
                continue;
            }

            if (inBlock && line.StartsWith(')'))
            {
                break;
            }

            if (!inBlock && !line.StartsWith("import ", StringComparison.Ordinal))
            {
                if (line.StartsWith("func ", StringComparison.Ordinal))
                {
                    break;
                }

                continue;
            }

            var quote = line.IndexOf('"');
            var end = quote < 0 ? -1 : line.IndexOf('"', quote + 1);
            if (end <= quote)
            {
                continue;
            }

            var import = line[(quote + 1)..end];
            var module = modules.FirstOrDefault(m => import == m.Module || import.StartsWith(m.Module + "/", StringComparison.Ordinal));
            if (module is not null)
            {
                var directory = RelativePaths.Combine(module.Directory, import[module.Module!.Length..].TrimStart('/'));
                if (workspace.Files.DirectoryExists(directory) && !result.Contains(directory))
                {
                    result.Add(directory);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// A Go service's code is its main package plus the module's shared packages (cmd/api with pkg/ and internal/
    /// of the same module), not every folder of the module.
    /// </summary>
    private static List<string> CodeRoots(ServiceDiscovery discovery, string mainDirectory)
    {
        var roots = new List<string> { mainDirectory };
        if (discovery.NearestManifestDirectory(RelativePaths.Combine(mainDirectory, "main.go"), "go.mod") is { } module && module != mainDirectory)
        {
            // Only when the main package sits outside them (cmd/api): a main package inside internal/ has siblings there.
            roots.AddRange(new[] { "pkg", "internal" }.Select(d => RelativePaths.Combine(module, d))
                .Where(d => discovery.Workspace.Files.DirectoryExists(d) && !RelativePaths.IsUnder(mainDirectory, d)));
        }

        return roots;
    }
}
