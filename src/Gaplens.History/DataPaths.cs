namespace Gaplens.History;

/// <summary>Where Gaplens keeps data by default: $XDG_DATA_HOME/gaplens, else ~/.local/share/gaplens (LocalApplicationData elsewhere).</summary>
public static class DataPaths
{
    public static string Folder(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var xdg = environment("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "gaplens");
        }

        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "gaplens");
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "gaplens");
    }

    /// <summary>The local history of `gaplens scan --store`.</summary>
    public static string HistoryDatabase(Func<string, string?>? environment = null) => Path.Combine(Folder(environment), "history.db");

    /// <summary>The embedded database of `gaplens serve` when no PostgreSQL connection string is given.</summary>
    public static string ServerDatabase(Func<string, string?>? environment = null) => Path.Combine(Folder(environment), "server.db");
}
