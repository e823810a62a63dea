using System.Text.Json;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Php;

/// <summary>PHP: Composer manifests.</summary>
public sealed class PhpEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Composer = new("composer", "Composer", ignoreCase: true);

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Composer];

    public override bool Reads(RepoFile file) => file.Name.Equals("composer.json", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(source.Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var packages = new List<PackageReference>();
            foreach (var (section, development) in new[] { ("require", false), ("require-dev", true) })
            {
                if (document.RootElement.TryGetProperty(section, out var require) && require.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in require.EnumerateObject())
                    {
                        packages.Add(new PackageReference(Composer, property.Name, source.File.Path, LineOf(source, property.Name), development));
                    }
                }
            }

            sink.AddPackages(packages);
        }

        return null;
    }

    private static int LineOf(SourceText source, string name)
    {
        var quoted = $"\"{name}\"";
        var number = 0;
        foreach (var line in source.Lines())
        {
            number++;
            if (line.Contains(quoted, StringComparison.Ordinal))
            {
                return number;
            }
        }

        return 1;
    }
}
