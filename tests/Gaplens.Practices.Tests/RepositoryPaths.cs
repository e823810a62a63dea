namespace Gaplens.Tests;

/// <summary>Locates the repository's folders from the test assembly, so tests read real files.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Catalog => Path.Combine(Root, "src", "Gaplens.Practices", "Catalog");

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Spec => Path.Combine(Root, "spec");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
