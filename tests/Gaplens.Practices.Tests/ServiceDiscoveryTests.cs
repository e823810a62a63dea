namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>Services as an owner would list them: programs that run in production, named after the program.</summary>
public sealed class ServiceDiscoveryTests
{
    [Fact]
    public void Procfile_processes_are_processes_of_one_service_not_services()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile", """
                web: bundle exec puma -C config/puma.rb
                worker: bundle exec sidekiq
                release: bin/rails db:migrate
                """)
            .With("Dockerfile", "FROM ruby:3.3\nCOPY . .\nCMD [\"bin/rails\", \"server\"]\n");

        var facts = Scan.Run(tree.Root).Facts;

        var service = Assert.Single(facts.Services);
        Assert.Equal(["web", "worker"], service.Processes.Select(p => p.Name));
        Assert.True(service.ServesHttp);
        Assert.Equal(1, service.Processes[0].Evidence.Line);
    }

    [Fact]
    public void A_procfile_without_a_web_process_serves_no_http()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile", "worker: python -m app.worker\n");

        var service = Assert.Single(Scan.Run(tree.Root).Facts.Services);

        Assert.False(service.ServesHttp);
        Assert.Equal("worker", Assert.Single(service.Processes).Name);
    }

    [Fact]
    public void A_development_procfile_declares_no_service()
    {
        using var tree = FixtureCopy.Empty()
            .With("Procfile.dev", "web: bin/rails server\ncss: bin/rails tailwindcss:watch\n");

        Assert.Empty(Scan.Run(tree.Root).Facts.Services);
    }
}
