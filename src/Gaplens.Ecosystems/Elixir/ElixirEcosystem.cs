using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Elixir;

/// <summary>Elixir: Mix projects.</summary>
public sealed partial class ElixirEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Hex = new("hex", "Hex");

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Hex];

    public override bool Reads(RepoFile file) => file.Name.Equals("mix.exs", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var packages = new List<PackageReference>();
        var number = 0;
        foreach (var line in source.Lines())
        {
            number++;
            if (Dependency().Match(line) is { Success: true } match)
            {
                var options = match.Groups[2].Value;
                var development = Regex.IsMatch(options, @"only:\s*(\[\s*)?:(dev|test)\b(?![^\]]*:prod)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                packages.Add(new PackageReference(Hex, match.Groups[1].Value, source.File.Path, number, development));
            }
        }

        sink.AddPackages(packages);
        return null;
    }

    [GeneratedRegex(@"^\s*\{\s*:(\w+)\s*,([^}]*)\}?", RegexOptions.CultureInvariant)]
    private static partial Regex Dependency();
}
