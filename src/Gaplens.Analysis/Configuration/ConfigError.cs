namespace Gaplens.Analysis.Configuration;

/// <summary>An invalid configuration: which file, which line and what is wrong.</summary>
public sealed class ConfigError(string file, int line, string message) : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Problem { get; } = message;
}
