namespace Gaplens.Cli;

/// <summary>Documented exit codes (README "Exit codes"): never negative, so shells and CI read them the same.</summary>
public static class ExitCodes
{
    /// <summary>The scan completed (and the gate, if any, passed).</summary>
    public const int Ok = 0;

    /// <summary>The gate failed: an open gap at or above --fail-on.</summary>
    public const int GateFailed = 1;

    /// <summary>Usage error: unknown option, a path that does not exist, an invalid configuration file.</summary>
    public const int Usage = 2;

    /// <summary>The scan itself could not run (unreadable root, internal error).</summary>
    public const int ScanError = 3;
}
