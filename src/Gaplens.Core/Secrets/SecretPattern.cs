using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Core.Search;

namespace Gaplens.Core.Secrets;

/// <summary>A kind of credential with a recognisable shape: the literal the content pass looks for, and the full regex.</summary>
public sealed record SecretPattern(string Name, Term Term, Regex Regex, int ValueGroup = 0);

/// <summary>
/// Credential shapes with few false positives (provider prefixes, key headers). Used both to find committed
/// secrets and to mask anything secret-shaped before it reaches a report.
/// </summary>
public static partial class SecretPatterns
{
    private const FileClass Anywhere = FileClass.AnyText;

    public static readonly IReadOnlyList<SecretPattern> All =
    [
        new("AWS access key id", new Term("AKIA", Anywhere), AwsKeyId()),
        new("AWS temporary access key id", new Term("ASIA", Anywhere), AwsTemporaryKeyId()),
        new("AWS secret access key", new Term("aws_secret_access_key", Anywhere, IgnoreCase: true), AwsSecret(), 1),
        new("private key", new Term("PRIVATE KEY-----", Anywhere), PrivateKey()),
        new("GitHub token", new Term("ghp_", Anywhere), GitHubToken()),
        new("GitHub token", new Term("gho_", Anywhere), GitHubToken()),
        new("GitHub token", new Term("ghs_", Anywhere), GitHubToken()),
        new("GitHub fine-grained token", new Term("github_pat_", Anywhere), GitHubPat()),
        new("GitLab token", new Term("glpat-", Anywhere), GitLabToken()),
        new("Slack token", new Term("xoxb-", Anywhere), SlackToken()),
        new("Slack token", new Term("xoxp-", Anywhere), SlackToken()),
        new("Slack webhook", new Term("hooks.slack.com/services/", Anywhere), SlackWebhook()),
        new("Stripe live key", new Term("sk_live_", Anywhere), StripeKey()),
        new("Stripe live key", new Term("rk_live_", Anywhere), StripeKey()),
        new("Google API key", new Term("AIza", Anywhere), GoogleKey()),
        new("OpenAI API key", new Term("sk-proj-", Anywhere), OpenAiKey()),
        new("Anthropic API key", new Term("sk-ant-", Anywhere), AnthropicKey()),
        new("SendGrid API key", new Term("SG.", Anywhere), SendGridKey()),
        new("npm token", new Term("npm_", Anywhere), NpmToken()),
        new("Azure storage account key", new Term("AccountKey=", Anywhere), AzureAccountKey(), 1),
        new("Azure shared access key", new Term("SharedAccessKey=", Anywhere), AzureSharedAccessKey(), 1),
    ];

    /// <summary>Masks every secret-shaped value in a text: at most a 4-character prefix stays visible.</summary>
    public static string Mask(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var pattern in All)
        {
            if (!text.Contains(pattern.Term.Literal, pattern.Term.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                continue;
            }

            text = pattern.Regex.Replace(text, m =>
            {
                var group = m.Groups[pattern.ValueGroup];
                if (pattern.Name == "private key")
                {
                    return m.Value;
                }

                var masked = MaskValue(group.Value);
                return m.Value[..(group.Index - m.Index)] + masked + m.Value[(group.Index - m.Index + group.Length)..];
            });
        }

        return text;
    }

    /// <summary>"AKIA****": the first four characters and a fixed mask, so the length is not revealed either.</summary>
    public static string MaskValue(string value) => value.Length <= 4 ? "****" : value[..4] + "****";

    [GeneratedRegex(@"\bAKIA[0-9A-Z]{16}\b")]
    private static partial Regex AwsKeyId();

    [GeneratedRegex(@"\bASIA[0-9A-Z]{16}\b")]
    private static partial Regex AwsTemporaryKeyId();

    [GeneratedRegex(@"(?i)aws_secret_access_key\s*[=:]\s*[""']?([A-Za-z0-9/+=]{40})\b")]
    private static partial Regex AwsSecret();

    [GeneratedRegex(@"-----BEGIN ((RSA|DSA|EC|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{40,}\b")]
    private static partial Regex GitHubPat();

    [GeneratedRegex(@"\bglpat-[A-Za-z0-9_-]{20}\b")]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\bxox[bp]-[0-9]{6,}-[A-Za-z0-9-]{10,}\b")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{20,}")]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"\b[rs]k_live_[A-Za-z0-9]{20,}\b")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}\b")]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"\bsk-proj-[A-Za-z0-9_-]{40,}\b")]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\bsk-ant-[A-Za-z0-9_-]{40,}\b")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"\bnpm_[A-Za-z0-9]{36}\b")]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"AccountKey=([A-Za-z0-9+/]{60,}={0,2})")]
    private static partial Regex AzureAccountKey();

    [GeneratedRegex(@"SharedAccessKey=([A-Za-z0-9+/]{40,}={0,2})")]
    private static partial Regex AzureSharedAccessKey();
}
