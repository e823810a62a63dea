using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Search;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Core.Secrets;

/// <summary>
/// The credential formats Gaplens knows, read from the YAML files embedded from Secrets/Catalog and validated as they
/// load: a catalog with an unknown field, a regular expression that does not compile, a pattern without its "secret"
/// group or a rule without samples does not load at all.
/// </summary>
public sealed partial class SecretCatalog
{
    /// <summary>The splice mark of catalog samples: removed before a sample is matched (see the catalog's header).</summary>
    public const char Splice = '¦';

    /// <summary>Matching stops after this long on one line: a pathological line is skipped, never a hang.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private const string ResourcePrefix = "secrets:";

    /// <summary>"name = value", "name: value", "name => value", "key="name" value=" with optional quotes around both.</summary>
    private const string AssignMacro = @"[\w.\-]{0,30}?(?:[""'\x60]?\]?\s{0,3}(?:=>|:=|\?\?=|=|:)\s{0,3}|[""']\s+value\s*=\s*)[""'\x60]?";

    private static readonly Lazy<SecretCatalog> Embedded = new(() => Load(ReadEmbedded()), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly HashSet<string> RuleFields = new(StringComparer.Ordinal)
    {
        "id", "provider", "title", "category", "kind", "level", "keywords", "ignoreCase", "files", "pattern", "names", "minEntropy", "near",
        "publicWhen", "note", "samples",
    };

    private SecretCatalog(IReadOnlyList<SecretRule> rules, IReadOnlySet<string> knownPublic)
    {
        Rules = rules;
        KnownPublic = knownPublic;
    }

    /// <summary>The catalog compiled into Gaplens.</summary>
    public static SecretCatalog Default => Embedded.Value;

    /// <summary>Rules in priority order: when two rules find the same value, the first one names it.</summary>
    public IReadOnlyList<SecretRule> Rules { get; }

    /// <summary>Values vendors publish for documentation, emulators and tests (never findings).</summary>
    public IReadOnlySet<string> KnownPublic { get; }

    /// <summary>Every literal of every rule, for the content pass.</summary>
    public IEnumerable<Term> Terms => Rules.SelectMany(r => r.Terms).Distinct();

    /// <summary>Loads catalog files (name, YAML text); throws <see cref="InvalidDataException"/> listing every problem found.</summary>
    public static SecretCatalog Load(IEnumerable<(string Name, string Text)> files)
    {
        var errors = new List<string>();
        var rules = new List<SecretRule>();
        var knownPublic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, text) in files)
        {
            YamlMappingNode? root;
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
            }
            catch (YamlException ex)
            {
                errors.Add($"{name}: invalid YAML at line {ex.Start.Line}: {ex.Message}");
                continue;
            }

            if (root is null)
            {
                errors.Add($"{name}: expected one YAML document with a mapping at the top");
                continue;
            }

            foreach (var (keyNode, value) in root.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value;
                switch (key)
                {
                    case "rules" when value is YamlSequenceNode sequence:
                        foreach (var item in sequence.Children)
                        {
                            if (ReadRule(name, item, errors) is { } rule)
                            {
                                rules.Add(rule);
                            }
                        }

                        break;
                    case "knownPublic" when value is YamlSequenceNode sequence:
                        foreach (var item in sequence.Children.OfType<YamlMappingNode>())
                        {
                            var raw = Scalar(item, "value");
                            if (string.IsNullOrEmpty(raw) || string.IsNullOrEmpty(Scalar(item, "source")))
                            {
                                errors.Add($"{name}: a knownPublic entry needs 'value' and 'source'");
                                continue;
                            }

                            knownPublic.Add(Unsplice(raw));
                        }

                        break;
                    default:
                        errors.Add($"{name}: unknown top-level field '{key}' (expected 'rules' or 'knownPublic' lists)");
                        break;
                }
            }
        }

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"rule id '{duplicate.Key}' is defined {duplicate.Count()} times ({string.Join(", ", duplicate.Select(r => r.Source))})");
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException("The secret catalog is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return new SecretCatalog(rules, knownPublic);
    }

    /// <summary>A sample as it is matched: the catalog's splice marks removed.</summary>
    public static string Unsplice(string sample) => sample.Replace(Splice.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>The embedded catalog files, in the order that gives rules their priority.</summary>
    public static IReadOnlyList<(string Name, string Text)> ReadEmbedded()
    {
        var assembly = typeof(SecretCatalog).Assembly;
        string[] order = ["known-public.yml", "private-keys.yml", "providers.yml", "generic.yml"];
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Select(n => n[ResourcePrefix.Length..]).ToList();
        var ordered = order.Where(names.Contains).Concat(names.Except(order).Order(StringComparer.Ordinal));
        return ordered.Select(n => (n, Read(assembly, ResourcePrefix + n))).ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidDataException($"missing catalog resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SecretRule? ReadRule(string source, YamlNode node, List<string> errors)
    {
        if (node is not YamlMappingNode map)
        {
            errors.Add($"{source}: every rule must be a mapping");
            return null;
        }

        var id = Scalar(map, "id") ?? string.Empty;
        var where = $"{source}: rule '{(id.Length == 0 ? "?" : id)}' (line {map.Start.Line})";
        var before = errors.Count;
        void Error(string message) => errors.Add($"{where}: {message}");

        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).Where(k => !RuleFields.Contains(k)))
        {
            Error($"unknown field '{key}'");
        }

        if (!RuleId().IsMatch(id))
        {
            Error("'id' must be kebab-case (a-z, 0-9 and '-')");
        }

        var provider = Required(map, "provider", Error);
        var title = Required(map, "title", Error);
        var category = Required(map, "category", Error);
        var kind = Scalar(map, "kind") switch
        {
            null or "token" => SecretKind.Token,
            "generic" => SecretKind.Generic,
            "assignment" => SecretKind.Assignment,
            "private-key" => SecretKind.PrivateKey,
            var other => Invalid(SecretKind.Token, $"unknown kind '{other}' (token, generic, assignment or private-key)", Error),
        };
        var level = Scalar(map, "level") switch
        {
            null or "secret" => SecretLevel.Secret,
            "low" => SecretLevel.Low,
            var other => Invalid(SecretLevel.Secret, $"unknown level '{other}' (secret or low)", Error),
        };

        var ignoreCase = Scalar(map, "ignoreCase") switch
        {
            null or "false" => false,
            "true" => true,
            var other => Invalid(false, $"ignoreCase must be true or false, not '{other}'", Error),
        };
        var classes = FileClass.AnyText;
        if (map.Children.TryGetValue(new YamlScalarNode("files"), out var filesNode))
        {
            classes = FileClass.None;
            foreach (var name in Strings(filesNode))
            {
                if (Enum.TryParse<FileClass>(name, ignoreCase: false, out var parsed) && parsed != FileClass.None)
                {
                    classes |= parsed;
                }
                else
                {
                    Error($"unknown file class '{name}' in 'files'");
                }
            }
        }

        var keywords = map.Children.TryGetValue(new YamlScalarNode("keywords"), out var keywordsNode) ? Strings(keywordsNode) : [];
        if (keywords.Count == 0)
        {
            Error("'keywords' must list at least one literal for the content pass");
        }

        foreach (var keyword in keywords.Where(k => k.Length < 2))
        {
            Error($"keyword '{keyword}' is too short to find candidate lines");
        }

        var patternText = Scalar(map, "pattern");
        Regex? pattern = null;
        if (kind == SecretKind.Assignment)
        {
            if (patternText is not null)
            {
                Error("an assignment rule is parsed by setting name: use 'names', not 'pattern'");
            }
        }
        else if (patternText is null)
        {
            Error("'pattern' is required");
        }
        else
        {
            pattern = Compile(patternText.Replace("{assign}", AssignMacro, StringComparison.Ordinal), "pattern", Error);
            var group = kind == SecretKind.PrivateKey ? "type" : "secret";
            if (pattern is not null && !pattern.GetGroupNames().Contains(group))
            {
                Error($"'pattern' must capture the named group '{group}'");
            }
        }

        var namesText = Scalar(map, "names");
        Regex? names = null;
        if (kind == SecretKind.Assignment)
        {
            names = namesText is null ? Invalid<Regex?>(null, "'names' is required for an assignment rule", Error) : Compile(namesText, "names", Error);
        }
        else if (namesText is not null)
        {
            Error("'names' applies to assignment rules only");
        }

        var minEntropy = 0.0;
        if (Scalar(map, "minEntropy") is { } entropyText &&
            (!double.TryParse(entropyText, NumberStyles.Float, CultureInfo.InvariantCulture, out minEntropy) || minEntropy is < 0 or > 6))
        {
            Error($"minEntropy must be a number of bits per character between 0 and 6, not '{entropyText}'");
        }

        NearContext? near = null;
        if (map.Children.TryGetValue(new YamlScalarNode("near"), out var nearNode))
        {
            var nearMap = nearNode as YamlMappingNode;
            var nearPattern = nearMap is null ? null : Scalar(nearMap, "pattern");
            var lines = nearMap is null ? null : Scalar(nearMap, "lines");
            if (nearPattern is null || !int.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 0 or > 500)
            {
                Error("'near' needs 'pattern' and 'lines' (0 to 500)");
            }
            else if (Compile(nearPattern, "near.pattern", Error) is { } compiled)
            {
                near = new NearContext(compiled, count);
            }
        }

        PublicContext? publicWhen = null;
        if (map.Children.TryGetValue(new YamlScalarNode("publicWhen"), out var publicNode))
        {
            if (publicNode is not YamlMappingNode publicMap)
            {
                Error("'publicWhen' must be a mapping with 'files', 'near' and 'lines'");
            }
            else
            {
                var files = publicMap.Children.TryGetValue(new YamlScalarNode("files"), out var f) ? Strings(f) : [];
                var nearText = Scalar(publicMap, "near");
                var lines = Scalar(publicMap, "lines");
                var count = 0;
                if (lines is not null && (!int.TryParse(lines, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > 500))
                {
                    Error("'publicWhen.lines' must be 0 to 500");
                }

                publicWhen = new PublicContext(files, nearText is null ? null : Compile(nearText, "publicWhen.near", Error), count);
            }
        }

        IReadOnlyList<string> matchSamples = [];
        IReadOnlyList<string> noMatchSamples = [];
        if (map.Children.TryGetValue(new YamlScalarNode("samples"), out var samplesNode) && samplesNode is YamlMappingNode samples)
        {
            matchSamples = samples.Children.TryGetValue(new YamlScalarNode("match"), out var m) ? Strings(m) : [];
            noMatchSamples = samples.Children.TryGetValue(new YamlScalarNode("noMatch"), out var n) ? Strings(n) : [];
        }

        if (matchSamples.Count == 0 || noMatchSamples.Count == 0)
        {
            Error("'samples' needs at least one 'match' and one 'noMatch' sample");
        }

        foreach (var sample in matchSamples.Where(s => !s.Contains(Splice, StringComparison.Ordinal)))
        {
            Error($"match sample '{sample[..Math.Min(12, sample.Length)]}…' lacks the splice mark {Splice}: the catalog must never hold a matchable credential");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new SecretRule
        {
            Id = id,
            Provider = provider!,
            Title = title!,
            Category = category!,
            Kind = kind,
            Level = level,
            Terms = keywords.SelectMany(k => ignoreCase ? CaseVariants(k) : [k]).Distinct(StringComparer.Ordinal).Select(k => new Term(k, classes)).ToList(),
            Pattern = pattern,
            Names = names,
            MinEntropy = minEntropy,
            Near = near,
            PublicWhen = publicWhen,
            Note = Scalar(map, "note"),
            MatchSamples = matchSamples,
            NoMatchSamples = noMatchSamples,
            Source = source,
        };
    }

    /// <summary>
    /// The spellings a setting name takes in practice, as exact literals (exact literals cost the content pass far less
    /// than case-insensitive ones): "api_key" gives api_key, API_KEY, apiKey and ApiKey (list "api-key" too where it is used);
    /// a brand written in mixed case ("WhatsApp") is listed as such in the catalog.
    /// </summary>
    public static IReadOnlyList<string> CaseVariants(string keyword)
    {
        var lead = keyword.Length - keyword.TrimStart('_', '-', '.').Length;
        var trail = keyword.Length - keyword.TrimEnd('_', '-', '.').Length;
        var core = keyword[lead..(keyword.Length - trail)];
        var prefix = keyword[..lead];
        var suffix = keyword[(keyword.Length - trail)..];
        var parts = core.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        var variants = new List<string> { keyword };
        void Add(string text) => variants.Add(prefix + text + suffix);
        static string Title(string part)
        {
            var letter = part.AsSpan().IndexOfAnyInRange('a', 'z');
            var lower = part.ToLowerInvariant();
            return letter < 0 || part.AsSpan(0, letter).ContainsAnyInRange('A', 'Z') ? lower : lower[..letter] + char.ToUpperInvariant(lower[letter]) + lower[(letter + 1)..];
        }

        if (parts.Length <= 1)
        {
            Add(core.ToLowerInvariant());
            Add(core.ToUpperInvariant());
            Add(Title(core));
            return variants.Distinct(StringComparer.Ordinal).ToList();
        }

        // Separators as written in the catalog, in lower and upper case; joined words in camel and Pascal case.
        Add(core.ToLowerInvariant());
        Add(core.ToUpperInvariant());
        Add(parts[0].ToLowerInvariant() + string.Concat(parts.Skip(1).Select(Title)));
        Add(string.Concat(parts.Select(Title)));
        return variants.Distinct(StringComparer.Ordinal).ToList();
    }

    private static T Invalid<T>(T fallback, string message, Action<string> error)
    {
        error(message);
        return fallback;
    }

    private static string? Required(YamlMappingNode map, string key, Action<string> error)
    {
        var value = Scalar(map, key);
        if (string.IsNullOrWhiteSpace(value))
        {
            error($"'{key}' is required");
        }

        return value;
    }

    private static Regex? Compile(string pattern, string field, Action<string> error)
    {
        try
        {
            // Interpreted, not compiled: the catalog's regular expressions run on candidate lines only, and compiling
            // a few hundred of them would cost more start-up time than all the matching of a scan.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            error($"'{field}' is not a valid regular expression: {ex.Message}");
            return null;
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> Strings(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).ToList(),
        YamlScalarNode scalar when scalar.Value is { } value => [value],
        _ => [],
    };

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleId();
}
