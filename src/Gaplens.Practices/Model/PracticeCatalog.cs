using System.Reflection;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Packages;
using Gaplens.Ecosystems.Yaml;
using Gaplens.Practices.Signals;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Practices.Model;

/// <summary>
/// The practices this build knows: one embedded YAML definition per practice, validated when loaded and ordered as
/// the contract (<c>spec/practices.yml</c>) lists them. A definition that does not validate is a build defect.
/// </summary>
public sealed class PracticeCatalog
{
    private static readonly Lazy<PracticeCatalog> Embedded = new(LoadEmbedded);
    private readonly Dictionary<string, PracticeDefinition> byId;

    public PracticeCatalog(IReadOnlyList<PracticeDefinition> practices, IReadOnlyDictionary<string, string> domains)
    {
        Practices = practices;
        Domains = domains;
        byId = practices.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>The catalog compiled into this assembly.</summary>
    public static PracticeCatalog Default => Embedded.Value;

    public IReadOnlyList<PracticeDefinition> Practices { get; }

    /// <summary>Domain id to its title, in contract order.</summary>
    public IReadOnlyDictionary<string, string> Domains { get; }

    public PracticeDefinition? Find(string id) => byId.GetValueOrDefault(id);

    public PracticeDefinition this[string id] => byId[id];

    /// <summary>A copy with practices added (custom rules) or replaced by id.</summary>
    public PracticeCatalog With(IEnumerable<PracticeDefinition> additions)
    {
        var list = Practices.ToList();
        foreach (var addition in additions)
        {
            var index = list.FindIndex(p => p.Id == addition.Id);
            if (index >= 0)
            {
                list[index] = addition;
            }
            else
            {
                list.Add(addition);
            }
        }

        return new PracticeCatalog(list, Domains);
    }

    /// <summary>Every term any signal needs from the content pass.</summary>
    public IEnumerable<Term> Terms => Practices.SelectMany(p => p.Signals).Select(s => s.Term).OfType<Term>();

    /// <summary>The practice ids and domains of the contract, in order.</summary>
    public static (IReadOnlyList<(string Id, string Domain)> Practices, IReadOnlyDictionary<string, string> Domains) ReadContract(string yaml)
    {
        var root = YamlDocuments.Load(yaml, out var error).FirstOrDefault() ?? throw new InvalidDataException($"practice contract: {error}");
        var domains = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in root.Get("domains").Entries())
        {
            domains[key] = value.Scalar() ?? key;
        }

        var practices = root.Get("practices").Items().Select(p => (p.ScalarOf("id")!, p.ScalarOf("domain")!)).ToList();
        return (practices, domains);
    }

    private static PracticeCatalog LoadEmbedded()
    {
        var assembly = typeof(PracticeCatalog).Assembly;
        var contract = ReadContract(ReadResource(assembly, "contract:practices.yml"));
        var definitions = new Dictionary<string, PracticeDefinition>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("practice:", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var definition = Parse(ReadResource(assembly, name), name["practice:".Length..]);
            if (!definitions.TryAdd(definition.Id, definition))
            {
                throw new InvalidDataException($"{name}: practice '{definition.Id}' is defined twice");
            }
        }

        foreach (var ecosystem in EcosystemRegistry.All)
        {
            AddEcosystemWords(definitions, ecosystem);
        }

        var ordered = new List<PracticeDefinition>();
        foreach (var (id, domain) in contract.Practices)
        {
            if (!definitions.Remove(id, out var definition))
            {
                throw new InvalidDataException($"practice '{id}' of the contract has no definition");
            }

            if (definition.Domain != domain)
            {
                throw new InvalidDataException($"practice '{id}' is in domain '{definition.Domain}' but the contract says '{domain}'");
            }

            ordered.Add(definition);
        }

        ordered.AddRange(definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal));
        return new PracticeCatalog(ordered, contract.Domains);
    }

    /// <summary>
    /// An ecosystem folder's signals and remediation join the practices they name: adding a stack touches no practice file.
    /// </summary>
    private static void AddEcosystemWords(Dictionary<string, PracticeDefinition> definitions, Ecosystem ecosystem)
    {
        var source = $"ecosystem '{ecosystem.Key}'";
        foreach (var id in ecosystem.Data.Signals.Keys.Concat(ecosystem.Data.Remediation.Keys).Distinct(StringComparer.Ordinal))
        {
            if (!definitions.ContainsKey(id))
            {
                throw new InvalidDataException($"{source}: practice '{id}' does not exist");
            }
        }

        foreach (var (id, nodes) in ecosystem.Data.Signals)
        {
            var definition = definitions[id];
            var added = nodes.Select((node, index) => ParseSignal(node, $"{source} {id} signal {index + 1}") with { Stack = ecosystem.Key });
            definitions[id] = definition with { Signals = definition.Signals.Concat(added).ToList() };
        }

        foreach (var (id, text) in ecosystem.Data.Remediation)
        {
            var definition = definitions[id];
            if (definition.Remediation.ContainsKey(ecosystem.Key))
            {
                throw new InvalidDataException($"{source}: remediation of '{id}' is also written in the practice file");
            }

            var remediation = new Dictionary<string, string>(definition.Remediation, StringComparer.Ordinal) { [ecosystem.Key] = text };
            definitions[id] = definition with { Remediation = remediation };
        }
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"missing resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Parses and validates one practice definition.</summary>
    public static PracticeDefinition Parse(string yaml, string source)
    {
        var root = YamlDocuments.Load(yaml, out var error).FirstOrDefault();
        if (root is null)
        {
            throw new InvalidDataException($"{source}: {error ?? "empty definition"}");
        }

        string Required(string key) => root.ScalarOf(key) is { Length: > 0 } value ? value.Trim() : throw new InvalidDataException($"{source}: '{key}' is required");

        var severity = new Dictionary<Profile, Severity>();
        foreach (var (key, value, _) in root.Get("severity").Entries())
        {
            if (!ProfileNames.TryParse(key, out var profile) || !SeverityNames.TryParse(value.Scalar(), out var level))
            {
                throw new InvalidDataException($"{source}: severity '{key}: {value.Scalar()}' is not a profile and a severity");
            }

            severity[profile] = level;
        }

        foreach (var profile in Enum.GetValues<Profile>())
        {
            if (!severity.ContainsKey(profile))
            {
                throw new InvalidDataException($"{source}: severity for profile '{profile.ToWire()}' is required");
            }
        }

        var effortNode = root.Get("effort") ?? throw new InvalidDataException($"{source}: 'effort' is required");
        var baseRange = Range(effortNode.Get("base"), source, "effort.base");
        var perService = effortNode.Get("perService") is { } ps ? Range(ps, source, "effort.perService") : (Low: 0, High: 0);

        var remediation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value, _) in root.Get("remediation").Entries())
        {
            remediation[key] = (value.Scalar() ?? string.Empty).Trim();
        }

        if (!remediation.ContainsKey("default"))
        {
            throw new InvalidDataException($"{source}: remediation.default is required");
        }

        var deferred = new Dictionary<Profile, string>();
        foreach (var (key, value, _) in root.Get("deferredIn").Entries())
        {
            if (!ProfileNames.TryParse(key, out var profile))
            {
                throw new InvalidDataException($"{source}: deferredIn '{key}' is not a profile");
            }

            deferred[profile] = (value.Scalar() ?? string.Empty).Trim();
        }

        var owner = Required("owner");
        if (owner is not ("DevOps" or "Backend" or "Frontend" or "QA" or "Security" or "Architect"))
        {
            throw new InvalidDataException($"{source}: owner '{owner}' is not one of DevOps, Backend, Frontend, QA, Security, Architect");
        }

        var signals = root.Get("signals").Items().Select((node, index) => ParseSignal(node, $"{source} signal {index + 1}")).ToList();
        return new PracticeDefinition
        {
            Id = Required("id"),
            Domain = Required("domain"),
            Title = Required("title"),
            Summary = Required("summary"),
            Impact = Required("impact"),
            Applies = Required("applies"),
            Severity = severity,
            Owner = owner,
            Effort = new Effort(baseRange.Low, baseRange.High, perService.Low, perService.High),
            PerService = root.ScalarOf("perService") == "true",
            Remediation = remediation,
            SuccessCriterion = Required("success"),
            DeferredIn = deferred,
            DependsOn = root.Get("dependsOn").Strings().ToList(),
            Signals = signals,
            MissingText = root.ScalarOf("missing"),
        };
    }

    private static (int Low, int High) Range(YamlNode? node, string source, string key)
    {
        var values = node.Strings().Select(s => int.TryParse(s, out var v) ? v : -1).ToList();
        if (values.Count != 2 || values[0] < 0 || values[1] < values[0])
        {
            throw new InvalidDataException($"{source}: '{key}' must be [low, high] hours");
        }

        return (values[0], values[1]);
    }

    /// <summary>
    /// Parses one signal. Signals <paramref name="fromConfiguration"/> come from a user: their regular expressions
    /// run without backtracking where .NET can (linear time), else with a short match timeout, and their globs
    /// likewise, so that a pattern such as "(a+)+$" can cost a scan milliseconds, never minutes.
    /// </summary>
    public static Signal ParseSignal(YamlNode node, string source, bool fromConfiguration = false)
    {
        var detail = node.ScalarOf("detail") ?? throw new InvalidDataException($"{source}: 'detail' is required");
        var level = node.ScalarOf("level") switch
        {
            null or "present" => SignalLevel.Present,
            "partial" => SignalLevel.Partial,
            var other => throw new InvalidDataException($"{source}: level '{other}' is not present or partial"),
        };
        var path = node.ScalarOf("path") is { } glob ? new PathGlob(glob, fromConfiguration) : null;
        Regex? match = null;
        if (node.ScalarOf("match") is { } pattern)
        {
            try
            {
                match = fromConfiguration ? UserRegex(pattern) : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{source}: match is not a valid regex: {ex.Message}");
            }
        }

        var name = node.ScalarOf("name");
        if (node.ScalarOf("package") is { } package)
        {
            var colon = package.IndexOf(':');
            if (colon <= 0 || !PackageEcosystem.TryParse(package[..colon], out var ecosystem))
            {
                var known = string.Join(", ", EcosystemRegistry.All.SelectMany(e => e.PackageManagers).Select(m => m.Key).Order(StringComparer.Ordinal));
                throw new InvalidDataException($"{source}: package '{package}' must be 'manager:name' ({known})");
            }

            var packageName = package[(colon + 1)..];

            return new Signal { Detail = detail, Level = level, Ecosystem = ecosystem, Package = packageName, Name = name, Scope = ParseScope(node.ScalarOf("scope"), SignalScope.Production, source) };
        }

        var code = node.ScalarOf("code");
        var text = node.ScalarOf("text");
        if (code is not null || text is not null)
        {
            var literal = code ?? text!;
            if (literal.Length < 3)
            {
                throw new InvalidDataException($"{source}: literal '{literal}' is too short to search for");
            }

            var classes = ParseClasses(node.Get("in"), code is not null ? FileClass.Code : FileClass.AnyText, source);
            var ignoreCase = node.ScalarOf("ignoreCase") == "true";
            var scope = ParseScope(node.ScalarOf("scope"), code is not null ? SignalScope.Production : SignalScope.Any, source);
            return new Signal { Detail = detail, Level = level, Term = new Term(literal, classes, ignoreCase), LineMatch = match, PathGlob = path, Scope = scope, Name = name };
        }

        if (node.ScalarOf("file") is { } file)
        {
            return new Signal { Detail = detail, Level = level, File = new PathGlob(file, fromConfiguration), Name = name, Scope = ParseScope(node.ScalarOf("scope"), SignalScope.Any, source) };
        }

        if (node.Get("platform") is { } platform)
        {
            var platforms = platform.Strings().SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            return new Signal { Detail = detail, Level = level, Platforms = platforms, Name = name, Scope = SignalScope.Any };
        }

        throw new InvalidDataException($"{source}: a signal needs one of package, code, text, file or platform");
    }

    /// <summary>A match timeout per line for expressions that need backtracking (back-references, look-arounds).</summary>
    public static readonly TimeSpan UserRegexTimeout = TimeSpan.FromMilliseconds(100);

    private static Regex UserRegex(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, UserRegexTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, UserRegexTimeout);
        }
    }

    private static SignalScope ParseScope(string? value, SignalScope fallback, string source) => value switch
    {
        null => fallback,
        "production" => SignalScope.Production,
        "test" => SignalScope.Test,
        "any" => SignalScope.Any,
        "team-docs" => SignalScope.TeamDocs,
        _ => throw new InvalidDataException($"{source}: scope '{value}' is not production, test, any or team-docs"),
    };

    private static FileClass ParseClasses(YamlNode? node, FileClass fallback, string source)
    {
        if (node is null)
        {
            return fallback;
        }

        return FileClassNames.TryParse(node.Strings(), out var classes, out var unknown)
            ? classes
            : throw new InvalidDataException($"{source}: '{unknown}' is not a file class ({string.Join(", ", FileClassNames.All)})");
    }
}
