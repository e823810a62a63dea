using Gaplens.Ecosystems.Rust;

namespace Gaplens.Ecosystems.Tests;

public sealed class CargoManifestTests
{
    [Fact]
    public void Package_manifest_gives_targets_path_and_inherited_dependencies_with_features_and_lines()
    {
        var manifest = CargoManifest.Parse(Sources.Of("crates/server/Cargo.toml", """
            [package]
            name = "app_server"
            default-run = "app_server"

            [[bin]]
            name = "app-admin"
            path = "src/admin.rs"

            [dependencies]
            app_db = { workspace = true }
            app_core = { path = "../core" }
            pg = { package = "tokio-postgres", version = "0.7" }
            diesel = { version = "2", features = ["postgres", "chrono"] }

            [dev-dependencies]
            serial_test = "3"

            [target.'cfg(unix)'.dependencies]
            libc = "0.2"
            """), out var error)!;

        Assert.Null(error);
        Assert.Equal("app_server", manifest.PackageName);
        Assert.Equal("app_server", manifest.DefaultRun);
        Assert.Equal(("app-admin", "src/admin.rs", 5), Assert.Single(manifest.DeclaredBins));
        Assert.False(manifest.IsWorkspaceRoot);

        var core = manifest.Dependencies.Single(d => d.Key == "app_core");
        Assert.Equal("crates/core", core.Path);
        Assert.Equal(11, core.Line);
        Assert.True(manifest.Dependencies.Single(d => d.Key == "app_db").Inherited);
        Assert.Equal("tokio-postgres", manifest.Dependencies.Single(d => d.Key == "pg").Package);
        Assert.Equal(["postgres", "chrono"], manifest.Dependencies.Single(d => d.Key == "diesel").Features);
        Assert.True(manifest.Dependencies.Single(d => d.Key == "serial_test").Development);
        Assert.Contains(manifest.Dependencies, d => d.Key == "libc" && !d.Development);

        // Packages are declared under the crate they name, so a renamed dependency still counts as tokio-postgres.
        Assert.Contains(manifest.Packages(), p => p.Name == "tokio-postgres" && p.Line == 12);
    }

    [Fact]
    public void Workspace_manifest_gives_members_and_shared_dependencies_with_resolved_paths()
    {
        var manifest = CargoManifest.Parse(Sources.Of("Cargo.toml", """
            [workspace]
            members = ["crates/*", "tools/cli"]
            exclude = ["crates/legacy"]

            [workspace.dependencies]
            app_db = { version = "=1.0.0", path = "./crates/db" }
            tracing-subscriber = { version = "0.3", features = ["json"] }
            """), out var error)!;

        Assert.Null(error);
        Assert.Null(manifest.PackageName);
        Assert.True(manifest.IsWorkspaceRoot);
        Assert.Equal(["crates/*", "tools/cli"], manifest.Members);
        Assert.Equal(["crates/legacy"], manifest.Excluded);
        Assert.Equal("crates/db", manifest.WorkspaceDependencies.Single(d => d.Key == "app_db").Path);
        Assert.Equal(["json"], manifest.WorkspaceDependencies.Single(d => d.Key == "tracing-subscriber").Features);
    }

    [Theory]
    [InlineData("fuzz/Cargo.toml", "[package]\nname = \"parser-fuzz\"\n[package.metadata]\ncargo-fuzz = true\n", true)]
    [InlineData("xtask/Cargo.toml", "[package]\nname = \"xtask\"\n", true)]
    [InlineData("crates/api/Cargo.toml", "[package]\nname = \"api\"\n", false)]
    public void Fuzz_and_xtask_crates_are_development_crates(string path, string toml, bool development)
    {
        var manifest = CargoManifest.Parse(Sources.Of(path, toml), out _)!;

        Assert.Equal(development, manifest.IsDevelopmentCrate);
    }

    [Fact]
    public void Malformed_manifest_is_an_error()
    {
        Assert.Null(CargoManifest.Parse(Sources.Of("Cargo.toml", "[package\nname = "), out var error));
        Assert.Contains("invalid TOML", error, StringComparison.Ordinal);
    }
}
