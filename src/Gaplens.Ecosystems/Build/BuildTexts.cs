using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// Files a build can run that are not configuration or shell by name, whose text the content pass must keep so
/// that CI steps can be followed into them: Rakefiles and .rake files, mix.exs, noxfile.py, Cake scripts, NUKE build
/// projects, xtask sources, and scripts without an extension (or Python scripts) in bin/, script/, scripts/, ci/ and
/// tool folders.
/// </summary>
public static class BuildTexts
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "Rakefile", "rakefile", "Rakefile.rb", "GNUmakefile", ".justfile", "mix.exs", "noxfile.py", "build.cake",
    };

    private static readonly HashSet<string> ScriptFolders = new(StringComparer.Ordinal)
    {
        "bin", "script", "scripts", "ci", ".ci", "tools", "hack", ".buildkite", ".github", ".woodpecker", ".circleci", "build", "dev", ".devops", "deploy",
    };

    private static readonly HashSet<string> BuildProjectFolders = new(StringComparer.Ordinal) { "build", "_build", ".build", "nuke" };

    public static bool Needs(RepoFile file)
    {
        var name = file.Name;
        if (Names.Contains(name) || name.EndsWith(".cake", StringComparison.Ordinal) || name.EndsWith(".rake", StringComparison.Ordinal))
        {
            return true;
        }

        var directory = RelativePaths.FileName(file.Directory);
        if (file.Size <= 128 * 1024 && ScriptFolders.Contains(directory) && (!name.Contains('.', StringComparison.Ordinal) || name.EndsWith(".py", StringComparison.Ordinal)))
        {
            return true;
        }

        if (name.EndsWith(".cs", StringComparison.Ordinal) && BuildProjectFolders.Contains(directory))
        {
            return true;
        }

        return name.EndsWith(".rs", StringComparison.Ordinal) && file.Path.Contains("xtask/src/", StringComparison.Ordinal);
    }
}
