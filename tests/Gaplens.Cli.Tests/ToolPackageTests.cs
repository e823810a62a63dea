using System.Diagnostics;

namespace Gaplens.Tests;

/// <summary>Gaplens ships as a .NET tool: pack it, install it into a temporary tool path, run it.</summary>
[Collection(ReleaseBuilds.Name)]
public sealed class ToolPackageTests
{
    [Fact]
    public void Packed_tool_installs_and_runs()
    {
        using var feed = FixtureCopy.Empty();
        using var tools = FixtureCopy.Empty();
        var project = Path.Combine(RepositoryPaths.Root, "src", "Gaplens.Cli", "Gaplens.Cli.csproj");

        var pack = Run("dotnet", $"pack \"{project}\" -c Release -o \"{feed.Root}\" --nologo -p:PackageVersion=0.0.0-test");
        Assert.True(pack.Code == 0, pack.Output);
        Assert.Single(Directory.GetFiles(feed.Root, "Gaplens.0.0.0-test.nupkg"));

        var install = Run("dotnet", $"tool install Gaplens --tool-path \"{tools.Root}\" --add-source \"{feed.Root}\" --version 0.0.0-test");
        Assert.True(install.Code == 0, install.Output);

        var rules = Run(Path.Combine(tools.Root, "gaplens"), "rules");
        Assert.True(rules.Code == 0, rules.Output);
        Assert.Contains("72 practices", rules.Output, StringComparison.Ordinal);

        var scan = Run(Path.Combine(tools.Root, "gaplens"), $"scan \"{Path.Combine(RepositoryPaths.Fixtures, "repos", "library")}\" --quiet --practice comp-license");
        Assert.True(scan.Code == 0, scan.Output);
        Assert.Contains("\"status\": \"present\"", scan.Output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}
