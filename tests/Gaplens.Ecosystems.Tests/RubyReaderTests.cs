using Gaplens.Ecosystems.Ruby;

namespace Gaplens.Ecosystems.Tests;

/// <summary>Bundler manifests, Ruby application entry files and Kamal deployments.</summary>
public sealed class RubyReaderTests
{
    [Fact]
    public void Gemfile_groups_flag_development_gems_and_other_blocks_keep_the_flag_around_them()
    {
        var manifest = RubyManifest.Read(Sources.Of("Gemfile", """
            source "https://rubygems.org"
            gem "rails", "~> 7.2"
            gem "skylight", groups: [ :production ]
            gem "tzinfo-data", platforms: %i[windows jruby]

            group :development, :test do
              gem "debug", platforms: %i[mri windows]
              platforms :mri do
                gem "byebug"
              end
              gem "brakeman", require: false # after a nested block
            end

            if ENV["BENCHMARKING"]
              gem "dotenv-rails", groups: [ :production ]
            end

            gem "pg" # "quoted" comment
            gem "rspec-rails", group: :test
            gem "lograge", :group => :production
            group :test, optional: true do
              gem "capybara"
            end
            # gem "commented-out"
            """), RubyEcosystem.RubyGems);

        var development = manifest.Packages.Where(p => p.Development).Select(p => p.Name).ToList();
        var runtime = manifest.Packages.Where(p => !p.Development).Select(p => p.Name).ToList();

        Assert.Equal(["debug", "byebug", "brakeman", "rspec-rails", "capybara"], development);
        Assert.Equal(["rails", "skylight", "tzinfo-data", "dotenv-rails", "pg", "lograge"], runtime);
        Assert.Equal(18, manifest.Packages.Single(p => p.Name == "pg").Line);
        Assert.False(manifest.DeclaresGemspec);
        Assert.True(manifest.HasRuntime("pg"));
        Assert.False(manifest.HasRuntime("capybara"));
    }

    [Fact]
    public void Gemspec_dependencies_and_a_gemfile_that_defers_to_its_gemspec()
    {
        var gemspec = RubyManifest.Read(Sources.Of("widget.gemspec", """
            Gem::Specification.new do |spec|
              spec.name = "widget"
              spec.add_dependency "rack", ">= 2"
              spec.add_runtime_dependency("faraday")
              spec.add_development_dependency "rspec"
            end
            """), RubyEcosystem.RubyGems);
        var gemfile = RubyManifest.Read(Sources.Of("Gemfile", "source \"https://rubygems.org\"\ngemspec\n"), RubyEcosystem.RubyGems);

        Assert.True(gemspec.IsGemspec);
        Assert.Equal(["rack", "faraday"], gemspec.Packages.Where(p => !p.Development).Select(p => p.Name));
        Assert.Equal("rspec", gemspec.Packages.Single(p => p.Development).Name);
        Assert.True(gemfile.DeclaresGemspec);
        Assert.Empty(gemfile.Packages);
    }

    [Fact]
    public void Rails_application_names_the_program_after_its_module()
    {
        var app = RubyApp.Read(Sources.Of("web/config/application.rb", """
            require_relative "boot"
            require "rails/all"

            module RailsApiBase
              class Application < Rails::Application
                config.load_defaults 7.2
              end
            end
            """))!;

        Assert.Equal(RubyAppKind.Rails, app.Kind);
        Assert.Equal("web", app.Root);
        Assert.Equal(5, app.Line);
        Assert.Equal("rails-api-base", app.ProgramName);
        Assert.Equal("html-parser", RubyApp.Dasherize("HTMLParser"));
    }

    [Fact]
    public void A_generic_module_names_no_program_and_a_config_without_an_application_is_none()
    {
        var generic = RubyApp.Read(Sources.Of("config/application.rb", "module App\n  class Application < Rails::Application\n  end\nend\n"))!;
        var notRails = RubyApp.Read(Sources.Of("config/application.rb", "# settings\nSETTINGS = {}\n"));
        var rackup = RubyApp.Read(Sources.Of("config.ru", "require_relative 'app'\n# run Old\nrun Api::App.new\n"))!;

        Assert.Null(generic.ProgramName);
        Assert.Null(notRails);
        Assert.Equal(RubyAppKind.Rackup, rackup.Kind);
        Assert.Equal(3, rackup.Line);
        Assert.Equal(string.Empty, rackup.Root);
    }

    [Fact]
    public void Kamal_deploy_reads_roles_commands_and_accessories_through_erb()
    {
        var deploy = KamalDeploy.Read(Sources.Of("config/deploy.yml", """
            service: campfire
            image: basecamp/campfire
            servers:
              web:
                - 192.168.0.1
              job:
                hosts:
                  - 192.168.0.1
                cmd: bin/jobs
            proxy:
              ssl: true
              host: <%= ENV["APP_HOST"] %>
            accessories:
              db:
                image: mysql:8.0
                host: 192.168.0.2
            """), out var error)!;

        Assert.Null(error);
        Assert.Equal("campfire", deploy.Service);
        Assert.Equal(string.Empty, deploy.Root);
        Assert.True(deploy.IsBase);
        Assert.Equal([("web", (string?)null), ("job", "bin/jobs")], deploy.Roles.Select(r => (r.Name, r.Command)));
        Assert.Equal(6, deploy.Roles[1].Line);
        Assert.Equal("mysql:8.0", Assert.Single(deploy.Accessories).Image);
    }

    [Fact]
    public void A_yaml_file_named_deploy_that_is_not_kamal_declares_nothing()
    {
        Assert.Null(KamalDeploy.Read(Sources.Of("config/deploy.yml", "environments:\n  - staging\n"), out var error));
        Assert.Null(error);
        var list = KamalDeploy.Read(Sources.Of("config/deploy.staging.yml", "servers:\n  - 10.0.0.1\n"), out _)!;
        Assert.Equal("web", Assert.Single(list.Roles).Name);
        Assert.False(list.IsBase);
    }
}
