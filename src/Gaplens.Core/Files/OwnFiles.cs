using System.Text;
using System.Text.RegularExpressions;

namespace Gaplens.Core.Files;

/// <summary>
/// Files Gaplens itself wrote or reads as its configuration. They are never evidence: a report that quotes
/// "pgBackRest backups" is not a backup, and a waiver reason that names a scanner is not the scanner. Reports are
/// recognised by a marker at their very start (wherever they lie and whatever they are called), the configuration,
/// the lock and the temporary files of an output folder by their names.
/// </summary>
public static partial class OwnFiles
{
    /// <summary>The first comment of every Markdown, HTML and JUnit report (a JSON or SARIF report names its tool instead).</summary>
    public const string Marker = "<!-- gaplens-report";

    /// <summary>Held (advisory lock) while a run replaces the reports of an output folder.</summary>
    public const string LockFileName = ".gaplens-report.lock";

    /// <summary>Reports are written to "&lt;prefix&gt;&lt;name&gt;.&lt;random&gt;.tmp" in the output folder, then renamed into place.</summary>
    public const string TemporaryPrefix = ".gaplens-tmp.";

    public const string TemporarySuffix = ".tmp";

    /// <summary>How much of a file's start <see cref="IsOwnReport(ReadOnlySpan{byte})"/> needs.</summary>
    public const int HeadLength = 1024;

    private static readonly string[] ConfigurationNames = [".gaplens.yml", ".gaplens.yaml"];

    /// <summary>A configuration file name (.gaplens.yml) or a file of an output folder (lock, temporary report).</summary>
    public static bool IsOwnName(string fileName) =>
        ConfigurationNames.Contains(fileName, StringComparer.Ordinal) ||
        fileName.Equals(LockFileName, StringComparison.Ordinal) ||
        fileName.StartsWith(TemporaryPrefix, StringComparison.Ordinal) && fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    /// <summary>The marker line of a text report: readers of the report see it as a comment.</summary>
    public static string MarkerComment(string format, string version) => $"<!--{MarkerText(format, version)}-->";

    /// <summary>The text inside the marker comment (for writers that add the comment delimiters themselves).</summary>
    public static string MarkerText(string format, string version) =>
        $"{Marker["<!--".Length..]} {format}, written by gaplens {version}; a scan never reads it as evidence ";

    /// <summary>True when the first bytes of a file are those of a report Gaplens wrote (any format) or its starter configuration.</summary>
    public static bool IsOwnReport(ReadOnlySpan<byte> bytes)
    {
        var head = bytes.Length > HeadLength ? bytes[..HeadLength] : bytes;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        var text = Encoding.UTF8.GetString(head);
        return IsOwnReport(text);
    }

    public static bool IsOwnReport(string head)
    {
        var marker = head.IndexOf(Marker, StringComparison.Ordinal);
        if (marker >= 0 && head.AsSpan(0, marker).Count('\n') <= 1)
        {
            // Markdown starts with the marker; HTML and XML put it right after their first line.
            return marker == 0 || head[marker - 1] == '\n';
        }

        return head.StartsWith("# Gaplens configuration", StringComparison.Ordinal) || JsonReport().IsMatch(head) || SarifReport().IsMatch(head);
    }

    [GeneratedRegex("""\A\{\s*"schemaVersion":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"gaplens"\s*,""", RegexOptions.None, 1000)]
    private static partial Regex JsonReport();

    [GeneratedRegex("""\A\{\s*"\$schema":\s*"[^"\n]*sarif[^"\n]*",\s*"version":\s*"2\.1\.0",\s*"runs":\s*\[\s*\{\s*"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"Gaplens"\s*,""", RegexOptions.None, 1000)]
    private static partial Regex SarifReport();
}
