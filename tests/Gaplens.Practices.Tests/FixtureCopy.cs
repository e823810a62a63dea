namespace Gaplens.Tests;

/// <summary>A temporary copy of a fixture tree (minus its case file), so that scans see exactly the sample.</summary>
internal sealed class FixtureCopy : IDisposable
{
    private FixtureCopy(string root) => Root = root;

    public string Root { get; }

    public static FixtureCopy Of(string source, params string[] exclude)
    {
        var root = Path.Combine(Path.GetTempPath(), "gaplens-case-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (exclude.Contains(relative))
            {
                continue;
            }

            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Directory.CreateDirectory(root);
        return new FixtureCopy(root);
    }

    public static FixtureCopy Empty()
    {
        var root = Path.Combine(Path.GetTempPath(), "gaplens-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return new FixtureCopy(root);
    }

    public FixtureCopy With(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
