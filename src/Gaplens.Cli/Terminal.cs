namespace Gaplens.Cli;

/// <summary>Human output on stderr: progress and summary, coloured only on a terminal and when NO_COLOR is unset.</summary>
public sealed class Terminal
{
    private readonly TextWriter error;
    private readonly bool interactive;
    private readonly bool color;
    private bool progressShown;

    public Terminal(TextWriter error, bool quiet, bool? interactive = null)
    {
        this.error = error;
        Quiet = quiet;
        this.interactive = interactive ?? !Console.IsErrorRedirected;
        color = this.interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }

    public bool Quiet { get; }

    public void Progress(string message)
    {
        if (Quiet)
        {
            return;
        }

        if (interactive)
        {
            error.Write($"\r\u001b[2K{message}…");
            progressShown = true;
        }
        else
        {
            error.WriteLine($"gaplens: {message}");
        }
    }

    public void EndProgress()
    {
        if (progressShown)
        {
            error.Write("\r\u001b[2K");
            progressShown = false;
        }
    }

    public void Line(string text = "")
    {
        if (!Quiet)
        {
            error.WriteLine(text);
        }
    }

    /// <summary>Errors are printed even with --quiet.</summary>
    public void Error(string text)
    {
        EndProgress();
        error.WriteLine(Paint($"error: {text}", "31"));
    }

    /// <summary>Warnings speak of the scanned repository, so they are made safe before they reach the terminal.</summary>
    public void Warning(string text)
    {
        if (!Quiet)
        {
            error.WriteLine(Paint($"warning: {Safe(text)}", "33"));
        }
    }

    /// <summary>Text from the scanned repository for the terminal: secrets masked, control characters replaced.</summary>
    public static string Safe(string text)
    {
        var masked = Core.Secrets.SecretPatterns.Mask(text);
        return string.Create(masked.Length, masked, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    public string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
