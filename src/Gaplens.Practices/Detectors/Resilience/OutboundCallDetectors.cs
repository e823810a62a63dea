using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Resilience;

/// <summary>
/// Timeouts and circuit breakers protect the server's calls to other services. Settings in browser code (a Stimulus
/// controller's fetch timeout in a Rails app, a front end's request timeout) protect no server call, so they are set
/// aside before the verdict, and so is a library a service declares but never applies; the rest is judged per service
/// that makes outbound calls.
/// </summary>
public abstract class ServerCallDetector : IPracticeDetector
{
    public abstract string PracticeId { get; }

    public Verdict Detect(PracticeContext context)
    {
        var server = context.Matches.Where(m => !context.IsBrowserCode(m.Evidence.Path)).ToList();
        server = WithoutUnusedLibraries(context, server);
        return DefaultPolicy.Decide(server.Count == context.Matches.Count ? context : context.WithMatches(server));
    }

    /// <summary>
    /// A library declared in a service's manifest that its code never applies protects none of its calls. When the
    /// practice shows in code or configuration somewhere in the repository (so the scan can see how it is applied), a
    /// service whose only evidence is the package declaration does not have it.
    /// </summary>
    private static List<Signals.SignalMatch> WithoutUnusedLibraries(PracticeContext context, List<Signals.SignalMatch> matches)
    {
        var services = context.Facts.Services;
        if (services.Count < 2 || !matches.Any(m => m.Signal.Ecosystem is null && m.Signal.Level == Signals.SignalLevel.Present))
        {
            return matches;
        }

        return matches.Where(m =>
        {
            if (m.Signal.Ecosystem is null)
            {
                return true;
            }

            var owner = services.Where(s => s.Owns(m.Evidence.Path)).MaxBy(s => s.Path.Length);
            return owner is null || matches.Any(other => other.Signal.Ecosystem is null && owner.Owns(other.Evidence.Path));
        }).ToList();
    }
}

public sealed class TimeoutsDetector : ServerCallDetector
{
    public override string PracticeId => "res-timeouts";
}

public sealed class CircuitBreakerDetector : ServerCallDetector
{
    public override string PracticeId => "res-circuit-breaker";
}
