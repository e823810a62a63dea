using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Signals;

namespace Gaplens.Practices.Detectors.Resilience;

/// <summary>
/// A health endpoint per service. In C#, a mapping inside <c>if (...IsDevelopment())</c> does not exist in production
/// (the .NET Aspire service defaults map /health only in Development), which makes it partial.
/// </summary>
public sealed class HealthEndpointDetector : IPracticeDetector
{
    public string PracticeId => "res-health-endpoint";

    public Verdict Detect(PracticeContext context)
    {
        var present = context.PresentMatches.ToList();
        var production = new List<SignalMatch>();
        var developmentOnly = new List<SignalMatch>();
        foreach (var match in present)
        {
            (IsDevelopmentOnly(context, match.Evidence) ? developmentOnly : production).Add(match);
        }

        if (production.Count > 0)
        {
            return DefaultPolicy.PerService(context, production);
        }

        if (developmentOnly.Count > 0)
        {
            var evidence = PracticeContext.EvidenceOf(developmentOnly).Select(e => e with { Detail = e.Detail + " (Development only)" });
            return context.Partial(evidence, "Health endpoints are mapped only when the environment is Development, so deployed instances have none. " +
                                             PracticeContext.Describe(PracticeContext.EvidenceOf(developmentOnly)) + ".");
        }

        return DefaultPolicy.Decide(context);
    }

    /// <summary>True when a C# line sits inside an <c>if</c> block whose condition checks IsDevelopment().</summary>
    internal static bool IsDevelopmentOnly(PracticeContext context, Evidence evidence)
    {
        if (evidence.Line is not { } line || !evidence.Path.EndsWith(".cs", StringComparison.Ordinal))
        {
            return false;
        }

        var text = context.Workspace.Text(evidence.Path);
        return text is not null && InsideDevelopmentBlock(text, line);
    }

    internal static bool InsideDevelopmentBlock(SourceText text, int line)
    {
        // Walk back counting braces: the first unclosed "{" above the line opens the enclosing block.
        var depth = 0;
        for (var i = line - 1; i >= 1 && i >= line - 40; i--)
        {
            var current = text.Line(i);
            for (var k = current.Length - 1; k >= 0; k--)
            {
                if (current[k] == '}')
                {
                    depth++;
                }
                else if (current[k] == '{')
                {
                    if (depth == 0)
                    {
                        var header = current[..k] + " " + (i > 1 ? text.Line(i - 1) : string.Empty);
                        return header.Contains("IsDevelopment()", StringComparison.Ordinal) && !header.Contains("!", StringComparison.Ordinal);
                    }

                    depth--;
                }
            }
        }

        return false;
    }
}
