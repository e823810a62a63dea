using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems;

/// <summary>What ecosystem readers hand to the workspace: declared packages, parsed documents and test folders.</summary>
public sealed class WorkspaceSink
{
    private readonly Dictionary<Type, List<object>> documents = [];

    internal List<PackageReference> Packages { get; } = [];

    internal List<string> TestRoots { get; } = [];

    public void AddPackages(IEnumerable<PackageReference> packages) => Packages.AddRange(packages);

    /// <summary>A parsed document (a project file, a package.json, a Gemfile) detectors and discovery can ask for by type.</summary>
    public void AddDocument<T>(T document)
        where T : class
    {
        if (!documents.TryGetValue(typeof(T), out var list))
        {
            list = [];
            documents[typeof(T)] = list;
        }

        list.Add(document);
    }

    /// <summary>Documents of one type added so far, in the order they were read (for <see cref="Ecosystem.Complete"/>).</summary>
    public IReadOnlyList<T> Documents<T>()
        where T : class =>
        documents.TryGetValue(typeof(T), out var list) ? list.Cast<T>().ToList() : [];

    /// <summary>A folder that holds tests only (a test project).</summary>
    public void AddTestRoot(string directory) => TestRoots.Add(directory);

    internal IReadOnlyDictionary<Type, IReadOnlyList<object>> Documents() =>
        documents.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<object>)kv.Value);
}
