namespace Gaplens.Core.Files;

/// <summary>The names data files use for file classes ("csharp", "js", "config"...): one vocabulary for practices and ecosystems.</summary>
public static class FileClassNames
{
    private static readonly Dictionary<string, FileClass> Names = new(StringComparer.Ordinal)
    {
        ["csharp"] = FileClass.CSharp, ["js"] = FileClass.JavaScript, ["python"] = FileClass.Python, ["java"] = FileClass.Java,
        ["go"] = FileClass.Go, ["ruby"] = FileClass.Ruby, ["php"] = FileClass.Php, ["rust"] = FileClass.Rust, ["elixir"] = FileClass.Elixir,
        ["code"] = FileClass.Code, ["shell"] = FileClass.Shell, ["docs"] = FileClass.Docs, ["yaml"] = FileClass.Yaml, ["json"] = FileClass.Json,
        ["xml"] = FileClass.Xml, ["toml"] = FileClass.Toml, ["properties"] = FileClass.Properties, ["terraform"] = FileClass.Terraform,
        ["bicep"] = FileClass.Bicep, ["dockerfile"] = FileClass.Dockerfile, ["markup"] = FileClass.Markup, ["sql"] = FileClass.Sql,
        ["proto"] = FileClass.Proto, ["build"] = FileClass.Build, ["config"] = FileClass.Config, ["other"] = FileClass.OtherText,
        ["any"] = FileClass.AnyText,
    };

    /// <summary>Every name, for error messages.</summary>
    public static IEnumerable<string> All => Names.Keys;

    /// <summary>The union of the classes named in a comma-separated list; false when a name is unknown.</summary>
    public static bool TryParse(IEnumerable<string> parts, out FileClass classes, out string? unknown)
    {
        classes = FileClass.None;
        unknown = null;
        foreach (var part in parts.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Names.TryGetValue(part, out var fileClass))
            {
                unknown = part;
                return false;
            }

            classes |= fileClass;
        }

        return true;
    }
}
