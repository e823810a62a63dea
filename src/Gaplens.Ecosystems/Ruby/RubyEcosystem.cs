using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Ruby;

/// <summary>Ruby: Bundler Gemfiles.</summary>
public sealed partial class RubyEcosystem : Ecosystem
{
    public static readonly PackageEcosystem RubyGems = new("rubygems", "RubyGems");

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [RubyGems];

    public override bool Reads(RepoFile file) => file.Name.Equals("Gemfile", StringComparison.Ordinal) || file.Name.EndsWith(".gemspec", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var packages = new List<PackageReference>();
        var groupDepth = 0;
        var developmentDepth = -1;
        var number = 0;
        foreach (var raw in source.Lines())
        {
            number++;
            var line = raw.Trim();
            if (GroupStart().Match(line) is { Success: true } group)
            {
                groupDepth++;
                if (developmentDepth < 0 && !group.Groups[1].Value.Contains("production", StringComparison.Ordinal) &&
                    (group.Groups[1].Value.Contains("development", StringComparison.Ordinal) || group.Groups[1].Value.Contains("test", StringComparison.Ordinal)))
                {
                    developmentDepth = groupDepth;
                }

                continue;
            }

            if (line == "end" && groupDepth > 0)
            {
                if (developmentDepth == groupDepth)
                {
                    developmentDepth = -1;
                }

                groupDepth--;
                continue;
            }

            if (Gem().Match(line) is { Success: true } gem)
            {
                var development = developmentDepth > 0 || gem.Groups[2].Value.Contains("development_dependency", StringComparison.Ordinal) ||
                                  Regex.IsMatch(line, @"group:\s*\[?\s*:(development|test)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                packages.Add(new PackageReference(RubyGems, gem.Groups[3].Value, source.File.Path, number, development));
            }
        }

        sink.AddPackages(packages);
        return null;
    }

    [GeneratedRegex(@"^group\s+(.+?)\s+do\b", RegexOptions.CultureInvariant)]
    private static partial Regex GroupStart();

    [GeneratedRegex(@"^(\w+\.)?(gem|add_dependency|add_runtime_dependency|add_development_dependency)\s*\(?\s*['""]([^'""]+)['""]", RegexOptions.CultureInvariant)]
    private static partial Regex Gem();
}
