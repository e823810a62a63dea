using System.Text.RegularExpressions;
using Gaplens.Reports;

namespace Gaplens.Tests;

/// <summary>
/// The default (summary) document: short enough to forward for a ten-service repository, every open gap kept once,
/// each criterion in one place, the impact written from this repository's facts, and no rendering slip.
/// </summary>
public sealed partial class SummaryDocumentTests
{
    /// <summary>Words as a reader counts them: tokens with a letter or digit (table pipes and rules are not words).</summary>
    private static int Words(string text) => text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Count(t => t.Any(char.IsLetterOrDigit));

    [Fact]
    public void Default_document_of_ten_services_stays_near_four_thousand_words_and_full_keeps_the_working_material()
    {
        var context = Reports.For(Reports.Fixture("fleet"));
        Assert.Equal(10, context.Assessment.Facts.Services.Count);
        Assert.True(context.Assessment.Gaps.Count >= 40, $"the fixture should leave many gaps open, not {context.Assessment.Gaps.Count}");

        var summary = MarkdownReportWriter.Write(context);
        var full = MarkdownReportWriter.Write(context with { Detail = ReportDetail.Full });

        var words = Words(summary);
        Assert.True(words <= 4_600, $"the default document has {words} words for ten services and {context.Assessment.Gaps.Count} gaps");
        Assert.True(Words(full) > 2 * words, "the full document keeps what the summary leaves out");
        Assert.DoesNotContain("Searched for:", summary, StringComparison.Ordinal);
        Assert.Contains("Searched for:", full, StringComparison.Ordinal);
        Assert.Contains("## Checklist", full, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_criterion_is_written_once_in_the_summary()
    {
        var context = Reports.For(Reports.Fixture("fleet"));
        var summary = MarkdownReportWriter.Write(context);

        foreach (var gap in context.Assessment.Gaps)
        {
            var criterion = Markdown.Text(MarkdownReportWriter.Criterion(gap.SuccessCriterion));
            Assert.True(Count(summary, criterion) <= 1, $"{gap.GapId}'s criterion appears {Count(summary, criterion)} times");
        }

        // The full document repeats nothing either way: the criterion is in the gap and in the plan only there.
        Assert.Contains("**Done when.**", MarkdownReportWriter.Write(context with { Detail = ReportDetail.Full }), StringComparison.Ordinal);
    }

    [Fact]
    public void Impact_of_the_same_gap_names_each_repository_own_services_and_stores()
    {
        var fleet = Reports.For(Reports.Fixture("fleet")).Assessment;
        var shop = Reports.For(Reports.Fixture("shop")).Assessment;

        var common = fleet.Gaps.Select(g => g.Id).Intersect(shop.Gaps.Select(g => g.Id), StringComparer.Ordinal).ToList();
        Assert.Contains("data-backup", common);
        Assert.Contains("sec-service-auth", common);

        foreach (var id in common)
        {
            Assert.NotEqual(fleet.Gaps.First(g => g.Id == id).Impact, shop.Gaps.First(g => g.Id == id).Impact);
        }

        // Stores: the fleet keeps data in PostgreSQL and Redis, the shop in PostgreSQL with a RabbitMQ broker.
        Assert.Contains("Redis", fleet.Gaps.First(g => g.Id == "data-backup").Impact, StringComparison.Ordinal);
        Assert.Contains("RabbitMQ", shop.Gaps.First(g => g.Id == "data-backup").Impact, StringComparison.Ordinal);
        // Calls between services, by their names.
        Assert.Contains("accounts → ledger", fleet.Gaps.First(g => g.Id == "sec-service-auth").Impact, StringComparison.Ordinal);
        Assert.Contains("Orders → catalog", shop.Gaps.First(g => g.Id == "sec-service-auth").Impact, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fleet", ReportDetail.Summary)]
    [InlineData("fleet", ReportDetail.Full)]
    [InlineData("shop", ReportDetail.Summary)]
    [InlineData("todo-api", ReportDetail.Summary)]
    public void No_empty_parentheses_unbalanced_cut_or_repeated_file_in_a_list(string fixture, ReportDetail detail)
    {
        var markdown = MarkdownReportWriter.Write(Reports.For(Reports.Fixture(fixture)) with { Detail = detail });

        Assert.DoesNotContain(" ()", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(" ,", markdown, StringComparison.Ordinal);
        foreach (var line in markdown.Split('\n').Where(l => l.StartsWith("| GAP-", StringComparison.Ordinal) || l.StartsWith("**Impact.**", StringComparison.Ordinal)))
        {
            Assert.True(line.Count(c => c == '(') == line.Count(c => c == ')'), $"unbalanced parentheses: {line}");
        }

        // "none on a (x.yml), b (x.yml)": a file declaring several names is written once.
        Assert.DoesNotMatch(RepeatedFile(), markdown);
    }

    [Fact]
    public void Verification_and_single_points_of_failure_come_from_the_facts()
    {
        var summary = MarkdownReportWriter.Write(Reports.For(Reports.Fixture("fleet")));
        var library = MarkdownReportWriter.Write(Reports.For(Reports.Fixture("library")));

        // The fleet runs on one compose host with PostgreSQL and Redis, and has Go, Node and Python services.
        Assert.Contains("pg_restore", summary, StringComparison.Ordinal);
        Assert.Contains("go test -cover ./...", summary, StringComparison.Ordinal);
        Assert.Contains("docker compose up -d --wait", summary, StringComparison.Ordinal);
        Assert.Matches(@"\| PostgreSQL \(database\) \| one container in the compose file", summary);
        Assert.Contains("| The Docker host |", summary, StringComparison.Ordinal);

        // A library has no store and no deployment: nothing to restore, no host to lose.
        Assert.DoesNotContain("pg_restore", library, StringComparison.Ordinal);
        Assert.DoesNotContain("| The Docker host |", library, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Every response, including errors and static files, has a CSP, X-Content-Type-Options: nosniff and HSTS on HTTPS.")]
    [InlineData("Add the CodeQL workflow for java-kotlin (com.h3xstream.findsecbugs:findsecbugs-plugin) failing the build, or SonarQube analysis with a quality gate, for every module of the repository.")]
    public void A_short_criterion_never_ends_half_way_through_an_aside_or_parenthesis(string text)
    {
        var criterion = MarkdownReportWriter.Criterion(text);

        Assert.Equal(criterion.Count(c => c == '('), criterion.Count(c => c == ')'));
        Assert.DoesNotContain("Every response, including errors and static files.", criterion, StringComparison.Ordinal);
        Assert.EndsWith(".", criterion, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => part.Length == 0 ? 0 : Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex(@"\w \(([\w./-]+\.ya?ml)\), \w[\w-]* \(\1\)")]
    private static partial Regex RepeatedFile();
}
