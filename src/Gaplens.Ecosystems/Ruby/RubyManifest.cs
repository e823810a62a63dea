using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Ruby;

/// <summary>
/// A Bundler Gemfile (or gems.rb) or a gemspec: the gems it declares, with development/test gems flagged. A Gemfile
/// that says <c>gemspec</c> belongs to a gem (a library), whose runtime dependencies its gemspec lists.
/// </summary>
public sealed partial record RubyManifest(string Path, bool IsGemspec, bool DeclaresGemspec, IReadOnlyList<PackageReference> Packages)
{
    public string Directory => RelativePaths.DirectoryOf(Path);

    /// <summary>True for a Gemfile or gems.rb.</summary>
    public static bool IsGemfile(string name) => name is "Gemfile" or "gems.rb";

    /// <summary>A runtime (not development/test) reference to one of the gems, or null.</summary>
    public PackageReference? Runtime(params string[] names) =>
        Packages.FirstOrDefault(p => !p.Development && names.Contains(p.Name, StringComparer.Ordinal));

    public bool HasRuntime(params string[] names) => Runtime(names) is not null;

    /// <summary>
    /// Reads the gems of a Gemfile or gemspec line by line, following blocks: <c>group :development, :test do</c>
    /// flags what it holds, while <c>platforms</c>, <c>source ... do</c>, <c>install_if</c>, <c>if</c>/<c>unless</c>
    /// blocks keep the flag of the block around them.
    /// </summary>
    public static RubyManifest Read(SourceText source, PackageEcosystem ecosystem)
    {
        var isGemspec = source.File.Name.EndsWith(".gemspec", StringComparison.Ordinal);
        var packages = new List<PackageReference>();
        var blocks = new Stack<bool>(); // each open block: are its gems development-only?
        var declaresGemspec = false;
        var number = 0;
        foreach (var raw in source.Lines())
        {
            number++;
            var line = StripComment(raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var inDevelopment = blocks.Count > 0 && blocks.Peek();
            if (line == "end" || line.StartsWith("end ", StringComparison.Ordinal) || line.StartsWith("end.", StringComparison.Ordinal))
            {
                if (blocks.Count > 0)
                {
                    blocks.Pop();
                }

                continue;
            }

            if (GroupStart().Match(line) is { Success: true } group)
            {
                blocks.Push(inDevelopment || IsDevelopmentGroup(group.Groups[1].Value));
                continue;
            }

            if (Gem().Match(line) is { Success: true } gem)
            {
                var options = line[gem.Length..];
                var development = inDevelopment || gem.Groups[2].Value == "add_development_dependency" ||
                                  GroupOption().Match(options) is { Success: true } option && IsDevelopmentGroup(option.Groups[1].Value);
                packages.Add(new PackageReference(ecosystem, gem.Groups[3].Value, source.File.Path, number, development));
            }
            else if (line == "gemspec" || line.StartsWith("gemspec ", StringComparison.Ordinal) || line.StartsWith("gemspec(", StringComparison.Ordinal))
            {
                declaresGemspec = true;
            }

            if (OpensBlock(line))
            {
                blocks.Push(inDevelopment);
            }
        }

        return new RubyManifest(source.File.Path, isGemspec, declaresGemspec, packages);
    }

    /// <summary>
    /// Groups that hold only development or test gems. A list naming production (or a group that is neither
    /// development nor test, such as :default) is part of the running app.
    /// </summary>
    private static bool IsDevelopmentGroup(string groups)
    {
        var names = GroupName().Matches(KeywordOption().Replace(groups.Replace("%i", " ", StringComparison.Ordinal).Replace("%w", " ", StringComparison.Ordinal), " "))
            .Select(m => m.Value).ToList();
        return names.Count > 0 && names.All(n => DevelopmentGroups.Contains(n));
    }

    private static readonly HashSet<string> DevelopmentGroups = new(StringComparer.Ordinal)
    {
        "development", "test", "ci", "lint", "linters", "rubocop", "tools", "debug", "guard", "system_tests", "benchmark", "benchmarks", "profiling",
    };

    /// <summary>A line that opens a block closed by <c>end</c>: <c>... do</c>, <c>... do |x|</c>, or an if/unless/case/begin statement.</summary>
    private static bool OpensBlock(string line) =>
        BlockOpener().IsMatch(line) || StatementOpener().IsMatch(line) && !line.EndsWith(" end", StringComparison.Ordinal);

    /// <summary>The code of a line without a trailing comment ('#' outside quotes; "#{...}" interpolation is kept).</summary>
    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }

    [GeneratedRegex(@"^group\s*\(?\s*(.+?)\s*\)?\s+do\b", RegexOptions.CultureInvariant)]
    private static partial Regex GroupStart();

    [GeneratedRegex(@"^(\w+\.)?(gem|add_dependency|add_runtime_dependency|add_development_dependency)\s*\(?\s*['""]([^'""]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex Gem();

    [GeneratedRegex(@"\bgroups?\s*(?::|=>)\s*(\[[^\]]*\]|%i\[[^\]]*\]|:\w+|['""]\w+['""])", RegexOptions.CultureInvariant)]
    private static partial Regex GroupOption();

    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex GroupName();

    /// <summary>Keyword options of a group (optional: true) are not group names.</summary>
    [GeneratedRegex(@"(?<![:\w])\w+:\s*[^,\s\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex KeywordOption();

    [GeneratedRegex(@"\bdo(\s*\|[^|]*\|)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BlockOpener();

    [GeneratedRegex(@"^(if|unless|case|begin|while|until)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StatementOpener();
}
