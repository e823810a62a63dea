using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;

namespace Gaplens.Analysis.Tests;

/// <summary>
/// Advice names a cloud's or a platform's services only for a repository that runs there: every remediation text
/// keeps such names inside a passage marked for that platform, and no report of any fixture recommends a platform
/// the repository does not use.
/// </summary>
public sealed partial class PlatformAdviceTests
{
    /// <summary>Words that belong to one platform; a text naming one speaks of that platform.</summary>
    private static readonly (string Platform, Regex Words)[] PlatformWords =
    [
        ("aws", new Regex(@"\bAWS\b|\bAmazon\b|\bECS\b|\bEKS\b|\bRDS\b|CloudWatch|Secrets Manager|Elastic Beanstalk|CloudFormation|ElastiCache|\bALB\b|Fargate|\bIAM role|@aws-sdk|\bboto3\b|aws-sdk|AWSSDK|aws-cdk|\baws/|\baws_[a-z]", RegexOptions.CultureInvariant)),
        ("azure", new Regex(@"\bAzure(?! Pipelines| DevOps| Repos| Boards)|Key Vault|App Service|\bAKS\b|Container Apps|Application Insights|\bBicep\b|\bazd\b|@azure/|\bazure-[a-z]|\bAzure\.[A-Z]|\bazurerm_|\bazapi_", RegexOptions.CultureInvariant)),
        ("gcp", new Regex(@"Google Cloud|Cloud Run|\bGKE\b|Cloud SQL|App Engine|Secret Manager\b|Cloud Monitoring|\bgcloud\b|Firebase|@google-cloud/|google-cloud-|Google\.Cloud|\bgoogle_[a-z]", RegexOptions.CultureInvariant)),
        ("heroku", new Regex(@"\bHeroku\b|\bheroku\s", RegexOptions.CultureInvariant)),
        ("fly", new Regex(@"Fly\.io|\bflyctl\b|fly\.toml|\bfly\s+(deploy|releases|scale)", RegexOptions.CultureInvariant)),
        ("render", new Regex(@"render\.yaml|\bRender\b(?= (blueprint|service|cron|dashboard|deploy|disk))", RegexOptions.CultureInvariant)),
        ("railway", new Regex(@"\bRailway\b", RegexOptions.CultureInvariant)),
        ("vercel", new Regex(@"\bVercel\b|\bvercel\s", RegexOptions.CultureInvariant)),
        ("netlify", new Regex(@"\bNetlify\b|\bnetlify\s", RegexOptions.CultureInvariant)),
        ("kamal", new Regex(@"\bKamal\b|\bkamal\s", RegexOptions.CultureInvariant)),
    ];

    public static TheoryData<string> RemediationKeys()
    {
        var data = new TheoryData<string>();
        foreach (var practice in PracticeCatalog.Default.Practices)
        {
            foreach (var key in practice.Remediation.Keys.Order(StringComparer.Ordinal))
            {
                data.Add($"{practice.Id}/{key}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RemediationKeys))]
    public void Remediation_names_a_platform_only_in_a_passage_for_it(string id)
    {
        var (practiceId, key) = (id.Split('/')[0], id.Split('/')[1]);
        var text = PracticeCatalog.Default[practiceId].Remediation[key];

        // Outside every passage: no platform's words at all.
        var outside = PlatformText.Select(text, []);
        foreach (var (platform, words) in PlatformWords)
        {
            Assert.False(words.IsMatch(outside), $"{id} names {platform} ('{words.Match(outside).Value}') outside a [[{platform}: ...]] passage: {outside}");
        }

        // Inside a passage: only the words of the passage's platforms (or of the clouds they belong to).
        foreach (var passageKey in PlatformText.Keys(text).Distinct(StringComparer.Ordinal))
        {
            Assert.True(Ecosystems.Platforms.HostingPlatforms.CloudOf.ContainsKey(passageKey) || Ecosystems.Platforms.HostingPlatforms.Clouds.Contains(passageKey) ||
                        passageKey is "kubernetes" or "compose",
                $"{id}: unknown platform key '{passageKey}'");
        }
    }

    [Fact]
    public void A_passage_is_kept_only_for_its_platform()
    {
        const string text = "Keep secrets in a managed store [[aws: such as AWS Secrets Manager]][[azure,aks: such as Azure Key Vault]], read at start-up.";

        Assert.Equal("Keep secrets in a managed store such as AWS Secrets Manager, read at start-up.", PlatformText.Select(text, ["aws", "ecs"]));
        Assert.Equal("Keep secrets in a managed store such as Azure Key Vault, read at start-up.", PlatformText.Select(text, ["aks"]));
        Assert.Equal("Keep secrets in a managed store, read at start-up.", PlatformText.Select(text, ["compose"]));
    }

    public static TheoryData<string> FixtureTrees()
    {
        var data = new TheoryData<string>();
        var root = FixturesRoot();
        foreach (var folder in new[] { "repos", "seeds" })
        {
            var path = Path.Combine(root, folder);
            if (Directory.Exists(path))
            {
                foreach (var tree in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetRelativePath(root, tree));
                }
            }
        }

        foreach (var practice in Directory.GetDirectories(Path.Combine(root, "practices")).Order(StringComparer.Ordinal))
        {
            foreach (var tree in Directory.GetDirectories(practice).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, tree));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureTrees))]
    public void A_fixture_report_never_contradicts_its_facts_nor_names_a_platform_it_does_not_use(string fixture)
    {
        var scan = new ReadinessScanner().Scan(Path.Combine(FixturesRoot(), fixture), new ScanOptions { Profile = Profile.Production });
        var assessment = Analyzer.Analyze(scan);
        var used = Recommendations.PlatformsOf(scan.Facts);

        // A report never contradicts itself: a practice called not applicable for a reason the facts deny.
        foreach (var practice in assessment.Practices.Where(p => p.Verdict.Status == PracticeStatus.NotApplicable))
        {
            var reason = practice.Verdict.Reason;
            var facts = scan.Facts;
            var denied = Contradictions.FirstOrDefault(c => reason.Contains(c.Says, StringComparison.Ordinal) && c.Denied(facts));
            Assert.True(denied.Says is null, $"{fixture}: {practice.Id} is not applicable because \"{reason}\", which the facts deny");
        }

        foreach (var practice in assessment.Practices.Where(p => p.Verdict.IsGap))
        {
            foreach (var (platform, words) in PlatformWords.Where(p => !used.Contains(p.Platform)))
            {
                Assert.False(words.IsMatch(practice.Recommendation),
                    $"{fixture}: {practice.Id} recommends {platform} ('{words.Match(practice.Recommendation).Value}') for a repository on [{string.Join(", ", used)}]: {practice.Recommendation}");
            }
        }
    }

    /// <summary>Phrases of not-applicable reasons, each with the facts that would make it false.</summary>
    private static readonly (string Says, Func<Ecosystems.Facts.RepositoryFacts, bool> Denied)[] Contradictions =
    [
        ("do not call each other", f => f.ServiceCalls.Count > 0 || f.InterServiceCalls is not null),
        ("no service calls another", f => f.ServiceCalls.Count > 0 || f.BackEndServices.Count > 1),
        ("uses no database", f => f.UsesDatabase),
        ("owns no relational database", f => f.UsesRelationalDatabase),
        ("owns no persistent data", f => f.OwnsPersistentData),
        ("There is a single deployable service", f => f.BackEndServices.Count > 1),
        ("Nothing in the repository serves HTTP", f => f.ServesHttp && f.IsDeployable),
        ("exposes no HTTP API", f => f.ExposesHttpApi),
        ("No container image is built", f => f.HasContainers),
        ("There is no CI pipeline", f => f.CiSystems.Count > 0),
        ("There is no Terraform", f => f.Has("terraform")),
        ("calls no other service over the network", f => f.OutboundCalls is not null || f.ServiceCalls.Count > 0),
        ("No deployable service was found", f => f.IsDeployable),
    ];

    private static string FixturesRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(directory, "tests", "fixtures")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new DirectoryNotFoundException("tests/fixtures not found above the test binaries");
        }

        return Path.Combine(directory, "tests", "fixtures");
    }
}
