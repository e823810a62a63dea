using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;

namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>Each definition file validates on its own, before the catalog checks the set against the contract.</summary>
public sealed class CatalogFileTests
{
    public static TheoryData<string> DefinitionFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Catalog, "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Catalog, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void Definition_file_is_valid(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Catalog, relativePath);
        var definition = PracticeCatalog.Parse(File.ReadAllText(path), relativePath);

        Assert.Equal(Path.GetFileNameWithoutExtension(path), definition.Id);
        Assert.Equal(Path.GetFileName(Path.GetDirectoryName(path)), definition.Domain);
        Assert.Contains(definition.Applies, Applicability.Keys);
        Assert.NotEmpty(definition.Signals);
        Assert.True(definition.Summary.Length > 20, "summary is too short");
        Assert.True(definition.Impact.Length > 20, "impact is too short");
    }
}
