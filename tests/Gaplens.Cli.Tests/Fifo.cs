using System.Diagnostics;

namespace Gaplens.Tests;

internal static class Fifo
{
    /// <summary>A named pipe on disk: opening it for reading blocks until a writer comes.</summary>
    public static void Make(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
