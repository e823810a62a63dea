using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Containers;

/// <summary>A Dockerfile read instruction by instruction (continuation lines joined).</summary>
public sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions)
    {
        Path = path;
        Instructions = instructions;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    /// <summary>Base image of the final stage.</summary>
    public DockerInstruction? FinalFrom => All("FROM").LastOrDefault();

    /// <summary>The last USER of the final stage, if any.</summary>
    public DockerInstruction? FinalUser
    {
        get
        {
            var lastFrom = Instructions.ToList().FindLastIndex(i => i.Keyword == "FROM");
            return Instructions.Skip(Math.Max(0, lastFrom)).LastOrDefault(i => i.Keyword == "USER");
        }
    }

    /// <summary>True for images used only as development containers, which are not deployed.</summary>
    public bool IsDevContainer => Path.Contains(".devcontainer/", StringComparison.Ordinal) || Path.Contains(".gitpod", StringComparison.Ordinal);

    /// <summary>Image name of a FROM instruction without its "AS stage" part.</summary>
    public static string ImageOf(DockerInstruction from)
    {
        var parts = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return parts.Length == 0 ? string.Empty : parts[0];
    }

    /// <summary>Stage names defined with "FROM image AS name", so that "FROM build" is not mistaken for an image.</summary>
    public IReadOnlySet<string> StageNames => All("FROM")
        .Select(f => f.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(p => p.Length >= 3 && p[^2].Equals("AS", StringComparison.OrdinalIgnoreCase))
        .Select(p => p[^1])
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static Dockerfile Parse(SourceText source)
    {
        var instructions = new List<DockerInstruction>();
        var pending = string.Empty;
        var startLine = 0;
        for (var i = 1; i <= source.LineCount; i++)
        {
            var raw = source.Line(i);
            var trimmed = raw.Trim();
            if (pending.Length == 0 && (trimmed.Length == 0 || trimmed.StartsWith('#')))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                startLine = i;
            }

            if (trimmed.StartsWith('#'))
            {
                continue;
            }

            if (trimmed.EndsWith('\\'))
            {
                pending += trimmed[..^1] + " ";
                continue;
            }

            pending += trimmed;
            var space = pending.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? pending : pending[..space]).ToUpperInvariant();
            var arguments = space < 0 ? string.Empty : pending[(space + 1)..].Trim();
            instructions.Add(new DockerInstruction(keyword, arguments, startLine));
            pending = string.Empty;
        }

        return new Dockerfile(source.File.Path, instructions);
    }
}

public sealed record DockerInstruction(string Keyword, string Arguments, int Line);
