using System.Globalization;
using System.Xml;
using Gaplens.Analysis;
using Gaplens.Core.Model;
using Gaplens.Core.Secrets;

namespace Gaplens.Reports;

/// <summary>
/// JUnit XML for test-report UIs: one test suite per domain, one test case per practice; an open gap is a failure,
/// not-applicable and accepted gaps are skipped (with the reason).
/// </summary>
public static class JUnitReportWriter
{
    public static string Write(ReportContext context)
    {
        var a = context.Assessment;
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = new System.Text.UTF8Encoding(false) };
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteComment(Core.Files.OwnFiles.MarkerText("junit", ToolInfo.Version));
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "gaplens");
            xml.WriteAttributeString("tests", a.Practices.Count.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("failures", a.Gaps.Count().ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("skipped", a.Practices.Count(Skipped).ToString(CultureInfo.InvariantCulture));
            foreach (var domain in a.Scores.Domains)
            {
                var practices = a.Practices.Where(p => p.Domain == domain.Domain).ToList();
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", domain.Title);
                xml.WriteAttributeString("tests", practices.Count.ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("failures", practices.Count(p => p.IsOpenGap).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", practices.Count(Skipped).ToString(CultureInfo.InvariantCulture));
                xml.WriteAttributeString("time", "0");
                foreach (var p in practices)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", Clean($"{p.Id}: {p.Title}"));
                    xml.WriteAttributeString("classname", $"gaplens.{p.Domain}");
                    xml.WriteAttributeString("time", "0");
                    if (p.IsOpenGap)
                    {
                        xml.WriteStartElement("properties");
                        xml.WriteStartElement("property");
                        xml.WriteAttributeString("name", "confidence");
                        xml.WriteAttributeString("value", p.Confidence.ToWire());
                        xml.WriteEndElement();
                        xml.WriteEndElement();
                        var toConfirm = p.IsToConfirm ? $"\nTo confirm (confidence low): {p.Verdict.ConfidenceReason}" : string.Empty;
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean($"{(p.IsToConfirm ? "to confirm: " : string.Empty)}{p.GapId} {p.Verdict.Status.ToWire()} ({p.Severity.ToWire()}): {p.Verdict.Reason}"));
                        xml.WriteAttributeString("type", p.Severity.ToWire());
                        xml.WriteString(Clean($"{p.Verdict.Reason}{toConfirm}\nEvidence: {string.Join(", ", p.Verdict.Evidence.Select(e => e.ToString()))}\nRecommendation: {p.Recommendation}\nVerify: gaplens scan . --practice {p.Id}"));
                        xml.WriteEndElement();
                    }
                    else if (Skipped(p))
                    {
                        xml.WriteStartElement("skipped");
                        xml.WriteAttributeString("message", Clean(p.IsAccepted ? $"accepted: {p.Acceptance!.Reason}" : p.Verdict.Reason));
                        xml.WriteEndElement();
                    }
                    else
                    {
                        xml.WriteElementString("system-out", Clean($"{p.Verdict.Reason} Evidence: {string.Join(", ", p.Verdict.Evidence.Select(e => e.ToString()))}"));
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static bool Skipped(PracticeAssessment p) => p.Status == PracticeStatus.NotApplicable || p.IsAccepted;

    /// <summary>Masks secrets and drops characters XML 1.0 cannot hold (control characters from odd files).</summary>
    private static string Clean(string text)
    {
        var masked = SecretPatterns.Mask(text);
        var builder = new System.Text.StringBuilder(masked.Length);
        for (var i = 0; i < masked.Length; i++)
        {
            if (i + 1 < masked.Length && XmlConvert.IsXmlSurrogatePair(masked[i + 1], masked[i]))
            {
                builder.Append(masked[i]).Append(masked[i + 1]);
                i++;
            }
            else if (XmlConvert.IsXmlChar(masked[i]))
            {
                builder.Append(masked[i]);
            }
        }

        return builder.ToString();
    }
}
