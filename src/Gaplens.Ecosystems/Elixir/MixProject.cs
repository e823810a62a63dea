using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Elixir;

/// <summary>A release declared in mix.exs and the applications it starts.</summary>
public sealed record MixRelease(string Name, int Line, IReadOnlyList<string> Applications);

/// <summary>
/// A mix.exs, read as text (it is Elixir code, so only its conventional shapes are understood): the OTP application
/// name, whether it is an umbrella (apps_path), its releases, whether it starts an application callback (mod:),
/// whether it is published to Hex (package:) or is a command-line escript, and its dependencies — development and
/// test ones flagged, sibling umbrella apps (in_umbrella: true) kept apart from packages.
/// </summary>
public sealed partial record MixProject(
    string Path,
    string? App,
    string? AppsPath,
    IReadOnlyList<MixRelease> Releases,
    bool StartsApplication,
    bool IsHexPackage,
    bool IsEscript,
    IReadOnlyList<PackageReference> Packages,
    IReadOnlyList<string> UmbrellaDependencies)
{
    public string Directory => RelativePaths.DirectoryOf(Path);

    public bool IsUmbrella => AppsPath is not null;

    public bool Requires(string package) => Packages.Any(p => !p.Development && p.Name.Equals(package, StringComparison.Ordinal));

    public static MixProject Parse(SourceText source, PackageEcosystem hex)
    {
        var text = source.Text;
        var app = AppOption().Match(text) is { Success: true } a ? a.Groups[2].Value : null;
        var appsPath = AppsPathOption().Match(text) is { Success: true } p ? p.Groups[1].Value : null;
        var packages = new List<PackageReference>();
        var umbrella = new List<string>();
        foreach (var (name, options, offset) in Dependencies(text))
        {
            if (Regex.IsMatch(options, @"in_umbrella:\s*true", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
            {
                umbrella.Add(name);
                continue;
            }

            packages.Add(new PackageReference(hex, name, source.File.Path, LineAt(text, offset), IsDevelopment(options)));
        }

        return new MixProject(
            source.File.Path,
            app,
            appsPath,
            ReadReleases(text),
            ModCallback().IsMatch(text),
            HexPackage().IsMatch(text),
            Escript().IsMatch(text),
            packages,
            umbrella);
    }

    /// <summary>only: :dev / [:dev, :test] without :prod, runtime: false (a build tool), or runtime: Mix.env() == :dev.</summary>
    private static bool IsDevelopment(string options)
    {
        var only = OnlyOption().Match(options);
        if (only.Success)
        {
            var environments = only.Groups[1].Value;
            return !environments.Contains(":prod", StringComparison.Ordinal) && (environments.Contains(":dev", StringComparison.Ordinal) || environments.Contains(":test", StringComparison.Ordinal));
        }

        return RuntimeDevelopment().IsMatch(options);
    }

    /// <summary>Dependency tuples {:name, ...} inside the deps list (the deps function, or deps: [...] in project).</summary>
    private static IEnumerable<(string Name, string Options, int Offset)> Dependencies(string text)
    {
        foreach (var body in DepsBodies(text))
        {
            var index = body.Start;
            while (index < body.End)
            {
                var open = text.IndexOf("{:", index, body.End - index, StringComparison.Ordinal);
                if (open < 0)
                {
                    break;
                }

                var close = Matching(text, open, '{', '}', body.End);
                var tuple = text[(open + 2)..(close < 0 ? body.End : close)];
                var name = NameAtStart().Match(tuple);
                if (name.Success && !IsCommented(text, open))
                {
                    yield return (name.Groups[1].Value, tuple[name.Length..], open);
                }

                index = close < 0 ? body.End : close + 1;
            }
        }
    }

    /// <summary>The text ranges that list dependencies: "defp deps ... end" bodies and "deps: [ ... ]" lists.</summary>
    private static IEnumerable<(int Start, int End)> DepsBodies(string text)
    {
        foreach (Match m in DepsFunction().Matches(text))
        {
            var open = text.IndexOf('[', m.Index + m.Length);
            if (open >= 0 && Matching(text, open, '[', ']', text.Length) is var close and > 0)
            {
                yield return (open, close);
            }
        }

        foreach (Match m in DepsList().Matches(text))
        {
            var open = m.Index + m.Length - 1;
            if (Matching(text, open, '[', ']', text.Length) is var close and > 0)
            {
                yield return (open, close);
            }
        }
    }

    private static IReadOnlyList<MixRelease> ReadReleases(string text)
    {
        var match = ReleasesStart().Match(text);
        if (!match.Success)
        {
            return [];
        }

        var open = text.IndexOf('[', match.Index + match.Length - 1);
        var close = open < 0 ? -1 : Matching(text, open, '[', ']', text.Length);
        if (close < 0)
        {
            return [];
        }

        // Release names are the keys at the first level of the list: "hexpm: [ ... ]".
        var releases = new List<MixRelease>();
        var depth = 0;
        for (var i = open + 1; i < close; i++)
        {
            var c = text[i];
            if (c is '[' or '{' or '(')
            {
                depth++;
            }
            else if (c is ']' or '}' or ')')
            {
                depth--;
            }
            else if (depth == 0 && (char.IsLetter(c) || c == '_') && (i == open + 1 || !char.IsLetterOrDigit(text[i - 1]) && text[i - 1] != '_' && text[i - 1] != ':'))
            {
                var key = ReleaseKey().Match(text, i);
                if (key.Success && key.Index == i)
                {
                    var bodyOpen = i + key.Length - 1;
                    var bodyClose = Matching(text, bodyOpen, '[', ']', close);
                    var body = bodyClose < 0 ? string.Empty : text[bodyOpen..bodyClose];
                    var applications = new List<string>();
                    if (ApplicationsOption().Match(body) is { Success: true } apps)
                    {
                        foreach (Match name in ApplicationName().Matches(apps.Groups[1].Value))
                        {
                            applications.Add(name.Groups[1].Value);
                        }
                    }

                    releases.Add(new MixRelease(key.Groups[1].Value, LineAt(text, i), applications));
                    i = bodyClose < 0 ? close : bodyClose;
                }
            }
        }

        return releases;
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>, skipping strings; -1 when unbalanced.</summary>
    private static int Matching(string text, int open, char opening, char closing, int limit)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < limit && i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == '#')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? limit : end;
            }
            else if (c == opening)
            {
                depth++;
            }
            else if (c == closing && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsCommented(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.AsSpan(lineStart, index - lineStart).Contains('#');
    }

    private static int LineAt(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    [GeneratedRegex(@"(?m)(^|[\[,])\s*app:\s*:(\w+)")]
    private static partial Regex AppOption();

    [GeneratedRegex(@"apps_path:\s*""([^""]+)""")]
    private static partial Regex AppsPathOption();

    [GeneratedRegex(@"(?m)(^|[\[,])\s*mod:\s*\{")]
    private static partial Regex ModCallback();

    [GeneratedRegex(@"(?m)(^|[\[,])\s*package:\s*(package\(\)|\[)")]
    private static partial Regex HexPackage();

    [GeneratedRegex(@"(?m)(^|[\[,])\s*escript:\s*")]
    private static partial Regex Escript();

    [GeneratedRegex(@"only:\s*(\[[^\]]*\]|:\w+)")]
    private static partial Regex OnlyOption();

    [GeneratedRegex(@"runtime:\s*(false|Mix\.env\(\)\s*==\s*:dev)")]
    private static partial Regex RuntimeDevelopment();

    [GeneratedRegex(@"^(\w+)\s*(,|$)")]
    private static partial Regex NameAtStart();

    [GeneratedRegex(@"(?m)^\s*defp?\s+deps(\(\))?\s*(,\s*)?do\b")]
    private static partial Regex DepsFunction();

    [GeneratedRegex(@"(?m)^\s*deps:\s*\[")]
    private static partial Regex DepsList();

    [GeneratedRegex(@"(?m)((^|[\[,])\s*releases:\s*\[|^\s*defp?\s+releases(\(\))?\s*do\s*\[?)")]
    private static partial Regex ReleasesStart();

    [GeneratedRegex(@"(\w+):\s*\[")]
    private static partial Regex ReleaseKey();

    [GeneratedRegex(@"applications:\s*\[([^\]]*)\]")]
    private static partial Regex ApplicationsOption();

    [GeneratedRegex(@"(\w+):\s*:\w+")]
    private static partial Regex ApplicationName();
}
