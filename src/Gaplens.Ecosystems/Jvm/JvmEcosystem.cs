using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Services;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// The JVM (Java, Kotlin, Scala): Maven, Gradle (Groovy and Kotlin DSL, version catalogs, multi-project settings) and
/// sbt builds; services of Spring Boot and the other JVM server frameworks, workers, and Spring Cloud's packaged
/// servers; calls between services through Spring Cloud load-balanced URLs, Feign clients and service URLs.
/// </summary>
public sealed class JvmEcosystem : Ecosystem
{
    public static readonly PackageEcosystem Maven = new("maven", "Maven", ignoreCase: true);

    private static readonly Term BuildImage = new("build-image", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Yaml);
    private static readonly Term BootBuildImage = new("bootBuildImage", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Build);

    public override IReadOnlyList<PackageEcosystem> PackageManagers => [Maven];

    public override IEnumerable<Term> Terms => JvmServices.Terms.Concat(JvmServiceCalls.Terms).Append(BuildImage).Append(BootBuildImage).Append(KtorImage);

    public override bool Reads(RepoFile file) =>
        file.Name is "pom.xml" || GradleBuild.IsBuildScript(file.Name) || GradleSettings.IsSettings(file.Name) ||
        VersionCatalog.IsCatalog(file.Path) || SbtBuild.IsBuildFile(file.Path);

    public override string? Read(SourceText source, WorkspaceSink sink)
    {
        var file = source.File;
        if (file.Name == "pom.xml")
        {
            if (MavenPom.Parse(source, out var error) is { } pom)
            {
                sink.AddDocument(pom);
                sink.AddPackages(pom.Packages);
            }

            return error;
        }

        if (GradleBuild.IsBuildScript(file.Name))
        {
            // Packages are added once the version catalogs are read (Complete).
            sink.AddDocument(GradleBuild.Parse(source));
            return null;
        }

        if (GradleSettings.IsSettings(file.Name))
        {
            sink.AddDocument(GradleSettings.Parse(source));
            return null;
        }

        if (VersionCatalog.IsCatalog(file.Path))
        {
            if (VersionCatalog.Parse(source, out var error) is { } catalog)
            {
                sink.AddDocument(catalog);
            }

            return error;
        }

        var sbt = SbtBuild.Parse(source);
        sink.AddDocument(sbt);
        sink.AddPackages(sbt.Packages);
        return null;
    }

    /// <summary>Gradle builds resolve their version-catalog accessors against the catalogs of their build.</summary>
    public override string? Complete(WorkspaceSink sink)
    {
        var catalogs = sink.Documents<VersionCatalog>();
        foreach (var build in sink.Documents<GradleBuild>())
        {
            var own = catalogs.Where(c => RelativePaths.IsUnder(build.Directory, c.BuildDirectory))
                .GroupBy(c => c.Accessor, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(c => c.BuildDirectory.Length).First())
                .ToList();
            sink.AddPackages(build.Complete(own));
        }

        return null;
    }

    public override void FindServices(ServiceDiscovery discovery) => JvmServices.Find(discovery, Key);

    public override IEnumerable<Services.ServiceCall> FindServiceCalls(Workspace workspace, IReadOnlyList<ServiceInfo> services) => JvmServiceCalls.Find(workspace, services, Key);

    public override void FindPlatforms(Workspace workspace, ISet<string> platforms)
    {
        var jib = workspace.HasPackage(Maven, "com.google.cloud.tools:jib-maven-plugin") || workspace.HasPackage(Maven, "plugin:com.google.cloud.tools.jib");
        var bootImage = (workspace.HasPackage(Maven, "org.springframework.boot:spring-boot-maven-plugin") || workspace.HasPackage(Maven, "plugin:org.springframework.boot")) &&
                        (workspace.Content.Hits(BuildImage).Count > 0 || workspace.Content.Hits(BootBuildImage).Count > 0);
        var packaged = workspace.Documents<SbtBuild>().Any(b => b.Projects.Any(p => p.Plugins.Contains("DockerPlugin")) || b.RootPlugins.Contains("DockerPlugin")) ||
                       workspace.FindPackages(Maven, "io.quarkus:quarkus-container-image-*").Any(p => !p.Development) ||
                       workspace.HasPackage(Maven, "plugin:io.ktor.plugin") && workspace.Content.Hits(KtorImage).Count > 0;
        if (jib || bootImage || packaged)
        {
            platforms.Add("container-build");
        }
    }

    private static readonly Term KtorImage = new("buildImage", FileClass.Docs | FileClass.Config | FileClass.Shell | FileClass.Yaml | FileClass.Build);
}
