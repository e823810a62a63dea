using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems;

/// <summary>
/// An ecosystem's declarations, read from the embedded <c>ecosystem.yml</c> of its folder and validated when loaded
/// (a definition that does not validate is a build defect, caught by a test that loads every ecosystem).
/// </summary>
public sealed class EcosystemData
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary>File extension (with the dot) to language name.</summary>
    public required IReadOnlyDictionary<string, string> Languages { get; init; }

    /// <summary>The file class of this ecosystem's source code: the default class of its fact literals.</summary>
    public required FileClass CodeClass { get; init; }

    /// <summary>Packages ("manager:name", a trailing '*' is a prefix) that reveal a data store, broker or storage.</summary>
    public required IReadOnlyList<(string Package, DataStore Store)> Dependencies { get; init; }

    /// <summary>Literals in code that show an HTTP API is served.</summary>
    public required IReadOnlyList<Term> HttpApi { get; init; }

    /// <summary>Literals in code that show server-rendered or bundled user interface.</summary>
    public required IReadOnlyList<Term> Ui { get; init; }

    /// <summary>Literals in code that show a gRPC server.</summary>
    public required IReadOnlyList<Term> Grpc { get; init; }

    /// <summary>Literals in code that show calls to other services or third parties (HTTP, gRPC, SMTP, SDK clients).</summary>
    public required IReadOnlyList<Term> OutboundCalls { get; init; }

    /// <summary>Literals in code that show configuration read from the environment or settings.</summary>
    public required IReadOnlyList<Term> Configuration { get; init; }

    /// <summary>Packages ("manager:name") of a user interface framework.</summary>
    public required IReadOnlyList<string> UiPackages { get; init; }

    /// <summary>File extensions of server-rendered pages (".cshtml", ".erb").</summary>
    public required IReadOnlyList<string> UiFiles { get; init; }

    /// <summary>Packages ("manager:name") of HTTP clients, mailers and third-party SDKs: outbound calls.</summary>
    public required IReadOnlyList<string> OutboundPackages { get; init; }

    /// <summary>Paths (regular expressions) of the framework's settings files: the application reads configuration.</summary>
    public required IReadOnlyList<Regex> ConfigFiles { get; init; }

    /// <summary>Extra signals per practice id, in the practice catalog's vocabulary (parsed by the practice catalog).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<YamlNode>> Signals { get; init; }

    /// <summary>Remediation per practice id, in this ecosystem's terms.</summary>
    public required IReadOnlyDictionary<string, string> Remediation { get; init; }

    /// <summary>Every literal the facts need from this ecosystem.</summary>
    public IEnumerable<Term> Terms => HttpApi.Concat(Ui).Concat(Grpc).Concat(OutboundCalls).Concat(Configuration);

    internal static EcosystemData LoadFor(Type type)
    {
        var folder = type.Namespace![(type.Namespace!.LastIndexOf('.') + 1)..];
        var name = $"ecosystem:{folder}/ecosystem.yml";
        using var stream = type.Assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"{type.Name}: missing embedded {folder}/ecosystem.yml");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{folder}/ecosystem.yml");
    }

    public static EcosystemData Parse(string yaml, string source)
    {
        var root = YamlDocuments.Load(yaml, out var error).FirstOrDefault() ?? throw new InvalidDataException($"{source}: {error ?? "empty definition"}");
        string Required(string key) => root.ScalarOf(key) is { Length: > 0 } value ? value.Trim() : throw new InvalidDataException($"{source}: '{key}' is required");

        var codeClass = Classes(root.Get("code") ?? throw new InvalidDataException($"{source}: 'code' (the file class of its source) is required"), source);
        var languages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (extension, language, _) in root.Get("languages").Entries())
        {
            if (!extension.StartsWith('.'))
            {
                throw new InvalidDataException($"{source}: language extension '{extension}' must start with a dot");
            }

            languages[extension] = language.Scalar() ?? throw new InvalidDataException($"{source}: language of '{extension}' is empty");
        }

        var dependencies = new List<(string, DataStore)>();
        foreach (var item in root.Get("dependencies").Items())
        {
            var package = PackageName(item.ScalarOf("package"), source);
            var storeKey = item.ScalarOf("store") ?? throw new InvalidDataException($"{source}: dependency '{package}' needs a store");
            var store = DataStores.Find(storeKey) ?? throw new InvalidDataException($"{source}: '{storeKey}' is not a known data store ({string.Join(", ", DataStores.Keys)})");
            dependencies.Add((package, store));
        }

        var facts = root.Get("facts");
        IReadOnlyList<Term> Terms(string key) => facts.Get(key).Items().Select(i => TermOf(i, codeClass, $"{source} facts.{key}")).ToList();

        var signals = new Dictionary<string, IReadOnlyList<YamlNode>>(StringComparer.Ordinal);
        foreach (var (practice, list, _) in root.Get("signals").Entries())
        {
            signals[practice] = list.Items().ToList();
        }

        var remediation = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (practice, text, _) in root.Get("remediation").Entries())
        {
            remediation[practice] = (text.Scalar() ?? string.Empty).Trim() is { Length: > 0 } t ? t : throw new InvalidDataException($"{source}: remediation of '{practice}' is empty");
        }

        var configFiles = new List<Regex>();
        foreach (var pattern in root.Get("configFiles").Strings())
        {
            try
            {
                configFiles.Add(new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200)));
            }
            catch (ArgumentException ex)
            {
                throw new InvalidDataException($"{source}: configFiles '{pattern}' is not a regular expression: {ex.Message}");
            }
        }

        return new EcosystemData
        {
            Key = Required("key"),
            Name = Required("name"),
            Languages = languages,
            CodeClass = codeClass,
            Dependencies = dependencies,
            HttpApi = Terms("httpApi"),
            Ui = Terms("ui"),
            Grpc = Terms("grpc"),
            OutboundCalls = Terms("outboundCalls"),
            Configuration = Terms("configuration"),
            UiPackages = root.Get("uiPackages").Strings().Select(p => PackageName(p, source)).ToList(),
            UiFiles = root.Get("uiFiles").Strings().ToList(),
            OutboundPackages = root.Get("outboundPackages").Strings().Select(p => PackageName(p, source)).ToList(),
            ConfigFiles = configFiles,
            Signals = signals,
            Remediation = remediation,
        };
    }

    private static string PackageName(string? value, string source) =>
        value is { } v && v.IndexOf(':') > 0 && v.IndexOf(':') < v.Length - 1 ? v : throw new InvalidDataException($"{source}: package '{value}' must be 'manager:name'");

    private static Term TermOf(YamlNode node, FileClass fallback, string source)
    {
        var literal = node.Scalar() ?? node.ScalarOf("code") ?? throw new InvalidDataException($"{source}: a literal or {{ code, in }} is expected");
        if (literal.Length < 3)
        {
            throw new InvalidDataException($"{source}: literal '{literal}' is too short to search for");
        }

        var classes = node.Get("in") is { } @in ? Classes(@in, source) : fallback;
        return new Term(literal, classes);
    }

    private static FileClass Classes(YamlNode node, string source) =>
        FileClassNames.TryParse(node.Strings(), out var classes, out var unknown) && classes != FileClass.None
            ? classes
            : throw new InvalidDataException($"{source}: '{unknown}' is not a file class ({string.Join(", ", FileClassNames.All)})");
}
