namespace Gaplens.Core.Files;

/// <summary>One file of the scanned tree, named by its path relative to the root with forward slashes.</summary>
public sealed class RepoFile
{
    public RepoFile(int id, string path, string fullPath, long size, FileClass fileClass)
    {
        Id = id;
        Path = path;
        FullPath = fullPath;
        Size = size;
        Class = fileClass;
        var slash = path.LastIndexOf('/');
        Name = slash < 0 ? path : path[(slash + 1)..];
        Directory = slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>Position in the index: stable for one tree because the index is sorted by path.</summary>
    public int Id { get; }

    public string Path { get; }

    public string FullPath { get; }

    public string Name { get; }

    /// <summary>Directory relative to the root, empty for files at the root.</summary>
    public string Directory { get; }

    public long Size { get; }

    public FileClass Class { get; }

    public bool Is(FileClass mask) => (Class & mask) != 0;

    public override string ToString() => Path;
}
