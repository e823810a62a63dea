using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Rust;

/// <summary>Rust: Cargo manifests.</summary>
public sealed class RustEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Cargo = new("cargo", "Cargo");

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Cargo];

    public override bool Reads(RepoFile file) => file.Name.Equals("Cargo.toml", StringComparison.Ordinal);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        if (Toml.TomlDocuments.Parse(source, out var error) is not { } table)
        {
            return error;
        }

        var packages = new List<PackageReference>();
        foreach (var (section, development) in new[] { ("dependencies", false), ("dev-dependencies", true), ("build-dependencies", true) })
        {
            foreach (var dependencies in Sections(table, section))
            {
                foreach (var name in dependencies.Keys.Order(StringComparer.Ordinal))
                {
                    packages.Add(new PackageReference(Cargo, name, source.File.Path, LineOf(source, name), development));
                }
            }
        }

        sink.AddPackages(packages);
        return null;
    }

    /// <summary>[dependencies], [workspace.dependencies] and [target.'cfg(..)'.dependencies] tables.</summary>
    private static IEnumerable<TomlTable> Sections(TomlTable root, string section)
    {
        if (root.TryGetValue(section, out var direct) && direct is TomlTable table)
        {
            yield return table;
        }

        if (root.TryGetValue("workspace", out var workspace) && workspace is TomlTable ws && ws.TryGetValue(section, out var shared) && shared is TomlTable sharedTable)
        {
            yield return sharedTable;
        }

        if (root.TryGetValue("target", out var target) && target is TomlTable targets)
        {
            foreach (var value in targets.Values)
            {
                if (value is TomlTable cfg && cfg.TryGetValue(section, out var nested) && nested is TomlTable nestedTable)
                {
                    yield return nestedTable;
                }
            }
        }
    }

    private static int LineOf(SourceText source, string name)
    {
        var number = 0;
        foreach (var line in source.Lines())
        {
            number++;
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith(name, StringComparison.Ordinal) && trimmed.Length > name.Length && trimmed[name.Length] is ' ' or '=' or '.')
            {
                return number;
            }
        }

        return 1;
    }
}
