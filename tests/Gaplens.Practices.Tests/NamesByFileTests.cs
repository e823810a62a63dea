using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Tests;

/// <summary>Names of workloads lacking something, each file written once after the names it declares.</summary>
public sealed class NamesByFileTests
{
    [Fact]
    public void Names_declared_in_one_file_share_it()
    {
        var text = PracticeContext.NamesByFile([("api", "docker-compose.yml"), ("worker", "docker-compose.yml"), ("jobs", "k8s/jobs.yaml")]);

        Assert.Equal("api, worker (docker-compose.yml); jobs (k8s/jobs.yaml)", text);
    }

    [Fact]
    public void Past_the_limit_the_rest_is_counted_not_elided()
    {
        var items = Enumerable.Range(1, 10).Select(i => ($"svc{i}", (string?)"docker-compose.yml")).ToList();

        var text = PracticeContext.NamesByFile(items, 3);

        Assert.Equal("svc1, svc2, svc3 (docker-compose.yml); and 7 more", text);
        Assert.DoesNotContain("()", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_gives_an_empty_text()
    {
        Assert.Equal(string.Empty, PracticeContext.NamesByFile([]));
    }
}
