using Gaplens.Core.Model;
using Gaplens.Ecosystems.Yaml;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>
/// Every practice carries its own samples: tests/fixtures/practices/&lt;practice-id&gt;/&lt;case&gt;/ is a small tree
/// with a <c>case.gaplens.yml</c> that says what the verdict must be. One theory runs them all.
/// </summary>
public sealed class PracticeCaseTests
{
    public const string CaseFile = "case.gaplens.yml";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        var root = Path.Combine(RepositoryPaths.Fixtures, "practices");
        foreach (var file in Directory.EnumerateFiles(root, CaseFile, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Practice_case_gives_the_expected_verdict(string caseName)
    {
        var source = Path.Combine(RepositoryPaths.Fixtures, "practices", caseName);
        var spec = YamlDocuments.Load(File.ReadAllText(Path.Combine(source, CaseFile)), out var error).Single();
        Assert.Null(error);
        var practice = spec.ScalarOf("practice") ?? caseName.Split('/')[0];
        var expected = spec.ScalarOf("expect") ?? throw new InvalidDataException($"{caseName}: 'expect' is required");

        using var tree = FixtureCopy.Of(source, CaseFile);
        var verdict = Scan.Verdict(tree.Root, practice, spec.ScalarOf("profile"));

        Assert.True(expected == verdict.Status.ToWire(), $"{caseName}: expected {expected}, got {verdict.Status.ToWire()}: {verdict.Reason}");
        foreach (var path in spec.Get("evidence").Strings())
        {
            Assert.Contains(verdict.Evidence, e => e.Path == path);
        }

        foreach (var text in spec.Get("reasonContains").Strings())
        {
            Assert.Contains(text, verdict.Reason, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var text in spec.Get("reasonExcludes").Strings())
        {
            Assert.DoesNotContain(text, verdict.Reason, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var service in spec.Get("servicesWithout").Strings())
        {
            Assert.Contains(service, verdict.ServicesWithout);
        }

        if (verdict.Status == PracticeStatus.Present)
        {
            Assert.NotEmpty(verdict.Evidence);
        }
    }
}
