namespace Gaplens.Practices.Tests;

using Gaplens.Core.Model;
using Gaplens.Tests;

/// <summary>
/// Ruby as an owner lists it: a Rails (or Rack) application is one service named after its program, its web server
/// and job workers are processes of that service, and Rails conventions (migrations, environments, initializers,
/// routes) are read as the practices they show.
/// </summary>
public sealed class RubyEcosystemTests
{
    private const string RailsGemfile = """
        source "https://rubygems.org"
        gem "rails", "~> 7.2"
        gem "pg"
        gem "redis"
        gem "puma"
        gem "sidekiq"
        gem "turbo-rails"
        gem "faraday"
        group :development, :test do
          gem "rubocop-rails-omakase", require: false
        end
        group :test do
          gem "capybara"
          gem "selenium-webdriver"
        end
        """;

    private const string Application = """
        require_relative "boot"
        require "rails/all"
        Bundler.require(*Rails.groups)

        module Ledger
          class Application < Rails::Application
            config.load_defaults 7.2
          end
        end
        """;

    private static FixtureCopy RailsApp() => FixtureCopy.Empty()
        .With("Gemfile", RailsGemfile)
        .With("config/application.rb", Application)
        .With("config/puma.rb", "threads 3, 3\nport ENV.fetch(\"PORT\") { 3000 }\n")
        .With("config/sidekiq.yml", "concurrency: 5\n")
        .With("config.ru", "require_relative \"config/environment\"\nrun Rails.application\n")
        .With("Dockerfile", "FROM ruby:3.4-slim\nCOPY . .\nUSER 1000:1000\nCMD [\"./bin/rails\", \"server\"]\n");

    [Fact]
    public void A_rails_app_is_one_service_named_after_its_module_with_web_and_worker_processes()
    {
        using var tree = RailsApp();

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal("ledger", service.Name);
        Assert.Equal("rails", service.Kind);
        Assert.Equal("ruby", service.Ecosystem);
        Assert.True(service.ServesHttp);
        Assert.Equal(["Dockerfile"], service.Dockerfiles);
        Assert.Equal(new Evidence("config/application.rb", 6, "Rails application"), service.Evidence);
        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
        Assert.Equal("bundle exec puma -C config/puma.rb", service.Processes[0].Command);
        Assert.Equal("config/sidekiq.yml", service.Processes[1].Evidence.Path);
        Assert.Equal(["PostgreSQL", "Redis", "Sidekiq"], facts.Dependencies.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.NotNull(facts.Ui);
        Assert.NotNull(facts.OutboundCalls);
        Assert.Contains("Ruby", facts.Languages);
    }

    [Fact]
    public void A_procfile_declares_the_processes_instead_of_the_gems_unless_it_holds_only_a_release_command()
    {
        using var declared = RailsApp().With("Procfile", "web: bundle exec puma -C config/puma.rb\njobs: bundle exec sidekiq -q default\nrelease: bin/rails db:migrate\n");
        using var releaseOnly = RailsApp().With("Procfile", "release: bin/rails db:migrate\n");

        var fromProcfile = Assert.Single(Scan.Run(declared.Root).Facts.Services);
        var inferred = Assert.Single(Scan.Run(releaseOnly.Root).Facts.Services);

        Assert.Equal("ledger", fromProcfile.Name);
        Assert.Equal(["jobs", "web"], fromProcfile.Processes.Select(p => p.Name));
        Assert.All(fromProcfile.Processes, p => Assert.Equal("Procfile", p.Evidence.Path));
        Assert.Equal(["web", "worker"], inferred.Processes.Select(p => p.Name));
    }

    [Fact]
    public void Solid_queue_is_a_worker_process_and_without_a_server_gem_rails_serves_itself()
    {
        using var tree = FixtureCopy.Empty()
            .With("Gemfile", "gem \"rails\"\ngem \"sqlite3\"\ngem \"solid_queue\"\n")
            .With("config/application.rb", Application)
            .With("config/queue.yml", "production:\n  workers:\n    - queues: \"*\"\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
        Assert.Equal("bin/rails server", service.Processes[0].Command);
        Assert.Equal(new Evidence("config/queue.yml", 1, "solid_queue configuration"), service.Processes[1].Evidence);
    }

    [Fact]
    public void Kamal_roles_are_the_processes_and_kamal_is_the_platform()
    {
        using var tree = FixtureCopy.Empty()
            .With("Gemfile", "gem \"rails\"\ngem \"sqlite3\"\ngem \"solid_queue\"\ngem \"kamal\", require: false\n")
            .With("config/application.rb", "module App\n  class Application < Rails::Application\n  end\nend\n")
            .With("bin/jobs", "#!/usr/bin/env ruby\n")
            .With("config/deploy.yml", """
                service: chatroom
                image: acme/chatroom
                servers:
                  web:
                    - 192.168.0.1
                  job:
                    hosts:
                      - 192.168.0.1
                    cmd: bin/jobs
                proxy:
                  ssl: true
                accessories:
                  cache:
                    image: redis:7
                """);

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal("chatroom", service.Name); // module App names no program: the Kamal service does
        Assert.Equal(["job", "web"], service.Processes.Select(p => p.Name));
        Assert.Equal("bin/jobs", service.Processes[0].Command);
        Assert.Contains("kamal", facts.Platforms);
        Assert.Contains(facts.Dependencies, d => d.Name == "Redis" && d.Evidence.Path == "config/deploy.yml");
    }

    [Fact]
    public void Rack_apps_and_standalone_workers_are_services_but_gems_dummy_apps_and_tooling_are_not()
    {
        using var tree = FixtureCopy.Empty()
            .With("api/Gemfile", "gem \"sinatra\"\ngem \"puma\"\n")
            .With("api/config.ru", "require_relative \"app\"\nrun Api.new\n")
            .With("consumer/Gemfile", "gem \"sidekiq\"\ngem \"redis\"\n")
            .With("widget/Gemfile", "source \"https://rubygems.org\"\ngemspec\n")
            .With("widget/widget.gemspec", "Gem::Specification.new do |s|\n  s.add_dependency \"rack\"\nend\n")
            .With("widget/config.ru", "run Widget::Demo\n")
            .With("widget/spec/dummy/config/application.rb", "module Dummy\n  class Application < Rails::Application\n  end\nend\n")
            .With("tools/Gemfile", "gem \"rubocop\"\n");

        var services = Scan.Run(tree.Root).Facts.Services;

        Assert.Equal(["api", "consumer"], services.Select(s => s.Name));
        Assert.Equal(("sinatra", true), (services[0].Kind, services[0].ServesHttp));
        Assert.Equal(["web"], services[0].Processes.Select(p => p.Name));
        Assert.Equal(("ruby-worker", false), (services[1].Kind, services[1].ServesHttp));
    }

    [Fact]
    public void Api_namespaces_make_an_http_api_and_mailer_settings_are_not_outbound_calls()
    {
        using var api = FixtureCopy.Empty()
            .With("Gemfile", "gem \"rails\"\ngem \"pg\"\n")
            .With("config/application.rb", Application.Replace("Ledger", "Books", StringComparison.Ordinal) + "\n# config.api_only = true\n")
            .With("config/routes.rb", "Rails.application.routes.draw do\n  namespace :api do\n    resources :books\n  end\nend\n")
            .With("app/controllers/application_controller.rb", "class ApplicationController < ActionController::API\nend\n")
            .With("config/environments/production.rb", "Rails.application.configure do\n  config.action_mailer.deliver_later_queue_name = \"mailers\"\nend\n");

        var facts = Scan.Run(api.Root).Facts;

        Assert.NotNull(facts.HttpApi);
        Assert.Null(facts.Ui);
        Assert.Null(facts.OutboundCalls);
        Assert.Equal("books", Assert.Single(facts.Services).Name);
    }

    [Fact]
    public void Rails_conventions_are_read_as_the_practices_they_show()
    {
        using var tree = RailsApp()
            .With("db/migrate/20250101000000_create_entries.rb", "class CreateEntries < ActiveRecord::Migration[7.2]\nend\n")
            .With("db/schema.rb", "ActiveRecord::Schema[7.2].define(version: 2025_01_01) do\nend\n")
            .With("config/environments/production.rb", """
                Rails.application.configure do
                  config.force_ssl = true
                  config.log_tags = [ :request_id ]
                  config.cache_store = :redis_cache_store, { url: ENV["REDIS_URL"] }
                end
                """)
            .With("config/routes.rb", "Rails.application.routes.draw do\n  get \"up\" => \"rails/health#show\", as: :rails_health_check\nend\n")
            .With("config/initializers/rack_attack.rb", "class Rack::Attack\n  throttle(\"req/ip\", limit: 300, period: 5.minutes) { |r| r.ip }\nend\n")
            .With("config/database.yml", "production:\n  adapter: postgresql\n  pool: <%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>\n")
            .With("test/models/entry_test.rb", "require \"test_helper\"\nclass EntryTest < ActiveSupport::TestCase\nend\n")
            .With("test/controllers/entries_controller_test.rb", "class EntriesControllerTest < ActionDispatch::IntegrationTest\nend\n")
            .With("test/application_system_test_case.rb", "class ApplicationSystemTestCase < ActionDispatch::SystemTestCase\n  driven_by :selenium, using: :headless_chrome\nend\n")
            .With(".rubocop.yml", "inherit_gem:\n  rubocop-rails-omakase: rubocop.yml\n")
            .With(".github/workflows/ci.yml", """
                on: [pull_request]
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ruby/setup-ruby@v1
                      - run: bin/brakeman --no-pager
                      - run: bin/rubocop
                """);

        var result = Scan.Run(tree.Root);
        string Status(string id) => result.Verdicts.Single(v => v.PracticeId == id).Status.ToWire();

        Assert.Equal(["github-actions"], result.Facts.CiSystems);
        foreach (var id in new[]
                 {
                     "data-migrations", "config-per-environment", "sec-https", "obs-correlation-id", "scale-caching", "res-health-endpoint",
                     "data-connection-pooling", "test-unit", "test-integration", "test-e2e", "dx-code-style", "ci-sast",
                 })
        {
            Assert.True(Status(id) == "present", $"{id}: {Status(id)}");
        }

        Assert.Equal("partial", Status("res-graceful-shutdown")); // Puma's default SIGTERM drain, no timeout set
        Assert.Equal("partial", Status("sec-security-headers")); // Rails default headers, no CSP
    }
}
