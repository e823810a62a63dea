using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Core.Secrets;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Yaml;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// Credentials committed to the repository, found with the secret catalog (provider formats, private key material,
/// connection URLs, settings named password/secret/token/key) on the candidate lines of the content pass, and weighed
/// by where they sit (<see cref="SecretPlaces"/>): a live credential in anything that ships makes the practice missing;
/// test fixtures, demo credentials of local setups and test-mode keys make it partial; placeholders, references and
/// documentation examples are not findings. Each credential counts once per file. Values are always masked.
/// </summary>
public sealed partial class CommittedSecretsDetector : IPracticeDetector
{
    private const int Shown = 3;

    private static readonly SecretScanner Scanner = new();

    public string PracticeId => "sec-no-committed-secrets";

    public IEnumerable<Term> Terms => Scanner.Terms;

    public Verdict Detect(PracticeContext context)
    {
        var workspace = context.Workspace;
        if (workspace.Content.FilesRead == 0)
        {
            return context.NotApplicable("No text file of the repository could be read, so nothing could be checked for credentials.");
        }

        var findings = Findings(workspace);
        var serious = findings.Where(f => f.Weight == SecretWeight.Serious).ToList();
        var minor = findings.Where(f => f.Weight == SecretWeight.Minor).ToList();
        if (serious.Count > 0)
        {
            var also = minor.Count > 0 ? $" Also {Count(minor)} of lower risk (tests, demo or test-mode credentials)." : string.Empty;
            return context.Missing(
                $"{Count(serious)} committed to the repository (values masked): {List(serious)}. Rotate them, remove them from history and load them from a secret store.{also}",
                [], serious.Concat(minor).Select(f => f.Evidence));
        }

        if (minor.Count > 0)
        {
            return context.Partial(minor.Select(f => f.Evidence),
                $"No production credentials found, but {Count(minor)} of lower risk: {List(minor)}. Make sure these are not used by any real environment and move them out of the repository.");
        }

        var evidence = new List<Evidence> { new(".", null, $"{workspace.Content.FilesRead:N0} text files checked against {Scanner.Catalog.Rules.Count} credential formats") };
        evidence.AddRange(PracticeContext.EvidenceOf(context.PresentMatches));
        return context.Present(evidence,
            "No credentials found in the scanned files: no provider keys or tokens, private keys, key stores, plaintext Kubernetes Secrets, passwords in connection strings or hard-coded secrets in code, configuration and .env files.");
    }

    /// <summary>
    /// Every credential that counts, weighed: one per file and value (the same value twice in a file is one
    /// credential), serious before minor when both weigh the same value, in path and line order.
    /// </summary>
    internal static IReadOnlyList<Finding> Findings(Workspace workspace)
    {
        var secretManifests = workspace.KubernetesObjects.Where(o => o.Kind == "Secret" && !o.FromTemplate).Select(o => o.Path).ToHashSet(StringComparer.Ordinal);
        var findings = new List<Finding>();
        foreach (var finding in Scanner.Scan(workspace.Content))
        {
            // A plaintext Secret manifest is judged as a whole below (its data values are base64).
            if (!finding.IsFormat && secretManifests.Contains(finding.File.Path))
            {
                continue;
            }

            var line = workspace.Text(finding.File)?.Line(finding.Line) ?? string.Empty;
            var place = SecretPlaces.Of(workspace, finding.File, line);
            var weight = SecretPlaces.Weigh(finding, place, IsLocalHost(finding, workspace));
            if (weight != SecretWeight.None)
            {
                findings.Add(new Finding(finding.File.Path, finding.Line, finding.Value, weight, Detail(finding, place), finding.Rule));
            }
        }

        findings.AddRange(KeyFiles(workspace));
        findings.AddRange(KubernetesSecrets(workspace));
        return findings
            .GroupBy(f => (f.Path, f.Value))
            .Select(g => g.OrderByDescending(f => f.Weight).ThenBy(f => f.Line ?? 0).First())
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.Line ?? 0)
            .ThenBy(f => f.Detail, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"3 credential(s) in 2 file(s)": each value counted once per file.</summary>
    private static string Count(IReadOnlyCollection<Finding> findings) =>
        $"{findings.Count} credential(s) in {findings.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count()} file(s)";

    private static string List(IReadOnlyList<Finding> findings)
    {
        var shown = findings.Take(Shown).Select(f => $"{f.Evidence.Detail} ({f.Evidence})");
        var more = findings.Count > Shown ? $"; and {findings.Count - Shown} more" : string.Empty;
        return string.Join("; ", shown) + more;
    }

    private static string Detail(SecretFinding finding, SecretPlace place)
    {
        var title = finding.Rule.Kind is SecretKind.Assignment or SecretKind.Generic
            ? (finding.ValueClass == SecretValueClass.Weak ? "weak or default " : "hard-coded ") + finding.Rule.Title + (finding.Name is { Length: > 0 } name && finding.Rule.Kind == SecretKind.Assignment ? $" ({name})" : string.Empty)
            : finding.Rule.Title + (finding.Rule.Level == SecretLevel.Low ? " (test mode)" : string.Empty);
        var where = SecretPlaces.Describe(place);
        return $"{title}{(where.Length > 0 ? " " + where : string.Empty)}: {finding.Masked}";
    }

    /// <summary>True when the credential can only reach the developer's own machine (localhost, 127.0.0.1, LocalDB).</summary>
    private static bool IsLocalHost(SecretFinding finding, Workspace workspace)
    {
        var host = finding.Host;
        if (host is null && finding.Rule.Id == "connection-string-password" && workspace.Text(finding.File) is { } text)
        {
            host = ConnectionHost().Match(text.Line(finding.Line)) is { Success: true } m ? m.Groups["host"].Value : null;
        }

        return host is not null && LocalHost().IsMatch(host.Trim());
    }

    /// <summary>Key stores, Rails master keys and Terraform state, recognised by name (their content is binary or not read).</summary>
    private static IEnumerable<Finding> KeyFiles(Workspace workspace)
    {
        foreach (var file in workspace.Files.Files)
        {
            var name = file.Name.ToLowerInvariant();
            string? what = null;
            if (name.EndsWith(".pfx", StringComparison.Ordinal) || name.EndsWith(".p12", StringComparison.Ordinal))
            {
                what = "key store (certificate with its private key)";
            }
            else if (name.EndsWith(".jks", StringComparison.Ordinal) || name.EndsWith(".keystore", StringComparison.Ordinal))
            {
                what = "Java / Android key store";
            }
            else if (name == "master.key" || name.EndsWith(".key", StringComparison.Ordinal) && file.Directory.EndsWith("config/credentials", StringComparison.Ordinal))
            {
                what = "Rails master key";
            }
            else if (name.EndsWith(".tfstate", StringComparison.Ordinal))
            {
                what = "Terraform state (resource attributes, often passwords, in plain text)";
            }

            if (what is null)
            {
                continue;
            }

            var place = SecretPlaces.Of(workspace, file);
            var throwaway = place is SecretPlace.Test or SecretPlace.Sample or SecretPlace.Docs or SecretPlace.Development or SecretPlace.LocalCompose ||
                            name.Contains("debug", StringComparison.Ordinal) || name.Contains("dev", StringComparison.Ordinal) || name.Contains("localhost", StringComparison.Ordinal) ||
                            name.Contains("test", StringComparison.Ordinal) || name.Contains("sample", StringComparison.Ordinal) || name.Contains("example", StringComparison.Ordinal);
            var weight = throwaway || name.EndsWith(".tfstate", StringComparison.Ordinal) ? SecretWeight.Minor : SecretWeight.Serious;
            yield return new Finding(file.Path, null, file.Path, weight, $"{what} committed");
        }
    }

    /// <summary>Kubernetes Secret manifests with values in plain text (data is only base64): a random value is a committed secret, anything else a demo credential.</summary>
    private static IEnumerable<Finding> KubernetesSecrets(Workspace workspace)
    {
        foreach (var secret in workspace.KubernetesObjects.Where(o => o.Kind == "Secret" && !o.FromTemplate))
        {
            var file = workspace.Files.Files.FirstOrDefault(f => f.Path == secret.Path);
            var place = file is null ? SecretPlace.Production : SecretPlaces.Of(workspace, file);
            if (place is SecretPlace.Test or SecretPlace.Sample or SecretPlace.Docs)
            {
                continue;
            }

            foreach (var section in new[] { "data", "stringData" })
            {
                foreach (var (key, value, line) in secret.Node.Get(section).Entries())
                {
                    var raw = value.Scalar() ?? string.Empty;
                    var decoded = section == "data" ? TryBase64(raw) : raw;
                    var valueClass = SecretValues.Classify(decoded);

                    // A Secret also carries settings that are not credentials (host, port, database name): only a
                    // credential-named key or a random value counts.
                    if (valueClass == SecretValueClass.Placeholder || valueClass != SecretValueClass.Strong && !CredentialKey().IsMatch(key))
                    {
                        continue;
                    }

                    var weight = valueClass == SecretValueClass.Strong ? SecretWeight.Serious : SecretWeight.Minor;
                    yield return new Finding(secret.Path, line, decoded, weight, $"plaintext Kubernetes Secret '{secret.Name}' holds {key}: {SecretPatterns.MaskValue(decoded)}");
                }
            }
        }
    }

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

    /// <summary>One credential in one file (Value is never shown; Evidence carries the masked form).</summary>
    internal sealed record Finding(string Path, int? Line, string Value, SecretWeight Weight, string Detail, SecretRule? Rule = null)
    {
        public Evidence Evidence => new(Path, Line, Detail);
    }

    [GeneratedRegex(@"(?i)pass|pwd|secret|token|key|credential|auth|private|cert|connection|dsn|url|uri", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialKey();

    [GeneratedRegex(@"(?i)(?:^|[;""'\s])(?:host|server|data source|address|addr)\s*=\s*(?<host>[^;""']+)", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionHost();

    [GeneratedRegex(@"^(?:tcp:)?(?:localhost|127\.0\.0\.1|::1|\[::1\]|\(localdb\)|\.|host\.docker\.internal)(?:[,:\\].*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LocalHost();
}
