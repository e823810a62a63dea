namespace Gaplens.Core.Model;

/// <summary>Something the scan could not read, parse or follow; the scan goes on and reports it.</summary>
/// <param name="Kind">A problem (the file was left out, or part of it) or a note on a file that was read.</param>
public sealed record ScanWarning(string Path, string Message, ScanWarningKind Kind = ScanWarningKind.Problem);

/// <summary>Whether a warning cost the scan a file (or part of it), or only notes how a file was read.</summary>
public enum ScanWarningKind
{
    /// <summary>Not read, not parsed, not followed: the scan went on without it.</summary>
    Problem,

    /// <summary>Read, with a remark (an encoding guessed): its content counts.</summary>
    Note,
}
