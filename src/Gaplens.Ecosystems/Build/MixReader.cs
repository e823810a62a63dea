using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// The aliases of a mix.exs (<c>ci: ["format --check-formatted", "test"]</c>): each entry is a mix task, or a shell
/// command after <c>cmd</c>. An alias that names itself (<c>test: ["ecto.create", "test"]</c>) runs the task itself.
/// </summary>
public static partial class MixReader
{
    public static BuildFile Read(SourceText source)
    {
        var targets = new List<BuildTarget>();
        var start = AliasesFunction().Match(source.Text);
        if (start.Success)
        {
            var end = source.Text.IndexOf("\n  end", start.Index, StringComparison.Ordinal);
            var body = end < 0 ? source.Text[start.Index..] : source.Text[start.Index..end];
            foreach (Match entry in Entry().Matches(body))
            {
                var name = entry.Groups[1].Success ? entry.Groups[1].Value : entry.Groups[2].Value;
                var lines = new List<BuildLine>();
                foreach (Match item in Item().Matches(entry.Groups[3].Value))
                {
                    var value = item.Groups[1].Value;
                    var line = source.LineOf(start.Index + entry.Groups[3].Index + item.Index);
                    lines.Add(value.StartsWith("cmd ", StringComparison.Ordinal) ? new BuildLine(value[4..], line) : new BuildLine("mix " + value, line));
                }

                targets.Add(new BuildTarget(name, source.LineOf(start.Index + entry.Index), [], lines, Path: source.File.Path));
            }
        }

        return new BuildFile("mix", source.File.Path, RelativePaths.DirectoryOf(source.File.Path), targets, null);
    }

    [GeneratedRegex(@"defp?\s+aliases\b")]
    private static partial Regex AliasesFunction();

    [GeneratedRegex(@"(?:""([\w.:-]+)""|([\w.]+)):\s*(\[[^\]]*\]|""[^""]*"")", RegexOptions.Singleline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex Item();
}
