using Gaplens.Ecosystems.Packages;

namespace Gaplens.Ecosystems.Jvm;

/// <summary>
/// One module of a JVM build (a Maven module, a Gradle project, an sbt project): where it lives, what it declares
/// (with what it inherits from a parent pom or the root build's subprojects { } block), and the modules of the same
/// build it depends on.
/// </summary>
public sealed record JvmModule(
    string Directory,
    string Name,
    string BuildFile,
    int BuildLine,
    IReadOnlyList<PackageReference> Packages,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> MainClasses,
    IReadOnlyList<(string Path, int Line)> Dockerfiles,
    IReadOnlyList<string> SbtPlugins)
{
    /// <summary>The name of the program this module packages (sbt Docker / packageName), when the build sets one.</summary>
    public string? ProgramName { get; init; }

    /// <summary>True when the module (or what it inherits) declares a run-time dependency with this name (a trailing '*' is a prefix).</summary>
    public bool Has(string name) => Packages.Any(p => !p.Development && Matches(p.Name, name));

    /// <summary>True when the module declares this dependency or plugin, for development or not.</summary>
    public bool Declares(string name) => Packages.Any(p => Matches(p.Name, name));

    public PackageReference? Find(string name) => Packages.FirstOrDefault(p => !p.Development && Matches(p.Name, name));

    private static bool Matches(string package, string name) =>
        name.EndsWith('*') ? package.StartsWith(name[..^1], StringComparison.OrdinalIgnoreCase) : package.Equals(name, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The modules of every JVM build in the repository, from the documents the readers parsed.</summary>
public static class JvmModules
{
    public static IReadOnlyList<JvmModule> Of(Workspace workspace)
    {
        var modules = new Dictionary<string, JvmModule>(StringComparer.Ordinal);
        AddMaven(workspace.Documents<MavenPom>(), modules);
        AddGradle(workspace.Documents<GradleBuild>(), workspace.Documents<GradleSettings>(), modules);
        AddSbt(workspace.Documents<SbtBuild>(), modules);
        return modules.Values.OrderBy(m => m.Directory, StringComparer.Ordinal).ToList();
    }

    /// <summary>The module's directory and those of every module it depends on, transitively.</summary>
    public static IReadOnlyList<string> CodeRoots(JvmModule module, IReadOnlyList<JvmModule> modules)
    {
        var byDirectory = modules.ToDictionary(m => m.Directory, StringComparer.Ordinal);
        var roots = new List<string>();
        var pending = new Queue<string>([module.Directory]);
        while (pending.Count > 0)
        {
            var directory = pending.Dequeue();
            if (roots.Contains(directory))
            {
                continue;
            }

            roots.Add(directory);
            if (byDirectory.TryGetValue(directory, out var found))
            {
                foreach (var dependency in found.DependsOn)
                {
                    pending.Enqueue(dependency);
                }
            }
        }

        return roots;
    }

    /// <summary>The module whose directory holds the path most closely, or null.</summary>
    public static JvmModule? Owner(IReadOnlyList<JvmModule> modules, string path) =>
        modules.Where(m => RelativePaths.IsUnder(path, m.Directory)).OrderByDescending(m => m.Directory.Length).FirstOrDefault();

    private static void AddMaven(IReadOnlyList<MavenPom> poms, Dictionary<string, JvmModule> modules)
    {
        var byPath = poms.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var byCoordinates = new Dictionary<string, MavenPom>(StringComparer.OrdinalIgnoreCase);
        foreach (var pom in poms)
        {
            if (pom.Coordinates is { } coordinates)
            {
                byCoordinates.TryAdd(coordinates, pom);
            }
        }

        foreach (var pom in poms)
        {
            var packages = new List<PackageReference>(pom.Packages);
            var mains = new List<string>(pom.MainClasses);
            var seen = new HashSet<string>(StringComparer.Ordinal) { pom.Path };
            for (var parent = ParentOf(pom); parent is not null && seen.Add(parent.Path); parent = ParentOf(parent))
            {
                // A parent's dependencies and build plugins are inherited (its dependencyManagement only pins versions).
                packages.AddRange(parent.Packages.Where(p => !p.Name.Equals(pom.Parent, StringComparison.OrdinalIgnoreCase)));
                mains.AddRange(parent.MainClasses);
            }

            var dependsOn = pom.Packages
                .Where(p => !p.Development && byCoordinates.TryGetValue(p.Name, out var sibling) && sibling != pom && sibling.Packaging is not "pom")
                .Select(p => byCoordinates[p.Name].Directory)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var name = pom.Directory.Length == 0 || pom.ArtifactId is null ? pom.ArtifactId ?? string.Empty : RelativePaths.FileName(pom.Directory);
            modules[pom.Directory] = new JvmModule(pom.Directory, name, pom.Path, 1, packages, dependsOn, mains.Distinct(StringComparer.Ordinal).ToList(), pom.Dockerfiles, []);
        }

        MavenPom? ParentOf(MavenPom pom) =>
            pom.ParentPath is { } path && byPath.TryGetValue(path, out var byRelative) && byRelative.Coordinates is { } c && pom.Parent is { } p && c.Equals(p, StringComparison.OrdinalIgnoreCase)
                ? byRelative
                : pom.Parent is { } parent && byCoordinates.TryGetValue(parent, out var byName) ? byName : null;
    }

    private static void AddGradle(IReadOnlyList<GradleBuild> builds, IReadOnlyList<GradleSettings> settingsFiles, Dictionary<string, JvmModule> modules)
    {
        foreach (var build in builds)
        {
            var settings = settingsFiles.Where(s => RelativePaths.IsUnder(build.Directory, s.Directory)).OrderByDescending(s => s.Directory.Length).FirstOrDefault();
            var rootDirectory = settings?.Directory ?? build.Directory;
            var root = builds.FirstOrDefault(b => b.Directory == rootDirectory && b != build);
            var packages = build.Resolved.Where(r => build.Directory == rootDirectory || !r.Inherited).Select(r => r.Reference).ToList();
            if (root is not null)
            {
                packages.AddRange(root.Resolved.Where(r => r.Inherited).Select(r => r.Reference));
            }

            var projects = settings?.Projects ?? new Dictionary<string, string>();
            var dependsOn = new List<string>();
            foreach (var (projectPath, dev) in build.ProjectDependencies)
            {
                if (!dev)
                {
                    dependsOn.Add(projects.TryGetValue(projectPath, out var directory) ? directory : RelativePaths.Combine(rootDirectory, projectPath.TrimStart(':').Replace(':', '/')));
                }
            }

            foreach (var (accessor, dev) in build.ProjectAccessors)
            {
                var wanted = Normalize(accessor.Replace('.', ':'));
                var match = projects.FirstOrDefault(p => Normalize(p.Key.TrimStart(':')) == wanted);
                if (!dev && match.Value is not null)
                {
                    dependsOn.Add(match.Value);
                }
            }

            var name = build.Directory == rootDirectory && settings?.RootProjectName is { } rootName ? rootName : RelativePaths.FileName(build.Directory);
            var dockerfiles = build.Dockerfiles.Select(d => (RelativePaths.Combine(d.FromRoot ? rootDirectory : build.Directory, d.Path.Replace("${projectDir}/", string.Empty, StringComparison.Ordinal).Replace("$projectDir/", string.Empty, StringComparison.Ordinal).Replace("${rootDir}/", string.Empty, StringComparison.Ordinal).Replace("$rootDir/", string.Empty, StringComparison.Ordinal)), d.Line)).ToList();
            if (!modules.ContainsKey(build.Directory) || modules[build.Directory].Packages.Count == 0)
            {
                modules[build.Directory] = new JvmModule(build.Directory, name, build.Path, 1, packages, dependsOn.Distinct(StringComparer.Ordinal).ToList(), build.MainClasses, dockerfiles, []);
            }
        }

        // Projects the settings include without a build script of their own are configured from the root build.
        foreach (var settings in settingsFiles)
        {
            foreach (var (_, directory) in settings.Projects)
            {
                if (!modules.ContainsKey(directory))
                {
                    var root = builds.FirstOrDefault(b => b.Directory == settings.Directory);
                    var inherited = root?.Resolved.Where(r => r.Inherited).Select(r => r.Reference).ToList() ?? [];
                    modules[directory] = new JvmModule(directory, RelativePaths.FileName(directory), settings.Path, 1, inherited, [], [], [], []);
                }
            }
        }

        static string Normalize(string value) => value.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    private static void AddSbt(IReadOnlyList<SbtBuild> files, Dictionary<string, JvmModule> modules)
    {
        foreach (var group in files.GroupBy(f => f.Directory, StringComparer.Ordinal))
        {
            var buildDirectory = group.Key;
            var definitions = group.Where(f => !f.IsMetaBuild).ToList();
            var buildFile = definitions.FirstOrDefault(f => RelativePaths.FileName(f.Path) == "build.sbt") ?? definitions.FirstOrDefault();
            if (buildFile is null)
            {
                continue;
            }

            // Dependencies are declared in build.sbt and shared lists of project/*.scala; plugins in project/*.sbt.
            var packages = group.SelectMany(f => f.Packages).ToList();
            var projects = definitions.SelectMany(f => f.Projects).ToList();
            var byId = projects.ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var project in projects)
            {
                var dependsOn = project.DependsOn.Where(byId.ContainsKey).Select(id => byId[id].Directory).Where(d => d != project.Directory).Distinct(StringComparer.Ordinal).ToList();
                var name = project.Directory == buildDirectory ? buildFile.Name ?? project.Name ?? project.Id : RelativePaths.FileName(project.Directory);
                modules[project.Directory] = new JvmModule(project.Directory, name, buildFile.Path, project.Line, packages, dependsOn, project.MainClasses, [], project.Plugins)
                {
                    ProgramName = project.PackageName ?? (project.Plugins.Contains("DockerPlugin") ? buildFile.Name : null),
                };
            }

            if (!modules.ContainsKey(buildDirectory))
            {
                modules[buildDirectory] = new JvmModule(buildDirectory, buildFile.Name ?? RelativePaths.FileName(buildDirectory), buildFile.Path, 1, packages, [], [], [], definitions.SelectMany(d => d.RootPlugins).ToList());
            }
        }
    }
}
