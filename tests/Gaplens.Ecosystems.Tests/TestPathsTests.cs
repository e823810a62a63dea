namespace Gaplens.Ecosystems.Tests;

public sealed class TestPathsTests
{
    [Theory]
    [InlineData("api-tests", true)]
    [InlineData("e2e", true)]
    [InlineData("playwright_runner", true)]
    [InlineData("k6", true)]
    [InlineData("latest-prices", false)]
    [InlineData("contest-api", false)]
    [InlineData("attestation", false)]
    public void Test_runner_names_are_judged_by_whole_words(string name, bool runner) =>
        Assert.Equal(runner, TestPaths.IsTestRunnerName(name));
}
