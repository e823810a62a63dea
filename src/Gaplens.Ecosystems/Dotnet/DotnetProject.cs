using System.Xml;
using System.Xml.Linq;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Dotnet;

/// <summary>An SDK-style .NET project file (csproj/fsproj/vbproj) read with an XML parser.</summary>
public sealed class DotnetProject
{
    private DotnetProject(string path, string sdk, IReadOnlyDictionary<string, (string Value, int Line)> properties,
        IReadOnlyList<PackageReference> packages, IReadOnlyList<string> projectReferences)
    {
        Path = path;
        Sdk = sdk;
        Properties = properties;
        Packages = packages;
        ProjectReferences = projectReferences;
        var slash = path.LastIndexOf('/');
        Directory = slash < 0 ? string.Empty : path[..slash];
        var file = slash < 0 ? path : path[(slash + 1)..];
        Name = System.IO.Path.GetFileNameWithoutExtension(file);
    }

    public string Path { get; }

    public string Directory { get; }

    public string Name { get; }

    /// <summary>The Sdk attribute (Microsoft.NET.Sdk.Web, Microsoft.NET.Sdk.Worker, Aspire.AppHost.Sdk...).</summary>
    public string Sdk { get; }

    public IReadOnlyDictionary<string, (string Value, int Line)> Properties { get; }

    public IReadOnlyList<PackageReference> Packages { get; }

    /// <summary>Referenced projects as root-relative paths.</summary>
    public IReadOnlyList<string> ProjectReferences { get; }

    public bool IsWeb => Sdk.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) ||
                         Sdk.Contains("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase) && HasPackage("Microsoft.AspNetCore");

    public bool IsWorker => Sdk.Contains("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase);

    public bool IsAspireHost =>
        Sdk.Contains("Aspire.AppHost.Sdk", StringComparison.OrdinalIgnoreCase) ||
        Property("IsAspireHost") is { } v && v.Equals("true", StringComparison.OrdinalIgnoreCase) ||
        HasPackage("Aspire.Hosting.AppHost");

    public bool IsTestProject =>
        Property("IsTestProject") is { } v ? v.Equals("true", StringComparison.OrdinalIgnoreCase) :
        HasPackage("Microsoft.NET.Test.Sdk") || HasPackage("xunit") || HasPackage("xunit.v3") || HasPackage("NUnit") ||
        HasPackage("MSTest") || HasPackage("MSTest.TestFramework") || HasPackage("TUnit") ||
        Sdk.Contains("MSTest.Sdk", StringComparison.OrdinalIgnoreCase);

    public bool IsExecutable =>
        Property("OutputType") is { } o && (o.Equals("Exe", StringComparison.OrdinalIgnoreCase) || o.Equals("WinExe", StringComparison.OrdinalIgnoreCase));

    public string? Property(string name) => Properties.TryGetValue(name, out var p) ? p.Value : null;

    public bool HasPackage(string name) => Packages.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a project file; returns null with an error message when the XML is malformed.</summary>
    public static DotnetProject? Parse(SourceText source, out string? error) => Parse(source.File.Path, source.Text, out error);

    public static DotnetProject? Parse(string path, string text, out string? error)
    {
        error = null;
        if (Parsing.ParseGuard.ParseXml(text, out error) is not { } document)
        {
            return null;
        }

        var root = document.Root;
        if (root is null)
        {
            error = "empty project file";
            return null;
        }

        var sdk = (string?)root.Attribute("Sdk") ?? string.Empty;
        foreach (var sdkElement in root.Elements().Where(e => e.Name.LocalName == "Sdk"))
        {
            sdk += ";" + (string?)sdkElement.Attribute("Name");
        }

        var directory = path.Contains('/') ? path[..path.LastIndexOf('/')] : string.Empty;
        var properties = new Dictionary<string, (string, int)>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in root.Elements().Where(e => e.Name.LocalName == "PropertyGroup"))
        {
            foreach (var property in group.Elements())
            {
                properties[property.Name.LocalName] = (property.Value.Trim(), LineOf(property));
            }
        }

        var packages = new List<PackageReference>();
        var references = new List<string>();
        foreach (var item in root.Descendants())
        {
            var local = item.Name.LocalName;
            if (local is "PackageReference" or "GlobalPackageReference")
            {
                var name = (string?)item.Attribute("Include") ?? (string?)item.Attribute("Update");
                if (!string.IsNullOrWhiteSpace(name))
                {
                    packages.Add(new PackageReference(DotnetEcosystem.NuGet, name.Trim(), path, LineOf(item), false));
                }
            }
            else if (local == "ProjectReference")
            {
                var include = (string?)item.Attribute("Include");
                if (!string.IsNullOrWhiteSpace(include))
                {
                    references.Add(RelativePaths.Combine(directory, include));
                }
            }
        }

        return new DotnetProject(path, sdk, properties, packages, references);
    }

    internal static int LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
}
