namespace Gaplens.Core.Model;

/// <summary>A place in the repository that shows (or disproves) a practice.</summary>
public sealed record Evidence(string Path, int? Line, string Detail)
{
    public override string ToString() => Line is { } line ? $"{Path}:{line}" : Path;
}
