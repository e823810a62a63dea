using System.Globalization;
using System.Text.RegularExpressions;
using Gaplens.Core.Model;
using Gaplens.Ecosystems.Yaml;
using Gaplens.Practices.Engine;
using Gaplens.Practices.Model;
using Gaplens.Practices.Signals;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Analysis.Configuration;

/// <summary>
/// Reads and validates .gaplens.yml (schema: spec/gaplens-config.schema.json). Every problem is a
/// <see cref="ConfigError"/> naming the file and line, so that a typo never silently changes a verdict.
/// </summary>
public static partial class ConfigLoader
{
    public const string FileName = ".gaplens.yml";

    /// <summary>Largest team size accepted (the weeks estimate divides by it).</summary>
    public const int MaxTeamSize = 10_000;

    /// <summary>Largest configuration file read: a real one is a few kilobytes.</summary>
    public const long MaxFileSize = 1024 * 1024;

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "profile", "teamSize", "failOn", "waivers", "disabled", "owners", "effort", "rules" };
    private static readonly HashSet<string> WaiverKeys = new(StringComparer.Ordinal) { "practice", "reason", "expires", "services" };
    private static readonly HashSet<string> RuleKeys = new(StringComparer.Ordinal) { "id", "practice", "title", "domain", "severity", "summary", "impact", "recommendation", "owner", "effort", "success", "signals" };

    /// <summary>The configuration of a repository root (.gaplens.yml or .gaplens.yaml), or the empty one.</summary>
    public static GaplensConfig LoadFor(string root, PracticeCatalog catalog)
    {
        foreach (var name in new[] { FileName, ".gaplens.yaml" })
        {
            var path = Path.Combine(root, name);
            if (File.Exists(path))
            {
                return Load(path, catalog, name);
            }
        }

        return GaplensConfig.Empty;
    }

    public static GaplensConfig Load(string path, PracticeCatalog catalog, string? displayName = null)
    {
        var display = displayName ?? path;
        string text;
        try
        {
            // Never opened when it is a FIFO or a device (/dev/zero would never end), never read past the size limit.
            text = Core.Files.TextDecoder.Decode(Core.Files.FileKinds.ReadRegularFile(path, MaxFileSize), out _);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ConfigError(display, 1, $"cannot be read: {ex.Message}");
        }

        return Parse(text, display, catalog);
    }

    public static GaplensConfig Parse(string text, string file, PracticeCatalog catalog)
    {
        var documents = YamlDocuments.Load(text, out var error);
        if (error is not null)
        {
            var line = error.StartsWith("invalid YAML at line ", StringComparison.Ordinal) && int.TryParse(error[21..].Split(':')[0], CultureInfo.InvariantCulture, out var l) ? l : 1;
            throw new ConfigError(file, line, error);
        }

        var root = documents.FirstOrDefault();
        if (root is null || root is YamlScalarNode { Value: null or "" })
        {
            return GaplensConfig.Empty with { Source = file };
        }

        if (root is not YamlMappingNode)
        {
            throw new ConfigError(file, root.Line(), "the configuration must be a mapping of settings");
        }

        Profile? profile = null;
        int? teamSize = null;
        Severity? failOn = null;
        var waivers = new List<Waiver>();
        var disabled = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var effort = new Dictionary<string, EffortRange>(StringComparer.Ordinal);
        // Rules first: waivers, disabled practices, owners and effort may name the practices the rules define.
        var rules = new List<PracticeDefinition>();
        var index = 0;
        foreach (var rule in root.Get("rules") is { } rulesNode ? Sequence(rulesNode, file, "rules") : [])
        {
            rules.Add(Rule(rule, file, catalog, ++index, rules));
        }

        var defined = rules.Count > 0 ? catalog.With(rules) : catalog;
        foreach (var (key, value, line) in root.Entries())
        {
            switch (key)
            {
                case "profile":
                    profile = ProfileNames.TryParse(value.Scalar(), out var p) ? p : throw new ConfigError(file, value.Line(), $"profile '{value.Scalar()}' is not pilot, production or enterprise");
                    break;
                case "teamSize":
                    teamSize = int.TryParse(value.Scalar(), CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxTeamSize ? size : throw new ConfigError(file, value.Line(), $"teamSize must be a whole number from 1 to {MaxTeamSize:N0}");
                    break;
                case "failOn":
                    failOn = SeverityNames.TryParse(value.Scalar(), out var s) && s != Severity.None ? s : throw new ConfigError(file, value.Line(), $"failOn '{value.Scalar()}' is not critical, high, medium or low");
                    break;
                case "waivers":
                    waivers.AddRange(Waivers(value, file, defined));
                    break;
                case "disabled":
                    foreach (var item in Sequence(value, file, key))
                    {
                        var id = item.Scalar() ?? item.ScalarOf("practice") ?? throw new ConfigError(file, item.Line(), "a disabled entry is a practice id (or { practice, reason })");
                        KnownPractice(id, item.Line(), file, defined);
                        disabled[id] = item.ScalarOf("reason") ?? $"disabled in {file}";
                    }

                    break;
                case "owners":
                    foreach (var (target, owner, ownerLine) in Mapping(value, file, key))
                    {
                        if (!target.Contains('/', StringComparison.Ordinal) && !target.Contains('*', StringComparison.Ordinal) && defined.Find(target) is null && !defined.Domains.ContainsKey(target))
                        {
                            throw new ConfigError(file, ownerLine, $"owners: '{target}' is not a domain, a practice id or a path glob");
                        }

                        owners[target] = owner.Scalar() is { Length: > 0 } name ? name : throw new ConfigError(file, owner.Line(), $"owners: '{target}' needs an owner name");
                    }

                    break;
                case "effort":
                    foreach (var (id, range, rangeLine) in Mapping(value, file, key))
                    {
                        KnownPractice(id, rangeLine, file, defined);
                        var numbers = range.Strings().Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var h) ? h : -1).ToList();
                        if (numbers.Count != 2 || numbers[0] < 0 || numbers[1] < numbers[0])
                        {
                            throw new ConfigError(file, range.Line(), $"effort.{id} must be [low, high] hours with low <= high");
                        }

                        effort[id] = new EffortRange(numbers[0], numbers[1]);
                    }

                    break;
                case "rules":
                    break;
                default:
                    throw new ConfigError(file, line, $"unknown setting '{key}' (expected one of: {string.Join(", ", TopLevel.Order(StringComparer.Ordinal))})");
            }
        }

        return new GaplensConfig
        {
            Source = file,
            Profile = profile,
            TeamSize = teamSize,
            FailOn = failOn,
            Waivers = waivers,
            Disabled = disabled,
            Owners = owners,
            Effort = effort,
            Rules = rules,
        };
    }

    private static IEnumerable<Waiver> Waivers(YamlNode node, string file, PracticeCatalog catalog)
    {
        foreach (var item in Sequence(node, file, "waivers"))
        {
            foreach (var (key, _, keyLine) in item.Entries())
            {
                if (!WaiverKeys.Contains(key))
                {
                    throw new ConfigError(file, keyLine, $"waivers: unknown key '{key}' (expected practice, reason, expires, services)");
                }
            }

            var practice = item.ScalarOf("practice") ?? throw new ConfigError(file, item.Line(), "a waiver needs 'practice'");
            KnownPractice(practice, item.Get("practice")!.Line(), file, catalog);
            var reason = item.ScalarOf("reason") is { Length: > 0 } r ? r : throw new ConfigError(file, item.Line(), $"the waiver for {practice} needs a 'reason'");
            DateOnly? expires = null;
            if (item.Get("expires") is { } expiresNode)
            {
                expires = DateOnly.TryParseExact(expiresNode.Scalar(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new ConfigError(file, expiresNode.Line(), $"expires '{expiresNode.Scalar()}' is not a date in yyyy-MM-dd form");
            }

            yield return new Waiver(practice, reason, expires, item.Get("services").Strings().ToList(), file, item.Line());
        }
    }

    private static PracticeDefinition Rule(YamlNode node, string file, PracticeCatalog catalog, int index, List<PracticeDefinition> earlier)
    {
        foreach (var (key, _, keyLine) in node.Entries())
        {
            if (!RuleKeys.Contains(key))
            {
                throw new ConfigError(file, keyLine, $"rules: unknown key '{key}' (expected {string.Join(", ", RuleKeys.Order(StringComparer.Ordinal))})");
            }
        }

        var signals = new List<Signal>();
        var signalsNode = node.Get("signals");
        if (signalsNode is not YamlSequenceNode || !signalsNode.Items().Any())
        {
            throw new ConfigError(file, node.Line(), $"rule {index} needs a non-empty 'signals' list");
        }

        foreach (var signal in signalsNode.Items())
        {
            try
            {
                var withDetail = signal is YamlMappingNode m && m.Get("detail") is null ? WithDetail(m) : signal;
                signals.Add(PracticeCatalog.ParseSignal(withDetail, $"{file}:{signal.Line()}", fromConfiguration: true));
            }
            catch (InvalidDataException ex)
            {
                throw new ConfigError(file, signal.Line(), ex.Message[(ex.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            }
        }

        // An extra signal for an existing practice: anything else on the rule would be silently ignored, so it is an error.
        if (node.ScalarOf("practice") is { } existingId)
        {
            foreach (var (extraKey, _, extraLine) in node.Entries().Where(e => e.Key is not "practice" and not "signals"))
            {
                throw new ConfigError(file, extraLine, $"rules: '{extraKey}' cannot be set on a rule that adds signals to '{existingId}' (only 'practice' and 'signals')");
            }

            var existing = earlier.FirstOrDefault(r => r.Id == existingId) ?? catalog.Find(existingId) ?? throw new ConfigError(file, node.Get("practice")!.Line(), $"rules: practice '{existingId}' is not in the catalog (use 'id' for a new practice)");
            return existing with { Signals = existing.Signals.Concat(signals).ToList() };
        }

        var id = node.ScalarOf("id") ?? throw new ConfigError(file, node.Line(), $"rule {index} needs 'id' (a new practice) or 'practice' (an extra signal for an existing one)");
        if (!RuleId().IsMatch(id))
        {
            throw new ConfigError(file, node.Get("id")!.Line(), $"rules: id '{id}' must be lower-case letters, digits and dashes (like 'feature-flags')");
        }

        if (catalog.Find(id) is not null)
        {
            throw new ConfigError(file, node.Get("id")!.Line(), $"rules: '{id}' is already a practice; use 'practice: {id}' to add signals to it");
        }

        var domain = node.ScalarOf("domain") ?? throw new ConfigError(file, node.Line(), $"rule '{id}' needs a 'domain'");
        if (!catalog.Domains.ContainsKey(domain))
        {
            throw new ConfigError(file, node.Get("domain")!.Line(), $"rule '{id}': domain '{domain}' is not one of {string.Join(", ", catalog.Domains.Keys)}");
        }

        var severities = new Dictionary<Profile, Severity>();
        var severityNode = node.Get("severity");
        if (severityNode is YamlScalarNode && SeverityNames.TryParse(severityNode.Scalar(), out var single) && single != Severity.None)
        {
            foreach (var profile in Enum.GetValues<Profile>())
            {
                severities[profile] = single;
            }
        }
        else if (severityNode is YamlMappingNode)
        {
            foreach (var (profileName, level, levelLine) in severityNode.Entries())
            {
                if (!ProfileNames.TryParse(profileName, out var profile) || !SeverityNames.TryParse(level.Scalar(), out var severity))
                {
                    throw new ConfigError(file, levelLine, $"rule '{id}': severity '{profileName}: {level.Scalar()}' is not a profile and a severity");
                }

                severities[profile] = severity;
            }

            foreach (var profile in Enum.GetValues<Profile>())
            {
                severities.TryAdd(profile, Severity.Medium);
            }
        }
        else
        {
            throw new ConfigError(file, severityNode?.Line() ?? node.Line(), $"rule '{id}' needs a 'severity' (critical, high, medium, low, or one per profile)");
        }

        var title = node.ScalarOf("title") ?? id;
        var recommendation = node.ScalarOf("recommendation") ?? $"Add {title.ToLowerInvariant()}.";
        var effort = node.Get("effort").Strings().Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var h) ? h : -1).ToList();
        return new PracticeDefinition
        {
            Id = id,
            Domain = domain,
            Title = title,
            Summary = node.ScalarOf("summary") ?? title,
            Impact = node.ScalarOf("impact") ?? $"The team's own rule '{id}' is not met.",
            Applies = "always",
            Severity = severities,
            Owner = node.ScalarOf("owner") ?? "Architect",
            Effort = effort.Count == 2 && effort[0] >= 0 && effort[1] >= effort[0] ? new Effort(effort[0], effort[1], 0, 0) : new Effort(2, 8, 0, 0),
            Remediation = new Dictionary<string, string> { ["default"] = recommendation },
            SuccessCriterion = node.ScalarOf("success") ?? $"gaplens finds {title.ToLowerInvariant()}.",
            Signals = signals,
        };
    }

    private static YamlNode WithDetail(YamlMappingNode signal)
    {
        var copy = new YamlMappingNode();
        foreach (var (k, v) in signal.Children)
        {
            copy.Add(k, v);
        }

        var what = signal.ScalarOf("file") ?? signal.ScalarOf("code") ?? signal.ScalarOf("text") ?? signal.ScalarOf("package") ?? "custom signal";
        copy.Add("detail", what);
        return copy;
    }

    private static void KnownPractice(string id, int line, string file, PracticeCatalog catalog)
    {
        if (catalog.Find(id) is null)
        {
            throw new ConfigError(file, line, $"unknown practice '{id}' (`gaplens rules` lists them)");
        }
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string file, string key) =>
        node is YamlSequenceNode sequence ? sequence.Children : throw new ConfigError(file, node.Line(), $"'{key}' must be a list");

    private static IEnumerable<(string Key, YamlNode Value, int Line)> Mapping(YamlNode node, string file, string key) =>
        node is YamlMappingNode ? node.Entries() : throw new ConfigError(file, node.Line(), $"'{key}' must be a mapping");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex RuleId();
}
