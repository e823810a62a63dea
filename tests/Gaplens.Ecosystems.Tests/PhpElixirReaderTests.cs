using Gaplens.Ecosystems.Elixir;
using Gaplens.Ecosystems.Php;

namespace Gaplens.Ecosystems.Tests;

/// <summary>composer.json and mix.exs as their ecosystems read them.</summary>
public sealed class PhpElixirReaderTests
{
    [Fact]
    public void Composer_json_flags_require_dev_and_keeps_extensions_but_not_the_php_version()
    {
        var manifest = ComposerManifest.Parse(Sources.Of("composer.json", """
            {
              "name": "acme/shop",
              "type": "project",
              "require": {
                "php": "^8.2",
                "ext-pdo_pgsql": "*",
                "laravel/framework": "^11.0",
                "phpunit/phpunit": "^11.0"
              },
              "require-dev": {
                "phpunit/phpunit": "^11.0",
                "lib-pcre": "*"
              },
              "autoload": { "psr-4": { "App\\": "app/", "Shared\\": ["src/", "lib/"] } },
              "repositories": [
                { "type": "path", "url": "packages/*" },
                { "type": "vcs", "url": "https://example.invalid/repo.git" }
              ]
            }
            """), PhpEcosystem.Composer, out var error)!;

        Assert.Null(error);
        Assert.Equal("acme/shop", manifest.Name);
        Assert.False(manifest.IsLibraryType);
        Assert.DoesNotContain(manifest.Packages, p => p.Name is "php" or "lib-pcre");
        Assert.Contains(manifest.Packages, p => p.Name == "ext-pdo_pgsql" && !p.Development);
        Assert.True(manifest.Requires("laravel/framework"));
        // The same name in require and require-dev: each reference carries the line of its own section.
        var phpunit = manifest.Packages.Where(p => p.Name == "phpunit/phpunit").ToList();
        Assert.Equal([(8, false), (11, true)], phpunit.Select(p => (p.Line, p.Development)));
        Assert.Equal(["app", "src", "lib"], manifest.AutoloadRoots);
        Assert.Equal(["packages"], manifest.PathRepositories);
    }

    [Fact]
    public void Composer_library_type_and_invalid_json()
    {
        var library = ComposerManifest.Parse(Sources.Of("packages/money/composer.json", """{ "name": "acme/money", "type": "library" }"""), PhpEcosystem.Composer, out _)!;
        Assert.True(library.IsLibraryType);

        Assert.Null(ComposerManifest.Parse(Sources.Of("composer.json", "{ \"require\": "), PhpEcosystem.Composer, out var error));
        Assert.Contains("invalid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mix_exs_reads_multi_line_dependencies_with_environments_and_umbrella_siblings()
    {
        var project = MixProject.Parse(Sources.Of("apps/shop_web/mix.exs", """
            defmodule ShopWeb.MixProject do
              use Mix.Project

              def project do
                [
                  app: :shop_web,
                  deps: deps()
                ]
              end

              def application do
                [mod: {ShopWeb.Application, []}, extra_applications: [:logger]]
              end

              defp deps do
                [
                  {:phoenix, "~> 1.7"},
                  {:git_dep,
                   github: "acme/git_dep",
                   only: [:dev, :test]},
                  {:credo, "~> 1.7", only: [:dev, :test], runtime: false},
                  {:esbuild, "~> 0.8", runtime: Mix.env() == :dev},
                  {:telemetry, "~> 1.0", only: [:dev, :prod]},
                  # {:commented_out, "~> 1.0"},
                  {:shop, in_umbrella: true}
                ]
              end
            end
            """), ElixirEcosystem.Hex);

        Assert.Equal("shop_web", project.App);
        Assert.False(project.IsUmbrella);
        Assert.Equal(["phoenix", "git_dep", "credo", "esbuild", "telemetry"], project.Packages.Select(p => p.Name));
        Assert.Equal([false, true, true, true, false], project.Packages.Select(p => p.Development));
        Assert.Equal(18, project.Packages[1].Line);
        Assert.Equal(["shop"], project.UmbrellaDependencies);
        Assert.True(project.StartsApplication);
        Assert.True(project.Requires("phoenix"));
    }

    [Fact]
    public void Mix_exs_reads_releases_application_callback_and_library_markers()
    {
        var umbrella = MixProject.Parse(Sources.Of("mix.exs", """
            defmodule Platform.MixProject do
              use Mix.Project

              def project do
                [
                  apps_path: "apps",
                  releases: [
                    api: [applications: [api_web: :permanent, core: :permanent]],
                    worker: [
                      include_executables_for: [:unix],
                      applications: [jobs: :permanent]
                    ]
                  ],
                  deps: [{:credo, "~> 1.7", only: :dev}]
                ]
              end
            end
            """), ElixirEcosystem.Hex);

        Assert.True(umbrella.IsUmbrella);
        Assert.Equal(["api", "worker"], umbrella.Releases.Select(r => r.Name));
        Assert.Equal(["api_web", "core"], umbrella.Releases[0].Applications);
        Assert.Equal(["jobs"], umbrella.Releases[1].Applications);
        Assert.Equal(8, umbrella.Releases[0].Line);
        Assert.True(Assert.Single(umbrella.Packages).Development);

        var library = MixProject.Parse(Sources.Of("mix.exs", """
            defmodule Money.MixProject do
              def project do
                [app: :money, package: package(), escript: [main_module: Money.CLI]]
              end

              def application do
                [
                  mod: {Money.Application, []}
                ]
              end

              defp releases do
                [money: []]
              end
            end
            """), ElixirEcosystem.Hex);

        Assert.True(library.StartsApplication);
        Assert.True(library.IsHexPackage);
        Assert.True(library.IsEscript);
        Assert.Equal("money", library.App);
        Assert.Equal(["money"], library.Releases.Select(r => r.Name));
    }
}
