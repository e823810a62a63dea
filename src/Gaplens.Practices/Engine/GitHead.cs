using System.Globalization;
using System.Text.RegularExpressions;

namespace Gaplens.Practices.Engine;

/// <summary>Reads the HEAD commit of a git work tree from .git directly (no git process), and its committer date when the object is loose.</summary>
public static partial class GitHead
{
    public static (string? Commit, DateTimeOffset? Date) Read(string root)
    {
        try
        {
            var gitDirectory = Path.Combine(root, ".git");
            if (File.Exists(gitDirectory))
            {
                // A worktree or submodule: ".git" is a file with "gitdir: <path>".
                var pointer = ReadSmall(gitDirectory).Trim();
                if (!pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return (null, null);
                }

                gitDirectory = Path.GetFullPath(Path.Combine(root, pointer[7..].Trim()));
            }

            if (!Directory.Exists(gitDirectory))
            {
                return (null, null);
            }

            var head = ReadSmall(Path.Combine(gitDirectory, "HEAD")).Trim();
            string? commit = null;
            if (head.StartsWith("ref:", StringComparison.Ordinal))
            {
                var reference = head[4..].Trim();
                var common = File.Exists(Path.Combine(gitDirectory, "commondir"))
                    ? Path.GetFullPath(Path.Combine(gitDirectory, ReadSmall(Path.Combine(gitDirectory, "commondir")).Trim()))
                    : gitDirectory;
                foreach (var directory in new[] { gitDirectory, common })
                {
                    var loose = Path.Combine(directory, reference.Replace('/', Path.DirectorySeparatorChar));
                    if (File.Exists(loose))
                    {
                        commit = ReadSmall(loose).Trim();
                        break;
                    }

                    var packed = Path.Combine(directory, "packed-refs");
                    if (File.Exists(packed))
                    {
                        foreach (var line in ReadSmall(packed, 256L << 20).Split('\n'))
                        {
                            if (line.EndsWith(" " + reference, StringComparison.Ordinal))
                            {
                                commit = line[..line.IndexOf(' ', StringComparison.Ordinal)];
                                break;
                            }
                        }
                    }

                    if (commit is not null)
                    {
                        break;
                    }
                }
            }
            else
            {
                commit = head;
            }

            if (commit is null || !Sha().IsMatch(commit))
            {
                return (null, null);
            }

            return (commit, CommitDate(gitDirectory, commit));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            return (null, null);
        }
    }

    /// <summary>A file of .git, read only when it is a regular file of bounded size (a FIFO named HEAD must not block the scan).</summary>
    private static string ReadSmall(string path, long maxBytes = 1 << 20) =>
        System.Text.Encoding.UTF8.GetString(Core.Files.FileKinds.ReadRegularFile(path, maxBytes));

    private static DateTimeOffset? CommitDate(string gitDirectory, string commit)
    {
        var path = Path.Combine(gitDirectory, "objects", commit[..2], commit[2..]);
        if (!File.Exists(path) || Core.Files.FileKinds.IsSpecial(Core.Files.FileKinds.Of(path)))
        {
            return null;
        }

        using var stream = new System.IO.Compression.ZLibStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var buffer = new char[4096];
        var read = reader.Read(buffer, 0, buffer.Length);
        var text = new string(buffer, 0, read);
        var match = Committer().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var seconds = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var zone = match.Groups[2].Value;
        var offset = new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[3..5], CultureInfo.InvariantCulture), 0);
        if (zone[0] == '-')
        {
            offset = -offset;
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset);
    }

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex Sha();

    [GeneratedRegex(@"\ncommitter [^\n]*> (\d+) ([+-]\d{4})")]
    private static partial Regex Committer();
}
