using System.Diagnostics;
using System.Text;

namespace Gaplens.Server.Jobs;

/// <summary>A git command that failed: the message is shown on the job and on the repository page (credentials removed).</summary>
public sealed class GitException(string message) : Exception(message);

/// <summary>
/// The `git` executable, run without a shell: no terminal prompt (a private repository without credentials fails
/// at once instead of hanging), no hooks, a time limit, and "--" before every URL so it can never be an option.
/// </summary>
public sealed class Git(TimeSpan timeout)
{
    public async Task<string> RunAsync(string? workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in new[] { "-c", "core.hooksPath=/dev/null", "-c", "credential.interactive=never", "-c", "advice.detachedHead=false" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "/bin/false";
        start.Environment["SSH_ASKPASS"] = "/bin/false";
        start.Environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        start.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new GitException($"git could not be started ({ex.Message}); install git on the worker");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(output, error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GitException($"git {arguments[0]} took longer than {timeout.TotalSeconds:0} s and was stopped");
        }

        if (process.ExitCode != 0)
        {
            throw new GitException($"git {arguments[0]} failed (exit {process.ExitCode}): {Clean(error.Result)}");
        }

        return output.Result;
    }

    /// <summary>The commit a branch (or the default branch) points to, without cloning.</summary>
    public async Task<string> RemoteHeadAsync(string url, string? branch, CancellationToken cancellationToken)
    {
        var reference = branch is null ? "HEAD" : $"refs/heads/{branch}";
        var output = await RunAsync(null, ["ls-remote", "--", url, reference], cancellationToken);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (line is null)
        {
            throw new GitException(branch is null ? $"the repository has no HEAD" : $"branch '{branch}' does not exist in the repository");
        }

        return line.Split('\t')[0].Trim();
    }

    /// <summary>A shallow clone of one branch into target (a new folder).</summary>
    public Task CloneAsync(string url, string? branch, string target, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "clone", "--quiet", "--depth", "1", "--single-branch", "--no-recurse-submodules" };
        if (branch is not null)
        {
            arguments.AddRange(["--branch", branch]);
        }

        arguments.AddRange(["--", url, target]);
        return RunAsync(null, arguments, cancellationToken);
    }

    public async Task<(string Commit, DateOnly Date)> HeadAsync(string checkout, CancellationToken cancellationToken)
    {
        var output = (await RunAsync(checkout, ["log", "-1", "--format=%H %cs"], cancellationToken)).Trim();
        var parts = output.Split(' ');
        return (parts[0], DateOnly.ParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>git's message without URLs' credentials and control characters, at most 1,000 characters.</summary>
    public static string Clean(string message)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(message, @"(?<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", "${scheme}***@", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        var builder = new StringBuilder();
        foreach (var c in text.Trim())
        {
            builder.Append(c is '\n' ? ' ' : char.IsControl(c) ? '?' : c);
        }

        return builder.Length > 1000 ? builder.ToString(0, 1000) + "…" : builder.ToString();
    }
}
