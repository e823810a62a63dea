using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Core.Secrets;

/// <summary>
/// One credential found on one line: the rule that recognised it, the value (never shown unmasked), the setting name
/// and host when the rule knows them, and how the value itself looks.
/// </summary>
public sealed record SecretFinding(RepoFile File, int Line, SecretRule Rule, string Value, string? Name, string? Host, SecretValueClass ValueClass)
{
    /// <summary>True when the format alone proves a credential (a provider token, private key material).</summary>
    public bool IsFormat => Rule.Kind is SecretKind.Token or SecretKind.PrivateKey;

    /// <summary>What a report may show of the value: a 4-character prefix, or a description for key material.</summary>
    public string Masked => Rule.Kind == SecretKind.PrivateKey ? "key material" : SecretPatterns.MaskValue(Value);
}

/// <summary>
/// Applies the catalog to the candidate lines of the content pass: only lines that hold one of a rule's literals are
/// matched against its regular expression (interpreted, with a time limit per line), so the cost grows with the
/// number of candidate lines, not with the size of the tree. Lock files, minified lines and source maps are skipped.
/// </summary>
public sealed partial class SecretScanner
{
    private const int MinifiedLine = 1_000;

    private static readonly HashSet<string> LockFiles = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "Pipfile.lock", "uv.lock", "Cargo.lock",
        "composer.lock", "Gemfile.lock", "go.sum", "packages.lock.json", "bun.lock", "mix.lock", "pubspec.lock", "Podfile.lock", "flake.lock",
        "gradle.lockfile", "paket.lock", "conan.lock", "deno.lock",
    };

    private readonly SecretCatalog catalog;
    private readonly Dictionary<SecretRule, int> priority;
    private readonly Dictionary<Term, SecretRule[]> rulesByTerm;

    public SecretScanner(SecretCatalog? catalog = null)
    {
        this.catalog = catalog ?? SecretCatalog.Default;
        priority = this.catalog.Rules.Select((rule, index) => (rule, index)).ToDictionary(x => x.rule, x => x.index);
        rulesByTerm = this.catalog.Rules
            .SelectMany(rule => rule.Terms.Select(term => (term, rule)))
            .GroupBy(x => x.term)
            .ToDictionary(g => g.Key, g => g.Select(x => x.rule).Distinct().ToArray());
    }

    public SecretCatalog Catalog => catalog;

    /// <summary>The literals the content pass must look for.</summary>
    public IEnumerable<Term> Terms => rulesByTerm.Keys;

    /// <summary>
    /// Every credential on the candidate lines of a content pass, one finding per file and value (the same value twice
    /// in a file is one credential), ordered by path and line.
    /// </summary>
    public IReadOnlyList<SecretFinding> Scan(ContentIndex content)
    {
        var candidates = new Dictionary<(RepoFile File, int Line), HashSet<SecretRule>>();
        foreach (var (term, rules) in rulesByTerm)
        {
            foreach (var hit in content.Hits(term))
            {
                if (!candidates.TryGetValue((hit.File, hit.Line), out var set))
                {
                    set = [];
                    candidates[(hit.File, hit.Line)] = set;
                }

                set.UnionWith(rules);
            }
        }

        var findings = new List<SecretFinding>();
        foreach (var ((file, line), rules) in candidates)
        {
            if (Skipped(file) || content.Text(file) is not { } text)
            {
                continue;
            }

            foreach (var rule in rules.OrderBy(r => priority[r]))
            {
                findings.AddRange(Match(rule, text, line));
            }
        }

        return Distinct(findings);
    }

    /// <summary>Every rule over every line of one text, with the same literal prefilter as the content pass (for samples and tests).</summary>
    public IReadOnlyList<SecretFinding> ScanText(SourceText text, IEnumerable<SecretRule>? only = null)
    {
        var rules = (only ?? catalog.Rules).ToList();
        var findings = new List<SecretFinding>();
        if (Skipped(text.File))
        {
            return findings;
        }

        for (var line = 1; line <= text.LineCount; line++)
        {
            var content = text.Line(line);
            foreach (var rule in rules)
            {
                if (rule.Terms.Any(t => (t.Classes & text.File.Class) != 0 && content.Contains(t.Literal, t.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)))
                {
                    findings.AddRange(Match(rule, text, line));
                }
            }
        }

        return Distinct(findings);
    }

    /// <summary>The credentials one rule finds on one line of a text.</summary>
    public IEnumerable<SecretFinding> Match(SecretRule rule, SourceText text, int line)
    {
        var content = text.Line(line);
        if (IsMinified(text.File, content))
        {
            return [];
        }

        var found = rule.Kind == SecretKind.Assignment ? MatchAssignments(rule, text, line) : MatchPattern(rule, text, line, content);
        return found.Select(f => InContext(rule, text, f.Line) switch
        {
            Context.Applies => f,
            Context.Public => f with { ValueClass = SecretValueClass.Placeholder },
            _ => null,
        }).OfType<SecretFinding>().ToList();
    }

    /// <summary>Files that hold no credentials of their own: lock files (hashes, resolved URLs) and source maps.</summary>
    public static bool Skipped(RepoFile file) =>
        LockFiles.Contains(file.Name) || file.Name.EndsWith(".map", StringComparison.OrdinalIgnoreCase) ||
        file.Name.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".min.css", StringComparison.OrdinalIgnoreCase) ||
        file.Name.Contains(".bundle.", StringComparison.OrdinalIgnoreCase) || file.Name.Contains(".chunk.", StringComparison.OrdinalIgnoreCase);

    /// <summary>A very long line of code, CSS or markup is generated (minified bundles, inlined images), never configuration.</summary>
    public static bool IsMinified(RepoFile file, string line) =>
        line.Length > MinifiedLine && file.Is(FileClass.Code | FileClass.Markup | FileClass.OtherText) && !file.Name.EndsWith(".env", StringComparison.OrdinalIgnoreCase) &&
        !file.Name.StartsWith(".env", StringComparison.OrdinalIgnoreCase) && !file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private IEnumerable<SecretFinding> MatchPattern(SecretRule rule, SourceText text, int line, string content)
    {
        foreach (var match in Matches(rule.Pattern!, content))
        {
            if (rule.Kind == SecretKind.PrivateKey)
            {
                var body = PrivateKeys.Body(text, line, match.Index + match.Length, match.Groups["type"].Value);
                if (body is not null)
                {
                    yield return new SecretFinding(text.File, line, rule, body[..Math.Min(body.Length, 64)], null, null, SecretValueClass.Strong);
                }

                continue;
            }

            var secret = match.Groups["secret"];
            if (!secret.Success || catalog.KnownPublic.Contains(secret.Value) || rule.MinEntropy > 0 && SecretValues.Entropy(secret.Value) < rule.MinEntropy)
            {
                continue;
            }

            var host = match.Groups["host"] is { Success: true } h ? h.Value : null;
            var name = match.Groups["user"] is { Success: true } u ? u.Value : null;
            if (rule.Kind == SecretKind.Token)
            {
                if (!SecretValues.IsPlaceholderToken(secret.Value))
                {
                    yield return new SecretFinding(text.File, line, rule, secret.Value, name, host, SecretValueClass.Strong);
                }

                continue;
            }

            var value = Assignments.Effective(Uri.UnescapeDataString(secret.Value));
            var valueClass = SecretValues.IsTemplateAddress(name, value, host) ? SecretValueClass.Placeholder
                : name is not null && value.Equals(name, StringComparison.OrdinalIgnoreCase) ? SecretValueClass.Weak
                : SecretValues.Classify(value);
            if (valueClass != SecretValueClass.Placeholder && !catalog.KnownPublic.Contains(value))
            {
                yield return new SecretFinding(text.File, line, rule, value, name, host, valueClass);
            }
        }
    }

    private IEnumerable<SecretFinding> MatchAssignments(SecretRule rule, SourceText text, int line)
    {
        var code = Assignments.IsCode(text.File);
        foreach (var pair in Assignments.At(text, line))
        {
            if (!Safe(rule.Names!, pair.Name) || Assignments.IsNotSecretName(pair.Name))
            {
                continue;
            }

            var value = Assignments.Effective(pair.Value.Trim());
            var last = pair.Name[(pair.Name.LastIndexOfAny(['.', ':']) + 1)..];
            if (value.Equals(last, StringComparison.OrdinalIgnoreCase) || IsResourceName(pair.Name, value) || catalog.KnownPublic.Contains(value))
            {
                continue;
            }

            // In code, a string of lower-case words is an identifier (a storage key, an option, an i18n key), not a secret.
            if (code && SecretValues.IsIdentifier(value))
            {
                continue;
            }

            var valueClass = SecretValues.Classify(value);
            if (valueClass != SecretValueClass.Placeholder && (rule.MinEntropy == 0 || SecretValues.Entropy(value) >= rule.MinEntropy))
            {
                yield return new SecretFinding(text.File, pair.Line, rule, value, pair.Name, null, valueClass);
            }
        }
    }

    /// <summary>
    /// "secret: orders-tls" or Helm's "existingSecret: orders-db" names a Kubernetes, Compose or vault secret object, it
    /// does not hold one: a bare "secret" key, or one that says "existing", whose value is a DNS-style name.
    /// </summary>
    private static bool IsResourceName(string name, string value)
    {
        var normal = Assignments.Normalize(name[(name.LastIndexOf('.') + 1)..]);
        return (normal is "secret" or "secrets" || normal.StartsWith("existing_", StringComparison.Ordinal)) && DnsName().IsMatch(value);
    }

    /// <summary>The rule's "near" and "publicWhen" conditions.</summary>
    private static Context InContext(SecretRule rule, SourceText text, int line)
    {
        if (rule.Near is { } near && !AnyLine(text, line, near.Lines, near.Pattern))
        {
            return Context.Missing;
        }

        if (rule.PublicWhen is { } publicWhen &&
            (publicWhen.Files.Contains(text.File.Name, StringComparer.OrdinalIgnoreCase) || publicWhen.Near is { } pattern && AnyLine(text, line, publicWhen.Lines, pattern)))
        {
            return Context.Public;
        }

        return Context.Applies;
    }

    private static bool AnyLine(SourceText text, int line, int distance, Regex pattern)
    {
        for (var i = Math.Max(1, line - distance); i <= Math.Min(text.LineCount, line + distance); i++)
        {
            if (Safe(pattern, text.Line(i)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Safe(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static List<Match> Matches(Regex regex, string input)
    {
        var list = new List<Match>();
        try
        {
            for (var match = regex.Match(input); match.Success; match = match.NextMatch())
            {
                list.Add(match);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A line that takes this long is not configuration; what was found before the limit stands.
        }

        return list;
    }

    /// <summary>
    /// One finding per file and value: the highest-priority rule names it, at its first line. A value that a provider
    /// rule recognised as public (a Firebase client key) is no finding for a generic rule either.
    /// </summary>
    private List<SecretFinding> Distinct(List<SecretFinding> findings) =>
        findings
            .GroupBy(f => (f.File.Path, f.Value))
            .Where(g => !g.Any(f => f.ValueClass == SecretValueClass.Placeholder))
            .Select(g => g.OrderBy(f => priority.GetValueOrDefault(f.Rule, int.MaxValue)).ThenBy(f => f.Line).First())
            .OrderBy(f => f.File.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Rule.Id, StringComparer.Ordinal)
            .ToList();

    private enum Context
    {
        Applies,
        Missing,
        Public,
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsName();
}
