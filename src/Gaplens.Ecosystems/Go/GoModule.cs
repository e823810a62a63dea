using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Go;

/// <summary>A go.mod file: module path and required modules (go.mod has its own simple line grammar).</summary>
public sealed class GoModule
{
    private GoModule(string path, string? module, IReadOnlyList<PackageReference> requires)
    {
        Path = path;
        Module = module;
        Requires = requires;
        Directory = RelativePaths.DirectoryOf(path);
    }

    public string Path { get; }

    public string Directory { get; }

    public string? Module { get; }

    public IReadOnlyList<PackageReference> Requires { get; }

    public static GoModule Parse(SourceText source)
    {
        string? module = null;
        var requires = new List<PackageReference>();
        var inBlock = false;
        var lineNumber = 0;
        foreach (var raw in source.Lines())
        {
            lineNumber++;
            var line = raw.Trim();
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            var indirect = comment >= 0 && line[comment..].Contains("indirect", StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment].Trim();
            }

            if (line.StartsWith("module ", StringComparison.Ordinal))
            {
                module = line[7..].Trim().Trim('"');
                continue;
            }

            if (line.StartsWith("require (", StringComparison.Ordinal) || line == "require(")
            {
                inBlock = true;
                continue;
            }

            if (inBlock && line == ")")
            {
                inBlock = false;
                continue;
            }

            string? spec = null;
            if (inBlock)
            {
                spec = line;
            }
            else if (line.StartsWith("require ", StringComparison.Ordinal))
            {
                spec = line[8..].Trim();
            }

            if (!string.IsNullOrEmpty(spec))
            {
                var name = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                requires.Add(new PackageReference(GoEcosystem.Modules, name, source.File.Path, lineNumber, indirect));
            }
        }

        return new GoModule(source.File.Path, module, requires);
    }
}
