using System.Diagnostics;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>
/// Runs the command line where file permissions apply. Permission bits do not stop root, so as root the built CLI runs
/// in a child process as the unprivileged user 'nobody' (setpriv); otherwise it runs in process.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class Unprivileged
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    public static CliRun Run(params string[] args)
    {
        if (!IsRoot)
        {
            return CliRun.Of(args);
        }

        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", typeof(GaplensCli).Assembly.Location }.Concat(args))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the unprivileged run did not finish");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A directory the unprivileged user can neither list nor write (mode 000 as a user; 700 owned by root as root).</summary>
    public static void DenyAll(string directory) => File.SetUnixFileMode(directory, IsRoot ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.None);

    /// <summary>A directory the unprivileged user can list but not write.</summary>
    public static void ReadOnly(string directory) => File.SetUnixFileMode(directory,
        UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    public static void Restore(string directory) => File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}
