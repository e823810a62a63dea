using System.CommandLine;
using System.Text.RegularExpressions;

namespace Gaplens.Cli;

/// <summary>
/// The command tree and the exit-code contract: usage errors exit with 2, anything unexpected with 3 and one line
/// (the stack trace only with --verbose); never the parser's own codes or traces.
/// </summary>
public static partial class GaplensCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var verbose = new Option<bool>("--verbose") { Description = "On an unexpected error, print its full details (stack trace).", Recursive = true };
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
        root.Options.Add(verbose);

        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (Exception ex)
        {
            return Unexpected(error, ex, args.Contains("--verbose", StringComparer.Ordinal));
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {Humanize(parseError.Message)}");
            }

            error.WriteLine("Run 'gaplens --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            return Unexpected(error, ex, parse.GetValue(verbose));
        }
    }

    /// <summary>An error nobody planned for: one line and exit 3, or the whole exception with --verbose.</summary>
    public static int Unexpected(TextWriter error, Exception ex, bool verbose)
    {
        try
        {
            error.WriteLine(verbose
                ? $"error: gaplens failed unexpectedly: {ex}"
                : $"error: gaplens failed unexpectedly: {ex.GetType().Name}: {Terminal.Safe(FirstLine(ex.Message))} (--verbose shows the details)");
        }
        catch (IOException)
        {
            // stderr is gone (a closed pipe): the exit code still tells.
        }

        return ExitCodes.ScanError;
    }

    /// <summary>Parser messages name .NET types ("System.Nullable`1[System.Int32]"); a user needs the kind of value instead.</summary>
    public static string Humanize(string message) =>
        ExpectedType().Replace(message, match => match.Groups["type"].Value switch
        {
            var t when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal) => "a whole number",
            var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) => "a number",
            _ => "a value of the right kind",
        });

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }

    [GeneratedRegex(@"as expected type '(?<type>[^']*)'")]
    private static partial Regex ExpectedType();
}
