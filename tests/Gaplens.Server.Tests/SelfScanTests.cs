using Gaplens.History;
using Gaplens.Server.Jobs;
using Gaplens.Tests;

namespace Gaplens.Server.Tests;

/// <summary>Gaplens judges its own server: the security practices it implements are found in its source.</summary>
public sealed class SelfScanTests
{
    [Fact]
    public void Scanning_the_server_source_finds_its_security_practices()
    {
        var report = ReportSnapshot.Parse(RepositoryScanner.ScanToJson(Path.Combine(RepositoryPaths.Root, "src", "Gaplens.Server"), new DateOnly(2025, 1, 1), CancellationToken.None));
        string Status(string id) => report.Practices.Single(p => p.Id == id).Status;

        Assert.Equal("present", Status("sec-authn"));
        Assert.Equal("present", Status("sec-rate-limiting"));
        Assert.Equal("present", Status("sec-security-headers"));
        Assert.Equal("present", Status("sec-input-validation"));
        Assert.Equal("present", Status("sec-https"));
        Assert.Equal("present", Status("sec-no-committed-secrets"));
        Assert.Equal("present", Status("api-openapi"));
        Assert.Equal("present", Status("api-versioning"));
        Assert.Equal("present", Status("data-migrations"));

        // Honest about what is not there: every signed-in user may read every project (no roles yet).
        Assert.Equal("partial", Status("sec-authz"));
    }
}
