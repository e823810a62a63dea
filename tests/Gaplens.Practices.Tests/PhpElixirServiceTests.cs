namespace Gaplens.Practices.Tests;

using Gaplens.Core.Model;
using Gaplens.Tests;

/// <summary>PHP and Elixir programs as their owners would list them: applications and releases, not libraries or tools.</summary>
public sealed class PhpElixirServiceTests
{
    private const string LaravelComposer = """
        {
          "name": "acme/shop",
          "type": "project",
          "require": { "php": "^8.2", "laravel/framework": "^11.0", "laravel/sanctum": "^4.0" },
          "require-dev": { "phpunit/phpunit": "^11.0" }
        }
        """;

    private static FixtureCopy Laravel() => FixtureCopy.Empty()
        .With("composer.json", LaravelComposer)
        .With("artisan", "#!/usr/bin/env php\n<?php\n$app = require __DIR__.'/bootstrap/app.php';\n")
        .With("public/index.php", "<?php\nrequire __DIR__.'/../vendor/autoload.php';\n")
        .With("routes/api.php", "<?php\nRoute::apiResource('orders', OrderController::class);\n");

    [Fact]
    public void A_laravel_app_is_one_service_named_after_its_package_with_worker_and_scheduler_processes()
    {
        using var tree = Laravel()
            .With("compose.yaml", """
                services:
                  app:
                    build: .
                    ports: ["8080:80"]
                  queue:
                    build: .
                    command: php artisan queue:work --tries=3
                  scheduler:
                    build: .
                    command: php artisan schedule:work
                """)
            .With("Dockerfile", "FROM php:8.3-fpm\nCOPY . /var/www/html\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("shop", service.Name);
        Assert.Equal("php-laravel", service.Kind);
        Assert.Equal("php", service.Ecosystem);
        Assert.True(service.ServesHttp);
        Assert.Equal(["scheduler", "web", "worker"], service.Processes.Select(p => p.Name));
        Assert.Equal("compose.yaml", service.Processes.Single(p => p.Name == "worker").Evidence.Path);
        Assert.Equal(["Dockerfile"], service.Dockerfiles);
    }

    [Fact]
    public void Horizon_is_the_queue_worker_of_a_laravel_app_and_a_plain_app_declares_no_processes()
    {
        using var plain = Laravel();
        Assert.Empty(Assert.Single(Scan.Run(plain.Root).Facts.Services).Processes);

        using var horizon = Laravel().With("composer.json", LaravelComposer.Replace("\"laravel/sanctum\": \"^4.0\"", "\"laravel/horizon\": \"^5.0\"", StringComparison.Ordinal));
        var service = Assert.Single(Scan.Run(horizon.Root).Facts.Services);
        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
        Assert.Equal("php artisan horizon", service.Processes[1].Command);
    }

    [Fact]
    public void Composer_libraries_and_tool_manifests_are_not_services()
    {
        using var tree = FixtureCopy.Empty()
            .With("composer.json", """{ "name": "acme/money", "type": "library", "require": { "php": "^8.2" } }""")
            .With("src/Money.php", "<?php\nfinal class Money {}\n")
            .With("tools/php-cs-fixer/composer.json", """{ "require": { "friendsofphp/php-cs-fixer": "^3.0" } }""");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }

    [Fact]
    public void A_plain_php_app_is_a_service_when_its_manifest_is_unnamed_but_a_named_package_is_a_library()
    {
        using var app = FixtureCopy.Empty()
            .With("composer.json", """{ "require": { "guzzlehttp/guzzle": "^7.0" } }""")
            .With("index.php", "<?php\nrequire 'vendor/autoload.php';\n");
        var service = Assert.Single(Scan.Run(app.Root).Facts.Services);
        Assert.Equal("php-app", service.Kind);

        using var library = FixtureCopy.Empty()
            .With("composer.json", """{ "name": "acme/http", "require": { "guzzlehttp/guzzle": "^7.0" } }""")
            .With("index.php", "<?php\nrequire 'vendor/autoload.php';\n");
        Assert.Empty(Scan.Run(library.Root).Facts.Services);
    }

    [Fact]
    public void A_symfony_app_with_a_messenger_consumer_under_supervisor_has_a_worker()
    {
        using var tree = FixtureCopy.Empty()
            .With("composer.json", """{ "type": "project", "require": { "symfony/framework-bundle": "^7.0", "symfony/messenger": "^7.0" } }""")
            .With("bin/console", "#!/usr/bin/env php\n<?php\n")
            .With("public/index.php", "<?php\nuse App\\Kernel;\n")
            .With("docker/supervisor/messenger.conf", "[program:messenger]\ncommand=php /app/bin/console messenger:consume async --time-limit=3600\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal("php-symfony", service.Kind);
        Assert.Equal(Path.GetFileName(tree.Root), service.Name); // no package name: named after the folder
        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
    }

    [Fact]
    public void The_database_a_php_app_uses_comes_from_its_environment_template()
    {
        using var tree = Laravel().With(".env.example", "APP_NAME=Shop\nDB_CONNECTION=pgsql\nDB_HOST=127.0.0.1\n");

        var facts = Scan.Run(tree.Root).Facts;

        var database = Assert.Single(facts.Dependencies, d => d.Name == "PostgreSQL");
        Assert.Equal(".env.example", database.Evidence.Path);
        Assert.Equal(2, database.Evidence.Line);
        Assert.True(facts.ExposesHttpApi);
    }

    private const string PhoenixMix = """
        defmodule Shop.MixProject do
          use Mix.Project

          def project do
            [app: :shop, deps: deps(), releases: [storefront: [include_executables_for: [:unix]]]]
          end

          def application do
            [mod: {Shop.Application, []}, extra_applications: [:logger]]
          end

          defp deps do
            [{:phoenix, "~> 1.7"}, {:ecto_sql, "~> 3.10"}, {:postgrex, ">= 0.0.0"}, {:oban, "~> 2.17"}]
          end
        end
        """;

    [Fact]
    public void A_phoenix_release_is_a_service_named_after_the_release_with_its_assets()
    {
        using var tree = FixtureCopy.Empty()
            .With("mix.exs", PhoenixMix)
            .With("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use ShopWeb, :router\n  scope \"/api\", ShopWeb do\n    pipe_through :api\n  end\nend\n")
            .With("assets/js/app.js", "import \"phoenix_html\"\n");

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal("storefront", service.Name);
        Assert.Equal("elixir-phoenix", service.Kind);
        Assert.True(service.ServesHttp);
        Assert.Equal(["", "assets"], service.CodeRoots);
        Assert.Contains(facts.Dependencies, d => d.Name == "PostgreSQL");
        Assert.Contains(facts.Dependencies, d => d.Name == "background job queue");
        Assert.True(facts.ExposesHttpApi);
    }

    [Fact]
    public void Hex_packages_escripts_and_projects_without_an_application_are_not_services()
    {
        using var tree = FixtureCopy.Empty()
            .With("mix.exs", "defmodule Money.MixProject do\n  def project do\n    [app: :money, package: package(), deps: []]\n  end\n\n  def application do\n    [mod: {Money.Application, []}]\n  end\nend\n")
            .With("tools/cli/mix.exs", "defmodule Cli.MixProject do\n  def project do\n    [app: :cli, escript: [main_module: Cli]]\n  end\n\n  def application do\n    [mod: {Cli.App, []}]\n  end\nend\n")
            .With("helpers/mix.exs", "defmodule Helpers.MixProject do\n  def project do\n    [app: :helpers]\n  end\nend\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }

    private static string UmbrellaApp(string name, string deps) =>
        $"defmodule {name}.MixProject do\n  def project do\n    [app: :{name.ToLowerInvariant()}, deps: deps()]\n  end\n\n  def application do\n    [mod: {{{name}.Application, []}}]\n  end\n\n  defp deps do\n    [{deps}]\n  end\nend\n";

    [Fact]
    public void An_umbrella_is_one_release_unless_mix_exs_names_several()
    {
        using var single = FixtureCopy.Empty()
            .With("mix.exs", "defmodule Platform.MixProject do\n  def project do\n    [apps_path: \"apps\", deps: []]\n  end\nend\n")
            .With("apps/core/mix.exs", UmbrellaApp("Core", "{:ecto_sql, \"~> 3.0\"}"))
            .With("apps/web/mix.exs", UmbrellaApp("Web", "{:phoenix, \"~> 1.7\"}, {:core, in_umbrella: true}"));

        var service = Assert.Single(Scan.Run(single.Root).Facts.Services);
        Assert.Equal("elixir-phoenix", service.Kind);
        Assert.Equal([""], service.CodeRoots);

        using var split = FixtureCopy.Empty()
            .With("mix.exs", """
                defmodule Platform.MixProject do
                  def project do
                    [
                      apps_path: "apps",
                      releases: [
                        api: [applications: [web: :permanent]],
                        jobs: [applications: [worker: :permanent]]
                      ]
                    ]
                  end
                end
                """)
            .With("apps/core/mix.exs", UmbrellaApp("Core", "{:ecto_sql, \"~> 3.0\"}"))
            .With("apps/web/mix.exs", UmbrellaApp("Web", "{:phoenix, \"~> 1.7\"}, {:core, in_umbrella: true}"))
            .With("apps/worker/mix.exs", UmbrellaApp("Worker", "{:oban, \"~> 2.0\"}, {:core, in_umbrella: true}"));

        using var dockerfiles = FixtureCopy.Empty()
            .With("mix.exs", "defmodule Platform.MixProject do\n  def project do\n    [apps_path: \"apps\"]\n  end\nend\n")
            .With("apps/core/mix.exs", UmbrellaApp("Core", "{:ecto_sql, \"~> 3.0\"}"))
            .With("apps/web/mix.exs", UmbrellaApp("Web", "{:phoenix, \"~> 1.7\"}, {:core, in_umbrella: true}"))
            .With("apps/web/Dockerfile", "FROM elixir:1.17 AS build\nRUN mix release web\n")
            .With("apps/worker/mix.exs", UmbrellaApp("Worker", "{:oban, \"~> 2.0\"}, {:core, in_umbrella: true}"))
            .With("apps/worker/Dockerfile", "FROM elixir:1.17 AS build\nRUN mix release worker\n");

        var shipped = Scan.Run(dockerfiles.Root).Facts.Services;
        Assert.Equal(["web", "worker"], shipped.Select(s => s.Name));
        Assert.Equal(["apps/web/Dockerfile"], shipped[0].Dockerfiles);
        Assert.Contains("apps/core", shipped[1].CodeRoots);

        var services = Scan.Run(split.Root).Facts.Services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["api", "jobs"], services.Select(s => s.Name));
        Assert.Equal(["apps/web", "apps/core", "config"], services[0].CodeRoots);
        Assert.True(services[0].ServesHttp);
        Assert.False(services[1].ServesHttp);
        Assert.Equal("apps/worker", services[1].Path);
    }

    [Fact]
    public void A_laravel_repository_shows_its_service_ci_and_framework_conventions()
    {
        using var tree = Laravel()
            .With(".github/workflows/tests.yml", "name: tests\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: shivammathur/setup-php@v2\n      - run: composer install --no-interaction\n      - run: vendor/bin/phpunit\n")
            .With("database/migrations/2024_01_01_000000_create_orders_table.php", "<?php\n\nreturn new class extends Migration\n{\n    public function up(): void\n    {\n        Schema::create('orders', function (Blueprint $table) {\n            $table->id();\n        });\n    }\n};\n")
            .With("tests/Feature/OrderApiTest.php", "<?php\n\nclass OrderApiTest extends TestCase\n{\n    public function test_lists(): void\n    {\n        $this->getJson('/api/orders')->assertOk();\n    }\n}\n")
            .With("app/Http/Requests/StoreOrderRequest.php", "<?php\n\nclass StoreOrderRequest extends FormRequest\n{\n    public function rules(): array\n    {\n        return ['total' => 'required|integer|min:1'];\n    }\n}\n")
            .With(".env.example", "APP_KEY=\nDB_CONNECTION=mysql\n")
            .With("config/app.php", "<?php\n\nreturn ['env' => env('APP_ENV', 'production')];\n");

        var result = Scan.Run(tree.Root);

        Assert.Equal("shop", Assert.Single(result.Facts.Services).Name);
        Assert.Equal(["github-actions"], result.Facts.CiSystems);
        Assert.Contains(result.Facts.Dependencies, d => d.Name == "MySQL");
        string Status(string id) => result.Verdicts.Single(v => v.PracticeId == id).Status.ToWire();
        Assert.Equal("present", Status("ci-runs-tests"));
        Assert.Equal("present", Status("data-migrations"));
        Assert.Equal("present", Status("test-unit"));
        Assert.Equal("present", Status("test-integration"));
        Assert.Equal("present", Status("sec-authn"));
        Assert.Equal("present", Status("sec-input-validation"));
        Assert.Equal("partial", Status("config-per-environment"));
        Assert.Equal("missing", Status("obs-error-tracking"));
    }

    [Fact]
    public void A_phoenix_repository_shows_its_service_ci_and_framework_conventions()
    {
        using var tree = FixtureCopy.Empty()
            .With("mix.exs", PhoenixMix)
            .With(".github/workflows/ci.yml", "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: erlef/setup-beam@v1\n      - run: mix deps.get\n      - run: mix format --check-formatted\n      - run: mix test\n")
            .With("priv/repo/migrations/20240101000000_create_orders.exs", "defmodule Shop.Repo.Migrations.CreateOrders do\n  use Ecto.Migration\n\n  def change do\n    create table(:orders)\n  end\nend\n")
            .With("lib/shop/orders/order.ex", "defmodule Shop.Orders.Order do\n  import Ecto.Changeset\n\n  def changeset(order, attrs), do: order |> cast(attrs, [:total]) |> validate_required([:total])\nend\n")
            .With("config/config.exs", "import Config\nimport_config \"#{config_env()}.exs\"\n")
            .With("config/prod.exs", "import Config\nconfig :logger, level: :info\n")
            .With("lib/shop_web/router.ex", "defmodule ShopWeb.Router do\n  use ShopWeb, :router\n\n  scope \"/api\", ShopWeb do\n    pipe_through :api\n  end\nend\n")
            .With("test/shop/orders_test.exs", "defmodule Shop.OrdersTest do\n  use ExUnit.Case, async: true\n\n  test \"adds\" do\n    assert 1 + 2 == 3\n  end\nend\n");

        var result = Scan.Run(tree.Root);

        Assert.Equal("storefront", Assert.Single(result.Facts.Services).Name);
        Assert.Equal(["github-actions"], result.Facts.CiSystems);
        string Status(string id) => result.Verdicts.Single(v => v.PracticeId == id).Status.ToWire();
        Assert.Equal("present", Status("ci-runs-tests"));
        Assert.Equal("present", Status("data-migrations"));
        Assert.Equal("present", Status("test-unit"));
        Assert.Equal("present", Status("config-per-environment"));
        Assert.Equal("present", Status("sec-input-validation"));
        Assert.Equal("present", Status("res-retry"));
        Assert.Equal("partial", Status("data-connection-pooling"));
        Assert.Equal("partial", Status("res-graceful-shutdown"));
        Assert.Equal("present", Status("dx-code-style"));
    }
}
