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
            if (!InScope(signal.Scope, isTest))
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

            if (signal.LineMatch is not null && !SafeMatch(signal, hit.LineText))
            {
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
            if (!InScope(signal.Scope, isTest))
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

    private static bool InScope(SignalScope scope, bool isTest) => scope switch
    {
        SignalScope.Production => !isTest,
        SignalScope.Test => isTest,
        _ => true,
    };

    private static bool SafeMatch(Signal signal, string line)
    {
        try
        {
            return signal.LineMatch!.IsMatch(line);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

}
