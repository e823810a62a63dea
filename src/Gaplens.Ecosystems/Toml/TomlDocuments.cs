using Gaplens.Core.Files;
using Tomlyn;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Toml;

/// <summary>One TOML parse for every reader (pyproject, Pipfile, Cargo.toml, fly.toml): errors become a message, never an exception.</summary>
public static class TomlDocuments
{
    public static TomlTable? Parse(SourceText source, out string? error)
    {
        error = Parsing.ParseGuard.CheckBracketNesting(source.Text, "TOML");
        if (error is not null)
        {
            return null;
        }

        try
        {
            return TomlSerializer.Deserialize<TomlTable>(source.Text) ?? new TomlTable();
        }
        catch (Exception ex) when (ex is TomlException or InvalidOperationException or ArgumentException)
        {
            error = $"invalid TOML: {ex.Message.Split('\n')[0].Trim()}";
            return null;
        }
    }
}
