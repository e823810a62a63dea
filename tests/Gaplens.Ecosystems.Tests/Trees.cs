using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Ecosystems.Tests;

/// <summary>A small tree written to a temporary folder and read the way a scan reads it (walk, content pass, readers).</summary>
internal sealed class Tree : IDisposable
{
    private Tree(string root) => Root = root;

    public string Root { get; }

    public static Workspace Read(params (string Path, string Text)[] files)
    {
        using var tree = Write(files);
        return tree.Workspace();
    }

    public static Tree Write(params (string Path, string Text)[] files)
    {
        var root = Path.Combine(Path.GetTempPath(), "gaplens-tree-" + Guid.NewGuid().ToString("N"));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return new Tree(root);
    }

    public Workspace Workspace()
    {
        var files = new RepositoryWalker(new WalkOptions()).Walk(Root);
        var content = new ContentScanner([], WorkspaceReader.NeedsText, 2 * 1024 * 1024).Scan(files);
        var workspace = WorkspaceReader.Read(files, content);
        _ = workspace.Ci;
        return workspace;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
