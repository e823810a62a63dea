using System.Xml.Linq;
using Gaplens.Core.Model;
using Gaplens.Reports;

namespace Gaplens.Tests;

public sealed class JUnitTests
{
    [Fact]
    public void One_testcase_per_practice_grouped_by_domain_gaps_fail_not_applicable_skipped()
    {
        var context = Reports.For(Reports.Fixture("shop"));
        var xml = XDocument.Parse(JUnitReportWriter.Write(context));

        var suites = xml.Root!.Elements("testsuite").ToList();
        var cases = suites.SelectMany(s => s.Elements("testcase")).ToList();
        Assert.Equal(13, suites.Count);
        Assert.Equal(context.Assessment.Practices.Count, cases.Count);
        Assert.Equal(context.Assessment.Gaps.Count(), cases.Count(c => c.Element("failure") is not null));
        Assert.Equal(context.Assessment.Practices.Count(p => p.Status == PracticeStatus.NotApplicable || p.IsAccepted), cases.Count(c => c.Element("skipped") is not null));
        Assert.Equal(cases.Count(c => c.Element("failure") is not null).ToString(System.Globalization.CultureInfo.InvariantCulture), xml.Root.Attribute("failures")!.Value);
    }
}
