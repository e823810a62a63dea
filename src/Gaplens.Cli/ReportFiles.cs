using System.Security.Cryptography;
using System.Text;
using Gaplens.Core.Files;

namespace Gaplens.Cli;

/// <summary>
/// Replaces files in a folder as one set, never through a link and never half-written: under an advisory lock on
/// the folder (concurrent runs take turns instead of leaving a mix of formats), every file is first written in full
/// to a new temporary file beside its target (created exclusively, so an existing link is never followed), and only
/// then are all of them renamed into place. A rename replaces a link at the target, never what it points to.
/// </summary>
public static class ReportFiles
{
    /// <summary>How long a run waits for another run writing into the same folder.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Writes every (file name, content) into <paramref name="directory"/>; returns the paths written, in order.</summary>
    public static IReadOnlyList<string> Replace(string directory, IReadOnlyList<(string FileName, string Content)> files, bool takeLock = true)
    {
        Directory.CreateDirectory(directory);
        using var folderLock = takeLock ? Lock(directory) : null;
        var pending = new List<(string Temporary, string Target)>();
        try
        {
            foreach (var (fileName, content) in files)
            {
                var target = Path.Combine(directory, fileName);
                if (Directory.Exists(target) && new DirectoryInfo(target).LinkTarget is null)
                {
                    throw new IOException($"'{target}' is a directory");
                }

                var temporary = Path.Combine(directory, $"{OwnFiles.TemporaryPrefix}{fileName}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}{OwnFiles.TemporarySuffix}");
                pending.Add((temporary, target));
                using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                var bytes = Utf8.GetBytes(content);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            // Every format is complete on disk: now swap them in, one rename each.
            var written = new List<string>();
            foreach (var (temporary, target) in pending)
            {
                File.Move(temporary, target, overwrite: true);
                written.Add(target);
            }

            pending.Clear();
            return written;
        }
        finally
        {
            foreach (var (temporary, _) in pending)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Best effort: a leftover temporary file is recognised by its name and never read as evidence.
                }
            }
        }
    }

    /// <summary>
    /// The folder's lock file, held open without sharing (an advisory lock the kernel drops when the process ends,
    /// so a killed run never leaves the folder locked). The file itself stays: deleting it would let two runs lock
    /// two different files of the same name.
    /// </summary>
    private static FileStream Lock(string directory)
    {
        var path = Path.Combine(directory, OwnFiles.LockFileName);
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path); // the link itself, never its target
        }

        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (waited < LockWait && File.Exists(path))
            {
                Thread.Sleep(step);
                waited += step;
            }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new IOException($"another gaplens run has been writing into '{directory}' for {LockWait.TotalSeconds:0} s ({ex.Message})", ex);
            }
        }
    }
}
