namespace Gaplens.Ecosystems;

/// <summary>Root-relative path arithmetic with forward slashes; never escapes above the root.</summary>
public static class RelativePaths
{
    /// <summary>Joins a root-relative directory with a relative path that may use backslashes and "..".</summary>
    public static string Combine(string directory, string relative)
    {
        var parts = new List<string>();
        if (directory.Length > 0)
        {
            parts.AddRange(directory.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        var normalized = relative.Replace('\\', '/');
        if (normalized.StartsWith('/'))
        {
            parts.Clear();
        }

        foreach (var part in normalized.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> or lies below it ("" is the root).</summary>
    public static bool IsUnder(string path, string directory) =>
        directory.Length == 0 ||
        path.Equals(directory, StringComparison.Ordinal) ||
        path.Length > directory.Length && path[directory.Length] == '/' && path.StartsWith(directory, StringComparison.Ordinal);

    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    public static string FileName(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? path : path[(slash + 1)..];
    }

    /// <summary>Path segments, for checks like "is under a tests folder".</summary>
    public static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
