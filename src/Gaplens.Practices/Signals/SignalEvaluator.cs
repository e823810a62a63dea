using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Packages;

namespace Gaplens.Practices.Signals;

/// <summary>Answers signals against the workspace: package references, term hits (scoped and refined) and files.</summary>
public sealed class SignalEvaluator(Workspace workspace, RepositoryFacts facts)
{
    private const int MaxMatchesPerSignal = 40;

    /// <summary>Signals whose line expression timed out once: not tried again in this scan (one timeout, not one per file).</summary>
    private readonly HashSet<Signal> timedOut = new(ReferenceEqualityComparer.Instance);
    private readonly List<ScanWarning> warnings = [];

    /// <summary>Problems met while evaluating (a line expression that timed out), in the order met.</summary>
    public IReadOnlyList<ScanWarning> Warnings => warnings;

    public IReadOnlyList<SignalMatch> Evaluate(Signal signal)
    {
        if (signal.Package is not null && signal.Ecosystem is { } ecosystem)
        {
            return Packages(signal, ecosystem);
        }

        if (signal.Term is not null)
        {
            return Terms(signal, signal.Term);
        }

        if (signal.File is not null)
        {
            return Files(signal, signal.File);
        }

        if (signal.Platforms is not null)
        {
            return signal.Platforms.Where(facts.Has).Take(1)
                .Select(p => new SignalMatch(signal, new Evidence(".", null, $"{signal.Detail} ({p})"))).ToList();
        }

        return [];
    }

    private IReadOnlyList<SignalMatch> Packages(Signal signal, PackageEcosystem ecosystem)
    {
        var result = new List<SignalMatch>();
        foreach (var reference in workspace.FindPackages(ecosystem, signal.Package!))
        {
            var isTest = reference.Development || workspace.IsTestPath(reference.ManifestPath);
            if (!InScope(signal.Scope, isTest) || signal.Scope != SignalScope.Test && FactsBuilder.IsExcluded(reference.ManifestPath))
            {
                continue;
            }

            result.Add(new SignalMatch(signal, new Evidence(reference.ManifestPath, reference.Line, $"{signal.Detail} ({ecosystem.Display} package {reference.Name})")));
            if (result.Count >= MaxMatchesPerSignal)
            {
                break;
            }
        }

        return result;
    }

    private IReadOnlyList<SignalMatch> Terms(Signal signal, Term term)
    {
        var result = new List<SignalMatch>();
        foreach (var hit in workspace.Content.Hits(term))
        {
            var path = hit.File.Path;
            if (signal.PathGlob is not null && !signal.PathGlob.IsMatch(path))
            {
                continue;
            }

            var isTest = workspace.IsTestPath(path);
            if (!InScope(signal.Scope, isTest, path))
            {
                continue;
            }

            if (signal.Scope == SignalScope.Production && FactsBuilder.IsExcluded(path))
            {
                continue;
            }

            if (hit.IsCommentedOut)
            {
                continue;
            }

            if (signal.LineMatch is not null && !SafeMatch(signal, hit))
            {
                if (timedOut.Contains(signal))
                {
                    break;
                }

                continue;
            }

            result.Add(new SignalMatch(signal, new Evidence(path, hit.Line, signal.Detail)));
            if (result.Count >= MaxMatchesPerSignal)
            {
                break;
            }
        }

        return result;
    }

    private IReadOnlyList<SignalMatch> Files(Signal signal, PathGlob glob)
    {
        var result = new List<SignalMatch>();
        foreach (var file in workspace.Files.Files)
        {
            if (!glob.IsMatch(file.Path))
            {
                continue;
            }

            var isTest = workspace.IsTestPath(file.Path);
            if (!InScope(signal.Scope, isTest, file.Path))
            {
                continue;
            }

            result.Add(new SignalMatch(signal, new Evidence(file.Path, null, signal.Detail)));
            if (result.Count >= MaxMatchesPerSignal)
            {
                break;
            }
        }

        return result;
    }

    private static bool InScope(SignalScope scope, bool isTest, string? path = null) => scope switch
    {
        SignalScope.Production => !isTest,
        SignalScope.Test => isTest,
        SignalScope.TeamDocs => !isTest && (path is null || !WebPageSource(path)),
        _ => true,
    };

    /// <summary>
    /// A page of a web site the repository builds: a file under a front end's page tree (src/app, src/pages, src/routes,
    /// app/(group)/...) or its components. Its words are written for the site's visitors (a data-processing addendum, a
    /// pricing page), not for the team that runs the system.
    /// </summary>
    public static bool WebPageSource(string path)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            if (segment.Length > 2 && segment[0] == '(' && segment[^1] == ')')
            {
                return true;
            }

            if (segment == "src" && i + 2 < segments.Length && segments[i + 1] is "app" or "pages" or "routes" or "components")
            {
                return true;
            }
        }

        return false;
    }

    private bool SafeMatch(Signal signal, TermHit hit)
    {
        if (timedOut.Contains(signal))
        {
            return false;
        }

        try
        {
            return signal.LineMatch!.IsMatch(hit.LineText);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException ex)
        {
            timedOut.Add(signal);
            warnings.Add(new ScanWarning(hit.File.Path,
                $"line {hit.Line}: the expression '{signal.LineMatch}' of signal '{signal.Detail}' took longer than {ex.MatchTimeout.TotalMilliseconds:0} ms; the signal was not evaluated further (simplify the expression)"));
            return false;
        }
    }

}
