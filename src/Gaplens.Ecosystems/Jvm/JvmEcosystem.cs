using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>The JVM (Java, Kotlin, Scala): Maven and Gradle builds, Spring Boot applications.</summary>
public sealed class JvmEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Maven = new("maven", "Maven", ignoreCase: true);

    private static readonly Term SpringBootApplication = new("@SpringBootApplication", FileClass.Java);
    private static readonly Term BuildImage = new("build-image", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Yaml);
    private static readonly Term BootBuildImage = new("bootBuildImage", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Build);

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Maven];

    public override IEnumerable<Term> Terms => [SpringBootApplication, BuildImage, BootBuildImage];

    public override bool Reads(RepoFile file) => JvmBuild.IsManifest(file.Name);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        sink.AddPackages(JvmBuild.Read(source, out var error));
        return error;
    }

    public override void FindServices(ServiceDiscovery discovery)
    {
        var workspace = discovery.Workspace;
        foreach (var hit in workspace.Content.Hits(SpringBootApplication))
        {
            if (discovery.IsExcludedOrTest(hit.File.Path) || workspace.IsTestPath(hit.File.Path))
            {
                continue;
            }

            var directory = discovery.NearestManifestDirectory(hit.File.Path, "pom.xml", "build.gradle", "build.gradle.kts") ?? string.Empty;
            var web = workspace.Packages.Any(p => p.Ecosystem.Key == Maven.Key && RelativePaths.IsUnder(p.ManifestPath, directory) &&
                                                  (p.Name.EndsWith(":spring-boot-starter-web", StringComparison.Ordinal) || p.Name.EndsWith(":spring-boot-starter-webflux", StringComparison.Ordinal)));
            discovery.Add(directory, discovery.DirectoryName(directory), "spring-boot", Key, new Evidence(hit.File.Path, hit.Line, "@SpringBootApplication"), web, [directory]);
        }
    }

    public override void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
        var jib = workspace.HasPackage(Maven, "com.google.cloud.tools:jib-maven-plugin") || workspace.HasPackage(Maven, "plugin:com.google.cloud.tools.jib");
        var bootImage = (workspace.HasPackage(Maven, "org.springframework.boot:spring-boot-maven-plugin") || workspace.HasPackage(Maven, "plugin:org.springframework.boot")) &&
                        (workspace.Content.Hits(BuildImage).Count > 0 || workspace.Content.Hits(BootBuildImage).Count > 0);
        if (jib || bootImage)
        {
            platforms.Add("container-build");
        }
    }
}
