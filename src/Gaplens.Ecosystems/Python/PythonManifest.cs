using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;
using Tomlyn;
using Tomlyn.Model;

namespace Gaplens.Ecosystems.Python;

/// <summary>Dependencies of a Python project from pyproject.toml (Tomlyn), requirements files, Pipfile or setup.py/cfg.</summary>
public static partial class PythonManifest
{
    public static bool IsManifest(string name) =>
        name.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Pipfile", StringComparison.Ordinal) ||
        name.Equals("setup.py", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("setup.cfg", StringComparison.OrdinalIgnoreCase) ||
        IsRequirements(name);

    public static bool IsRequirements(string name) =>
        name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) &&
        (name.StartsWith("requirements", StringComparison.OrdinalIgnoreCase) || name.Contains("requirements", StringComparison.OrdinalIgnoreCase));

    /// <summary>Normalised PyPI name (PEP 503): lower case, runs of -_. become a dash.</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim().ToLowerInvariant(), "-");

    public static IReadOnlyList<PackageReference> Read(SourceText source, out string? error)
    {
        error = null;
        var name = source.File.Name;
        if (name.Equals("pyproject.toml", StringComparison.OrdinalIgnoreCase))
        {
            return ReadPyProject(source, out error);
        }

        if (name.Equals("Pipfile", StringComparison.Ordinal))
        {
            return ReadPipfile(source, out error);
        }

        if (name.Equals("setup.py", StringComparison.OrdinalIgnoreCase) || name.Equals("setup.cfg", StringComparison.OrdinalIgnoreCase))
        {
            return ReadQuoted(source);
        }

        return ReadRequirements(source);
    }

    private static IReadOnlyList<PackageReference> ReadRequirements(SourceText source)
    {
        var development = source.File.Name.Contains("dev", StringComparison.OrdinalIgnoreCase) ||
                          source.File.Name.Contains("test", StringComparison.OrdinalIgnoreCase) ||
                          source.File.Name.Contains("lint", StringComparison.OrdinalIgnoreCase);
        var result = new List<PackageReference>();
        var lineNumber = 0;
        foreach (var raw in source.Lines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('-'))
            {
                continue;
            }

            var match = RequirementName().Match(line);
            if (match.Success)
            {
                result.Add(new PackageReference(PackageEcosystem.PyPI, Normalize(match.Groups[1].Value), source.File.Path, lineNumber, development));
            }
        }

        return result;
    }

    private static TomlTable? ParseToml(SourceText source, out string? error)
    {
        error = Parsing.ParseGuard.CheckBracketNesting(source.Text, "TOML");
        if (error is not null)
        {
            return null;
        }

        try
        {
            return TomlSerializer.Deserialize<TomlTable>(source.Text) ?? new TomlTable();
        }
        catch (Exception ex) when (ex is TomlException or InvalidOperationException or ArgumentException)
        {
            error = $"invalid TOML: {FirstLine(ex.Message)}";
            return null;
        }
    }

    private static IReadOnlyList<PackageReference> ReadPyProject(SourceText source, out string? error)
    {
        if (ParseToml(source, out error) is not { } table)
        {
            return ReadQuoted(source);
        }

        var result = new List<PackageReference>();
        void AddSpec(string spec, bool dev)
        {
            var match = RequirementName().Match(spec.Trim());
            if (match.Success)
            {
                var name = Normalize(match.Groups[1].Value);
                var line = source.FindLine(match.Groups[1].Value, StringComparison.OrdinalIgnoreCase) ?? 1;
                result.Add(new PackageReference(PackageEcosystem.PyPI, name, source.File.Path, line, dev));
            }
        }

        if (table.TryGetValue("project", out var p) && p is TomlTable project)
        {
            if (project.TryGetValue("dependencies", out var deps) && deps is TomlArray array)
            {
                foreach (var item in array.OfType<string>())
                {
                    AddSpec(item, false);
                }
            }

            if (project.TryGetValue("optional-dependencies", out var optional) && optional is TomlTable groups)
            {
                foreach (var (group, value) in groups)
                {
                    if (value is TomlArray items)
                    {
                        var dev = group.Contains("dev", StringComparison.OrdinalIgnoreCase) || group.Contains("test", StringComparison.OrdinalIgnoreCase) || group.Contains("lint", StringComparison.OrdinalIgnoreCase);
                        foreach (var item in items.OfType<string>())
                        {
                            AddSpec(item, dev);
                        }
                    }
                }
            }
        }

        if (table.TryGetValue("dependency-groups", out var dg) && dg is TomlTable dependencyGroups)
        {
            foreach (var (_, value) in dependencyGroups)
            {
                if (value is TomlArray items)
                {
                    foreach (var item in items.OfType<string>())
                    {
                        AddSpec(item, true);
                    }
                }
            }
        }

        if (table.TryGetValue("tool", out var t) && t is TomlTable tool && tool.TryGetValue("poetry", out var po) && po is TomlTable poetry)
        {
            void AddTable(TomlTable deps, bool dev)
            {
                foreach (var (name, _) in deps)
                {
                    if (!name.Equals("python", StringComparison.OrdinalIgnoreCase))
                    {
                        var line = source.FindLine(name, StringComparison.OrdinalIgnoreCase) ?? 1;
                        result.Add(new PackageReference(PackageEcosystem.PyPI, Normalize(name), source.File.Path, line, dev));
                    }
                }
            }

            if (poetry.TryGetValue("dependencies", out var d) && d is TomlTable runtime)
            {
                AddTable(runtime, false);
            }

            if (poetry.TryGetValue("dev-dependencies", out var dd) && dd is TomlTable devDeps)
            {
                AddTable(devDeps, true);
            }

            if (poetry.TryGetValue("group", out var g) && g is TomlTable poetryGroups)
            {
                foreach (var (_, group) in poetryGroups)
                {
                    if (group is TomlTable gt && gt.TryGetValue("dependencies", out var gd) && gd is TomlTable groupDeps)
                    {
                        AddTable(groupDeps, true);
                    }
                }
            }
        }

        return result;
    }

    private static IReadOnlyList<PackageReference> ReadPipfile(SourceText source, out string? error)
    {
        if (ParseToml(source, out error) is not { } table)
        {
            return [];
        }

        var result = new List<PackageReference>();
        foreach (var (section, dev) in new[] { ("packages", false), ("dev-packages", true) })
        {
            if (table.TryGetValue(section, out var s) && s is TomlTable packages)
            {
                foreach (var (name, _) in packages)
                {
                    var line = source.FindLine(name, StringComparison.OrdinalIgnoreCase) ?? 1;
                    result.Add(new PackageReference(PackageEcosystem.PyPI, Normalize(name), source.File.Path, line, dev));
                }
            }
        }

        return result;
    }

    /// <summary>setup.py and setup.cfg are code or free-form: take quoted requirement strings.</summary>
    private static IReadOnlyList<PackageReference> ReadQuoted(SourceText source)
    {
        var result = new List<PackageReference>();
        var lineNumber = 0;
        var inRequires = false;
        foreach (var raw in source.Lines())
        {
            lineNumber++;
            if (raw.Contains("install_requires", StringComparison.Ordinal) || raw.Contains("dependencies", StringComparison.Ordinal) || raw.Contains("requires", StringComparison.Ordinal))
            {
                inRequires = true;
            }

            if (!inRequires)
            {
                continue;
            }

            foreach (Match m in QuotedRequirement().Matches(raw))
            {
                result.Add(new PackageReference(PackageEcosystem.PyPI, Normalize(m.Groups[1].Value), source.File.Path, lineNumber, false));
            }

            if (raw.Contains(']', StringComparison.Ordinal) && !raw.Contains('[', StringComparison.Ordinal))
            {
                inRequires = false;
            }
        }

        return result;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline];
    }

    [GeneratedRegex(@"^([A-Za-z0-9][A-Za-z0-9._-]*)")]
    private static partial Regex RequirementName();

    [GeneratedRegex(@"[""']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;][^""']*)?[""']")]
    private static partial Regex QuotedRequirement();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
