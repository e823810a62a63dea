using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Tests;

/// <summary>The glob language of the catalog; the literal pre-checks must never change what matches.</summary>
public sealed class PathGlobTests
{
    [Theory]
    [InlineData("Chart.yaml", "charts/api/Chart.yaml", true)]
    [InlineData("Chart.yaml", "charts/api/chart.YAML", true)]
    [InlineData("Chart.yaml", "charts/api/MyChart.yaml", false)]
    [InlineData("**/*.tf", "infra/main.tf", true)]
    [InlineData("**/*.tf", "main.tf", true)]
    [InlineData("**/*.tf", "infra/main.tfvars", false)]
    [InlineData("/README*", "README.md", true)]
    [InlineData("/README*", "docs/README.md", false)]
    [InlineData("**/runbooks/**", "ops/runbooks/db.md", true)]
    [InlineData("**/runbooks/**", "ops/runbook.md", false)]
    [InlineData("**/{postmortems,post-mortems}/**", "docs/post-mortems/2026-01.md", true)]
    [InlineData("*{.,-,_}example.{yml,yaml}", "config/app-example.yaml", true)]
    [InlineData("*{.,-,_}example.{yml,yaml}", "config/app.yaml", false)]
    [InlineData("**/{e2e,end-to-end}/**/*.{ts,js}", "web/e2e/specs/login.spec.ts", true)]
    [InlineData("**/{e2e,end-to-end}/**/*.{ts,js}", "web/e2e/specs/login.spec.py", false)]
    [InlineData("CHANGELOG*", "packages/core/CHANGELOG.md", true)]
    [InlineData("docs/**", "docs/a/b.md", true)]
    [InlineData("?.md", "a.md", true)]
    public void Matches_paths_case_insensitively_with_globstars_wildcards_and_choices(string pattern, string path, bool matches) =>
        Assert.Equal(matches, new PathGlob(pattern).IsMatch(path));
}
