using System.Text;
using Gaplens.Core.Files;
using Gaplens.Core.Search;
using Gaplens.Core.Secrets;
using Gaplens.Ecosystems;
using Gaplens.Practices.Detectors.Security;

namespace Gaplens.Practices.Tests;

/// <summary>
/// Credential-shaped values for tests, assembled at run time. The repository holds no string that a secret scanner
/// (ours, gitleaks, a hosting provider's push protection) would match: provider samples come from the catalog with
/// their splice marks, and keys and tokens here are joined from parts (a prefix, then a deterministic pseudo-random
/// body) only when a test runs. Values are format-valid and obviously synthetic ("Gaplens" in the body where the
/// format allows letters).
/// </summary>
internal static class SecretFixtures
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A deterministic pseudo-random string (seeded, so runs are reproducible).</summary>
    public static string Random(int length, string alphabet = Alphanumeric, int seed = 1)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public static string Hex(int length, int seed = 1) => Random(length, "0123456789abcdef", seed);

    /// <summary>A synthetic token: provider prefix + "Gaplens" + random body of the given total body length.</summary>
    public static string Token(string prefix, int bodyLength, int seed = 1) => prefix + ("Gaplens" + Random(bodyLength, Alphanumeric, seed))[..bodyLength];

    /// <summary>A PEM block with a format-valid (random) base64 body; the header is joined here, never stored whole.</summary>
    public static string Pem(string type = "RSA", int lines = 12, int seed = 7)
    {
        var kind = type.Length == 0 ? string.Empty : type + " ";
        var builder = new StringBuilder().Append("-----BEGIN ").Append(kind).Append("PRIVATE").Append(" KEY-----\n");
        builder.Append("MIIEpA").Append(Random(58, Base64Chars, seed)).Append('\n');
        for (var i = 1; i < lines; i++)
        {
            builder.Append(Random(64, Base64Chars, seed + i)).Append('\n');
        }

        return builder.Append("-----END ").Append(kind).Append("PRIVATE").Append(" KEY-----\n").ToString();
    }

    /// <summary>Runs the committed-secrets detector's weighing over a tree on disk (every finding, not only the evidence shown).</summary>
    public static IReadOnlyList<CommittedSecretsDetector.Finding> Findings(string root)
    {
        var files = new RepositoryWalker(new WalkOptions()).Walk(root);
        var terms = new CommittedSecretsDetector().Terms;
        var content = new ContentScanner(terms, WorkspaceReader.NeedsText, 2 * 1024 * 1024).Scan(files);
        return CommittedSecretsDetector.Findings(WorkspaceReader.Read(files, content));
    }

    /// <summary>The file extension for a sample's syntax: JSON, YAML, or a properties/.conf file for KEY=value and code lines.</summary>
    public static string Extension(string sample)
    {
        var first = sample.TrimStart();
        if (first.StartsWith('{') || first.StartsWith('"'))
        {
            return ".json";
        }

        return System.Text.RegularExpressions.Regex.IsMatch(first, @"^[\w.\-]+:\s") ? ".yml" : ".conf";
    }

    /// <summary>Every "match" sample of the catalog, as it is matched (splice marks removed), with its rule.</summary>
    public static IEnumerable<(SecretRule Rule, int Index, string Sample)> CatalogSamples() =>
        SecretCatalog.Default.Rules.SelectMany(rule => rule.MatchSamples.Select((sample, i) => (rule, i, SecretCatalog.Unsplice(sample))));
}
