using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Core.Secrets;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;
using Gaplens.Ecosystems.Yaml;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// Credentials committed to the repository. Provider-shaped keys and private keys outside tests make the practice
/// missing; test keys, plaintext Kubernetes Secrets and connection-string passwords for real hosts make it partial.
/// Placeholders that an application refuses ("changethis") are not secrets. Values are always masked.
/// </summary>
public sealed partial class CommittedSecretsDetector : IPracticeDetector
{
    private static readonly Term JwkMarker = new("\"kty\"", FileClass.Json | FileClass.OtherText);
    private static readonly Term ConnectionPassword = new("Password=", FileClass.Json | FileClass.Xml | FileClass.Yaml | FileClass.Properties, IgnoreCase: true);

    private static readonly string[] Placeholders =
    [
        "example", "changeme", "change_me", "change-me", "changethis", "your", "xxx", "placeholder", "dummy", "sample", "<", "${", "{{", "$(",
        "redacted", "todo", "fake", "test", "***", "replace", "insert", "secret", "password", "pass123", "p@ss", "foobar", "localdev", "notreal", "mock",
    ];

    public string PracticeId => "sec-no-committed-secrets";

    public IEnumerable<Term> Terms => SecretPatterns.All.Select(p => p.Term).Concat([JwkMarker, ConnectionPassword]);

    public Verdict Detect(PracticeContext context)
    {
        var workspace = context.Workspace;
        var serious = new List<Evidence>();
        var minor = new List<Evidence>();

        foreach (var pattern in SecretPatterns.All)
        {
            foreach (var hit in workspace.Content.Hits(pattern.Term))
            {
                var match = pattern.Regex.Match(hit.LineText);
                if (!match.Success || IsPlaceholder(match.Groups[pattern.ValueGroup].Value) || IsKnownPublic(match.Value))
                {
                    continue;
                }

                var shown = pattern.Name == "private key" ? "a private key block" : SecretPatterns.MaskValue(match.Groups[pattern.ValueGroup].Value);
                var evidence = new Evidence(hit.File.Path, hit.Line, $"{pattern.Name} committed: {shown}");
                (IsTestOrSample(workspace, hit.File.Path) ? minor : serious).Add(evidence);
            }
        }

        foreach (var hit in workspace.Content.Hits(JwkMarker))
        {
            if (workspace.Text(hit.File)?.Text is { } text && JwkPrivate().IsMatch(text))
            {
                var evidence = new Evidence(hit.File.Path, hit.Line, "private JSON Web Key committed (has a \"d\" member)");
                (IsTestOrSample(workspace, hit.File.Path) ? minor : serious).Add(evidence);
            }
        }

        foreach (var file in workspace.Files.Files)
        {
            var name = file.Name.ToLowerInvariant();
            if (name.EndsWith(".pfx", StringComparison.Ordinal) || name.EndsWith(".p12", StringComparison.Ordinal) || name.EndsWith(".jks", StringComparison.Ordinal) || name.EndsWith(".keystore", StringComparison.Ordinal))
            {
                minor.Add(new Evidence(file.Path, null, "key store committed (certificate with private key)"));
            }
            else if (IsDotEnv(name))
            {
                serious.AddRange(DotEnvSecrets(workspace, file));
            }
        }

        minor.AddRange(KubernetesSecrets(workspace));
        minor.AddRange(ConnectionStringPasswords(workspace));

        if (serious.Count > 0)
        {
            return context.Missing($"{serious.Count} credential(s) committed to the repository (values masked): {PracticeContext.Describe(serious)}. Rotate them, remove them from history and load them from a secret store.",
                [], serious.Concat(minor));
        }

        if (minor.Count > 0)
        {
            return context.Partial(minor, $"No production credentials found, but {PracticeContext.Describe(minor)}. Make sure these are not used by any real environment and move them out of the repository.");
        }

        var scanned = workspace.Content.FilesRead;
        return context.Present([new Evidence(".", null, $"{scanned:N0} text files checked for credentials")], "No credentials found in the scanned files: no provider keys or tokens, private keys, key stores, plaintext Kubernetes Secrets or passwords in connection strings and .env files.");
    }

    private static bool IsDotEnv(string name) =>
        (name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal)) &&
        !name.Contains("example", StringComparison.Ordinal) && !name.Contains("sample", StringComparison.Ordinal) &&
        !name.Contains("template", StringComparison.Ordinal) && !name.EndsWith(".dist", StringComparison.Ordinal) && !name.Contains("defaults", StringComparison.Ordinal);

    /// <summary>KEY=value lines of a committed .env whose key names a credential and whose value looks random.</summary>
    private static IEnumerable<Evidence> DotEnvSecrets(Workspace workspace, RepoFile file)
    {
        var text = workspace.Text(file);
        if (text is null || IsTestOrSample(workspace, file.Path))
        {
            yield break;
        }

        for (var i = 1; i <= text.LineCount; i++)
        {
            var match = EnvAssignment().Match(text.Line(i));
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups[2].Value.Trim().Trim('"', '\'');
            if (value.Length >= 16 && !IsPlaceholder(value) && Entropy(value) >= 3.5)
            {
                yield return new Evidence(file.Path, i, $"{match.Groups[1].Value} in a committed .env: {SecretPatterns.MaskValue(value)}");
            }
        }
    }

    private static IEnumerable<Evidence> KubernetesSecrets(Workspace workspace)
    {
        foreach (var secret in workspace.KubernetesObjects.Where(o => o.Kind == "Secret" && !o.FromTemplate))
        {
            foreach (var section in new[] { "data", "stringData" })
            {
                foreach (var (key, value, line) in secret.Node.Get(section).Entries())
                {
                    var raw = value.Scalar() ?? string.Empty;
                    var decoded = section == "data" ? TryBase64(raw) : raw;
                    if (decoded.Length > 0 && !IsPlaceholder(decoded))
                    {
                        yield return new Evidence(secret.Path, line, $"plaintext Kubernetes Secret '{secret.Name}' holds {key}: {SecretPatterns.MaskValue(decoded)}");
                    }
                }
            }
        }
    }

    /// <summary>Passwords in connection strings of non-development settings that point at a real host.</summary>
    private static IEnumerable<Evidence> ConnectionStringPasswords(Workspace workspace)
    {
        foreach (var hit in workspace.Content.Hits(ConnectionPassword))
        {
            var path = hit.File.Path;
            if (IsTestOrSample(workspace, path) || path.Contains("Development", StringComparison.OrdinalIgnoreCase) || path.Contains(".local.", StringComparison.OrdinalIgnoreCase) ||
                hit.File.Name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || hit.File.Name.StartsWith("compose", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var match = ConnectionStringPassword().Match(hit.LineText);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups[1].Value.Trim();
            if (IsPlaceholder(value) || LocalHost().IsMatch(hit.LineText) || value.Length < 6)
            {
                continue;
            }

            yield return new Evidence(path, hit.Line, $"password in a connection string: {SecretPatterns.MaskValue(value)}");
        }
    }

    private static bool IsTestOrSample(Workspace workspace, string path) => workspace.IsTestPath(path) || FactsBuilder.IsExcluded(path);

    public static bool IsPlaceholder(string value)
    {
        var lower = value.ToLowerInvariant();
        if (lower.Length == 0 || lower.Distinct().Count() <= 2)
        {
            return true;
        }

        return Placeholders.Any(p => lower.Contains(p, StringComparison.Ordinal));
    }

    /// <summary>Documented public values: AWS's example key and the Azure storage emulator's well-known key.</summary>
    private static bool IsKnownPublic(string value) =>
        value.Contains("EXAMPLE", StringComparison.Ordinal) ||
        value.Contains("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", StringComparison.Ordinal);

    private static string TryBase64(string value)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    private static double Entropy(string value)
    {
        var counts = value.GroupBy(c => c).Select(g => (double)g.Count());
        return -counts.Sum(c => c / value.Length * Math.Log2(c / value.Length));
    }

    [GeneratedRegex(@"^\s*(?:export\s+)?([A-Z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_KEY|ACCESS_KEY|CLIENT_SECRET)[A-Z0-9_]*)\s*=\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"(?i)(?:password|pwd)\s*=\s*([^;""'\s]+)")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i)(localhost|127\.0\.0\.1|\(localdb\)|host\.docker\.internal|0\.0\.0\.0|\bdb\b|Server=\.;)")]
    private static partial Regex LocalHost();

    [GeneratedRegex(@"""d""\s*:\s*""[A-Za-z0-9_-]{20,}""")]
    private static partial Regex JwkPrivate();
}
