using Gaplens.Ecosystems;
using Gaplens.Practices.Model;

namespace Gaplens.Practices.Tests;

/// <summary>Every ecosystem speaks for itself: its remediation covers the practices that are about code, in its own terms.</summary>
public sealed class EcosystemWordsTests
{
    /// <summary>Ecosystems whose remediation is still being written; an entry leaves this list when its folder is complete.</summary>
    private static readonly HashSet<string> Incomplete = new(StringComparer.Ordinal);

    /// <summary>Practices about what code does: those that most ecosystems give their own advice for.</summary>
    private static IReadOnlyList<string> CodePractices()
    {
        var complete = EcosystemRegistry.All.Where(e => !Incomplete.Contains(e.Key)).ToList();
        return PracticeCatalog.Default.Practices
            .Where(p => complete.Count(e => e.Data.Remediation.ContainsKey(p.Id)) * 2 > complete.Count)
            .Select(p => p.Id).ToList();
    }

    public static TheoryData<string> Ecosystems()
    {
        var data = new TheoryData<string>();
        foreach (var ecosystem in EcosystemRegistry.All)
        {
            data.Add(ecosystem.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Ecosystem_gives_remediation_for_every_code_practice(string key)
    {
        var ecosystem = EcosystemRegistry.Find(key)!;
        var missing = CodePractices().Where(id => !ecosystem.Data.Remediation.ContainsKey(id)).ToList();
        if (Incomplete.Contains(key))
        {
            Assert.NotEmpty(missing); // remove the ecosystem from Incomplete once this fails
            return;
        }

        Assert.True(missing.Count == 0, $"{key} has no remediation for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Practices_about_code_are_most_of_the_catalog()
    {
        Assert.InRange(CodePractices().Count, 40, 72);
    }

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Ecosystem_remediation_is_merged_into_the_practices_it_names(string key)
    {
        var ecosystem = EcosystemRegistry.Find(key)!;
        foreach (var (id, text) in ecosystem.Data.Remediation)
        {
            Assert.Equal(text, PracticeCatalog.Default[id].Remediation[key]);
        }
    }
}

/// <summary>"Searched for" lists name what was looked for in this repository's stacks, not every stack's conventions.</summary>
public sealed class SearchedForTests
{
    [Fact]
    public void A_node_repository_is_not_told_that_php_conventions_were_searched()
    {
        using var tree = Gaplens.Tests.FixtureCopy.Empty()
            .With("package.json", """{ "name": "api", "dependencies": { "express": "^4.19.0", "pg": "^8.11.0" } }""")
            .With("src/server.js", "const app = require('express')();\nconst { Pool } = require('pg');\nconst db = new Pool();\napp.get('/orders', async (req, res) => res.json((await db.query('select 1')).rows));\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n")
            .With("config/app.yaml", "name: api\n");

        var verdict = Scan.Verdict(tree.Root, "res-dependency-health");

        Assert.Equal(Gaplens.Core.Model.PracticeStatus.Missing, verdict.Status);
        Assert.DoesNotContain(verdict.Searched, s => s.Contains("LiipMonitorBundle", StringComparison.Ordinal));
        Assert.Contains(verdict.Searched, s => s.Contains("NestJS Terminus", StringComparison.Ordinal));
    }
}
