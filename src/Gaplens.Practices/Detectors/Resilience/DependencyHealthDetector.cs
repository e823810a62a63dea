using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Resilience;

/// <summary>
/// Health checks that probe dependencies. A C# health check class that nothing registers (no AddCheck&lt;T&gt;, no
/// <c>new T(...)</c> or <c>typeof(T)</c> anywhere else) runs on no endpoint: it and the rest of its file are set aside,
/// and the verdict says so.
/// </summary>
public sealed partial class DependencyHealthDetector : IPracticeDetector
{
    private const string CustomClass = "custom health check class";
    private static readonly Term HealthCheckWord = new("HealthCheck", FileClass.CSharp);
    private static readonly Term AddCheck = new("AddCheck", FileClass.CSharp);
    private static readonly Term AddTypeActivatedCheck = new("AddTypeActivatedCheck", FileClass.CSharp);

    public string PracticeId => "res-dependency-health";

    public IEnumerable<Term> Terms => [HealthCheckWord, AddCheck, AddTypeActivatedCheck];

    public Verdict Detect(PracticeContext context)
    {
        var classes = context.Matches.Where(m => m.Signal.Detail == CustomClass).ToList();
        if (classes.Count == 0)
        {
            return DefaultPolicy.Decide(context);
        }

        var content = context.Workspace.Content;
        var declarations = content.Hits(HealthCheckWord).Concat(content.Hits(AddCheck)).ToList();
        var references = declarations.Concat(content.Hits(AddTypeActivatedCheck))
            .Where(h => !h.IsCommentedOut && !context.Workspace.IsTestPath(h.File.Path))
            .ToList();
        var unregistered = new List<(Signals.SignalMatch Match, string Name)>();
        foreach (var match in classes)
        {
            var line = declarations.FirstOrDefault(h => h.File.Path == match.Evidence.Path && h.Line == match.Evidence.Line)?.LineText;
            if (line is null || ClassName().Match(line) is not { Success: true } declared)
            {
                continue;
            }

            var name = declared.Groups[1].Value;
            var word = new Regex($@"\b{Regex.Escape(name)}\b", RegexOptions.CultureInvariant);
            if (!references.Any(h => h.File.Path != match.Evidence.Path && word.IsMatch(h.LineText)))
            {
                unregistered.Add((match, name));
            }
        }

        if (unregistered.Count == 0)
        {
            return DefaultPolicy.Decide(context);
        }

        // Whatever the unregistered class's file does (query the database, ping a broker) runs nowhere either.
        var files = unregistered.Select(u => u.Match.Evidence.Path).ToHashSet(StringComparer.Ordinal);
        var rest = context.Matches.Where(m => !files.Contains(m.Evidence.Path)).ToList();
        var verdict = DefaultPolicy.Decide(context.WithMatches(rest));
        var note = $"Health check class{(unregistered.Count > 1 ? "es" : string.Empty)} {string.Join(", ", unregistered.Select(u => $"{u.Name} ({u.Match.Evidence.Path})"))} " +
                   $"{(unregistered.Count > 1 ? "are" : "is")} never registered (no AddCheck), so no health endpoint runs {(unregistered.Count > 1 ? "them" : "it")}.";
        return verdict.Status switch
        {
            PracticeStatus.Missing => context.Missing(verdict.Reason + " " + note, verdict.Searched, PracticeContext.EvidenceOf(unregistered.Select(u => u.Match))),
            _ => verdict with { Reason = verdict.Reason + " " + note },
        };
    }

    [GeneratedRegex(@"\bclass\s+(\w+)")]
    private static partial Regex ClassName();
}
