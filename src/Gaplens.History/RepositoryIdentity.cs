using System.Text.RegularExpressions;

namespace Gaplens.History;

/// <summary>
/// What history keys a repository by: its origin remote when it has one (so two clones share a history), else the
/// full path of the folder. Credentials in a remote URL are never kept.
/// </summary>
public sealed partial record RepositoryIdentity(string Key, string Name)
{
    public static RepositoryIdentity Resolve(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0)
        {
            full = Path.DirectorySeparatorChar.ToString();
        }

        var folderName = Path.GetFileName(full);
        if (OriginUrl(full) is { } url)
        {
            var clean = WithoutCredentials(url);
            return new RepositoryIdentity(clean, NameOf(clean) ?? folderName);
        }

        return new RepositoryIdentity(full, string.IsNullOrEmpty(folderName) ? full : folderName);
    }

    /// <summary>https://user:token@host/org/repo.git → https://host/org/repo.git; scp-like git@host:org/repo stays.</summary>
    public static string WithoutCredentials(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 && !uri.IsFile)
        {
            var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
            return builder.Uri.ToString();
        }

        return url;
    }

    /// <summary>The last path segment of a remote URL without ".git".</summary>
    public static string? NameOf(string url)
    {
        var trimmed = url.TrimEnd('/');
        var cut = Math.Max(trimmed.LastIndexOf('/'), trimmed.LastIndexOf(':'));
        var name = cut >= 0 ? trimmed[(cut + 1)..] : trimmed;
        if (name.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        return name.Length == 0 ? null : name;
    }

    private static string? OriginUrl(string root)
    {
        try
        {
            var git = Path.Combine(root, ".git");
            string? gitDirectory = null;
            if (Directory.Exists(git))
            {
                gitDirectory = git;
            }
            else if (File.Exists(git))
            {
                var pointer = File.ReadAllText(git).Trim();
                if (pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    gitDirectory = Path.GetFullPath(Path.Combine(root, pointer[7..].Trim()));
                    var commondir = Path.Combine(gitDirectory, "commondir");
                    if (File.Exists(commondir))
                    {
                        gitDirectory = Path.GetFullPath(Path.Combine(gitDirectory, File.ReadAllText(commondir).Trim()));
                    }
                }
            }

            var config = gitDirectory is null ? null : Path.Combine(gitDirectory, "config");
            if (config is null || !File.Exists(config) || new FileInfo(config).Length > 1024 * 1024)
            {
                return null;
            }

            var inOrigin = false;
            foreach (var raw in File.ReadLines(config))
            {
                var line = raw.Trim();
                if (line.StartsWith('['))
                {
                    inOrigin = OriginSection().IsMatch(line);
                    continue;
                }

                if (inOrigin && UrlLine().Match(line) is { Success: true } match)
                {
                    return match.Groups[1].Value.Trim().Trim('"');
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }

        return null;
    }

    [GeneratedRegex("""^\[\s*remote\s+"origin"\s*\]$""")]
    private static partial Regex OriginSection();

    [GeneratedRegex("""^url\s*=\s*(.+)$""")]
    private static partial Regex UrlLine();
}
