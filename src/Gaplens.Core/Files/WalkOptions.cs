namespace Gaplens.Core.Files;

/// <summary>Limits of one walk of a tree.</summary>
public sealed record WalkOptions
{
    /// <summary>Directories that hold build output, dependencies or tool caches, never the project's own files.</summary>
    public static readonly IReadOnlySet<string> DefaultSkippedDirectories = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", "bin", "obj", "dist", "vendor",
        ".venv", "venv", "target", "__pycache__", ".next", ".nuxt", ".svelte-kit", ".angular", ".turbo", ".terraform",
        ".gradle", ".idea", ".vs", ".cache", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".yarn",
        ".pnpm-store", "coverage", ".nyc_output", "TestResults", ".serverless", ".aws-sam", ".parcel-cache",
    };

    /// <summary>Files larger than this are listed but not read (a warning says so).</summary>
    public long MaxFileSize { get; init; } = 2 * 1024 * 1024;

    public IReadOnlySet<string> SkippedDirectories { get; init; } = DefaultSkippedDirectories;

    /// <summary>Files never listed, by full path: the configuration file in use when it lies in the tree.</summary>
    public IReadOnlyCollection<string> ExcludedPaths { get; init; } = [];

    /// <summary>Honour .gitignore files found in the tree.</summary>
    public bool HonourGitIgnore { get; init; } = true;
}
