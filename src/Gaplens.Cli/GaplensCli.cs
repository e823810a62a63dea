using System.CommandLine;

namespace Gaplens.Cli;

/// <summary>The command tree; usage errors exit with 2, never with the parser's default.</summary>
public static class GaplensCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Gaplens: production-readiness gap analysis of a repository, grounded in its files.")
        {
            ScanCommand.Create(output, error, new ScanHistoryOptions()),
            HistoryCommands.History(output, error),
            HistoryCommands.Diff(output, error),
            ServerCommands.Serve(output, error),
            ServerCommands.Worker(output, error),
            ServerCommands.Server(output, error),
            UploadCommand.Create(output, error),
            CatalogCommands.Explain(output, error),
            CatalogCommands.Rules(output, error),
            InitCommand.Create(output, error),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine("Run 'gaplens --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error.WriteLine($"error: gaplens failed unexpectedly: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.ScanError;
        }
    }
}
