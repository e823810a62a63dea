using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Resilience;

/// <summary>
/// Retries with backoff. A retry library used only by start-up scripts (waiting for the database before the app
/// starts) does not protect requests, so when every retry found lives in a file that the catalog marks as start-up
/// only, the practice is partial.
/// </summary>
public sealed class RetryDetector : IPracticeDetector
{
    private const string StartupSignal = "startupRetry";

    public string PracticeId => "res-retry";

    public Verdict Detect(PracticeContext context)
    {
        var startupFiles = context.Named(StartupSignal).Select(m => m.Evidence.Path).ToHashSet(StringComparer.Ordinal);
        var present = context.PresentMatches.ToList();
        if (present.Count > 0 && startupFiles.Count > 0 && present.All(m => startupFiles.Contains(m.Evidence.Path)))
        {
            var evidence = PracticeContext.EvidenceOf(present).ToList();
            return context.Partial(evidence,
                $"Retries only wait for dependencies at start-up: {PracticeContext.Describe(evidence)}. Calls made while serving requests are not retried.");
        }

        return DefaultPolicy.Decide(context);
    }
}
