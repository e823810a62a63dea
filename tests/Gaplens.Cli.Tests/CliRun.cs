using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>Runs the command line in process with captured stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = GaplensCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
