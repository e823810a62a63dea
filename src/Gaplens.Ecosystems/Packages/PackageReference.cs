namespace Gaplens.Ecosystems.Packages;

/// <summary>
/// A dependency declared in a manifest. <see cref="Name"/> is normalised per ecosystem: NuGet and PyPI names are
/// compared case-insensitively, Maven names are "groupId:artifactId".
/// </summary>
public sealed record PackageReference(PackageEcosystem Ecosystem, string Name, string ManifestPath, int Line, bool Development)
{
    /// <summary>Directory of the manifest, relative to the root.</summary>
    public string Directory
    {
        get
        {
            var slash = ManifestPath.LastIndexOf('/');
            return slash < 0 ? string.Empty : ManifestPath[..slash];
        }
    }
}
