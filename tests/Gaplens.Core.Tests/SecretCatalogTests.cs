using Gaplens.Core.Files;
using Gaplens.Core.Secrets;

namespace Gaplens.Core.Tests;

/// <summary>
/// The catalog is data with its own samples (DevSkim style): every rule must find each of its "match" samples and none
/// of its "noMatch" samples, through the same literal prefilter the content pass uses.
/// </summary>
public sealed class SecretCatalogTests
{
    private static readonly SecretScanner Scanner = new();

    /// <summary>A sample is a line of some file: configuration, environment, JSON, YAML, code or a key file.</summary>
    private static readonly string[] SampleFiles = ["sample.env", "sample.json", "sample.yml", "sample.cs", "sample.js", "sample.txt", "sample.xml"];

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in SecretCatalog.Default.Rules)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_finds_every_match_sample(string id)
    {
        var rule = SecretCatalog.Default.Rules.Single(r => r.Id == id);
        foreach (var sample in rule.MatchSamples)
        {
            var found = SampleFiles.Any(name => Scanner.ScanText(Text(SecretCatalog.Unsplice(sample), name), [rule]).Any(f => f.Rule == rule));
            Assert.True(found, $"{id} does not find its sample: {sample}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_finds_none_of_its_no_match_samples(string id)
    {
        var rule = SecretCatalog.Default.Rules.Single(r => r.Id == id);
        foreach (var sample in rule.NoMatchSamples)
        {
            foreach (var name in SampleFiles)
            {
                var findings = Scanner.ScanText(Text(SecretCatalog.Unsplice(sample), name), [rule]);
                Assert.True(findings.Count == 0, $"{id} finds '{findings.FirstOrDefault()?.Value}' in {name} holding a sample it must not match: {sample}");
            }
        }
    }

    [Fact]
    public void Spliced_samples_as_stored_in_the_catalog_hold_no_credential()
    {
        var all = SecretCatalog.Default.Rules.SelectMany(r => r.MatchSamples.Concat(r.NoMatchSamples)).ToList();
        var findings = all
            .SelectMany(sample => SampleFiles.SelectMany(name => Scanner.ScanText(Text(sample, name)).Select(f => (f, sample))))
            .Where(x => x.f.IsFormat || x.f.ValueClass is SecretValueClass.Strong or SecretValueClass.Ordinary)
            .ToList();

        Assert.True(findings.Count == 0, "the catalog itself holds a matchable value: " + string.Join(", ", findings.Select(x => $"{x.f.Rule.Id}={x.f.Masked} in {x.sample[..Math.Min(x.sample.Length, 40)]}")));
    }

    [Fact]
    public void Catalog_covers_more_than_a_hundred_providers_and_every_family()
    {
        var providers = SecretCatalog.Default.Rules.Where(r => r.Kind == SecretKind.Token).Select(r => r.Provider).Distinct().Count();
        var categories = SecretCatalog.Default.Rules.Select(r => r.Category).ToHashSet();

        Assert.True(providers >= 100, $"{providers} providers");
        Assert.Superset(new HashSet<string> { "cloud", "payment", "vcs", "chat", "email", "ai", "database", "private-key" }, categories);
    }

    internal static SourceText Text(string content, string name = "sample.txt")
    {
        var file = new RepoFile(0, name, name, content.Length, FileClassifier.Classify(name));
        return new SourceText(file, content);
    }
}
