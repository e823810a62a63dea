using System.Text.RegularExpressions;

namespace Gaplens.Core.Secrets;

/// <summary>What a credential-shaped value is, judged from the value alone.</summary>
public enum SecretValueClass
{
    /// <summary>Not a credential: empty, a reference (${VAR}, {{ .Values.x }}), a documented placeholder, a hash or ciphertext.</summary>
    Placeholder,

    /// <summary>A working but guessable value: a default or demo password ("postgres", "admin123", "lemmylemmy").</summary>
    Weak,

    /// <summary>A value somebody chose: neither a placeholder nor a well-known default, but not random either.</summary>
    Ordinary,

    /// <summary>A random value (long, high entropy): a generated key, token or password.</summary>
    Strong,
}

/// <summary>
/// Judges credential values: Shannon entropy, placeholders and references, weak demo values. The rules are the ones a
/// reviewer applies by eye: "changethis" and "${DB_PASSWORD}" are not secrets, "postgres" is a demo credential, a
/// 64-character hex string is a real key.
/// </summary>
public static partial class SecretValues
{
    /// <summary>Words that mark a value as "put the real one here" rather than a credential.</summary>
    private static readonly string[] PlaceholderWords =
    [
        "change", "replace", "your", "placeholder", "example", "sample", "dummy", "fake", "xxxx", "redacted", "removed", "hidden",
        "masked", "insert", "enter_", "enter-", "here", "todo", "fixme", "notreal", "not-real", "not_real", "not_a_", "notaset",
        "undefined", "mock", "lorem", "foobar", "test", "<", ">", "...", "***", "n/a", "none", "null", "abcdefgh", "0123456789",

        // Elided or masked examples: an ellipsis, a bullet, the splice mark of Gaplens's own catalog samples.
        "…", "•", "¦",
    ];

    /// <summary>Whole values that stand for "nothing set".</summary>
    private static readonly HashSet<string> EmptyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "abc", "xyz", "nil", "tbd", "na", "-", "x", "xx", "xxx", "?", "demo", "include", "omit", "same-origin", "required", "optional", "enabled",
        "disabled", "auto", "yes", "no", "on", "off",
    };

    /// <summary>Markers of a placeholder inside a provider-format token (whose random body could hold short words by chance).</summary>
    private static readonly string[] TokenPlaceholderMarkers =
    [
        "example", "xxxx", "your", "placeholder", "dummy", "sample", "redacted", "insert", "replace", "changeme", "0000000", "1234567890",
        "abcdefghij", "...", "***", "<", ">", "${", "{{",
    ];

    /// <summary>Default and demo passwords that products and tutorials ship with.</summary>
    private static readonly HashSet<string> DefaultPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "pass123", "password1", "password123", "admin", "admin123", "administrator",
        "root", "toor", "guest", "user", "demo", "default", "secret", "secret123", "changeit", "letmein", "welcome", "welcome1", "qwerty",
        "postgres", "mysql", "oracle", "sa", "sysadmin", "minioadmin", "minio123", "rabbitmq", "redis", "mongo", "mongodb", "elastic",
        "kibana", "keycloak", "neo4j", "couchbase", "pass@word1", "p@ssw0rd!", "admin@123", "admin1234", "test123", "master", "local",
    };

    /// <summary>Words that make a short value a demo credential rather than a chosen secret.</summary>
    private static readonly string[] WeakWords =
    [
        "password", "passwd", "pass", "pwd", "secret", "admin", "root", "guest", "demo", "default", "local", "dev", "postgres", "mysql",
        "mongo", "redis", "rabbit", "minio", "qwerty", "letmein", "welcome", "changeit", "key", "token", "1234", "abcd", "user",
    ];

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        Span<int> ascii = stackalloc int[128];
        Dictionary<char, int>? other = null;
        foreach (var c in value)
        {
            if (c < 128)
            {
                ascii[c]++;
            }
            else
            {
                other ??= [];
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        var length = (double)value.Length;
        var entropy = 0.0;
        foreach (var count in ascii)
        {
            if (count > 0)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other is not null)
        {
            foreach (var count in other.Values)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    /// <summary>
    /// True when a value in a provider's format is a documented placeholder rather than a key: "sk_live_xxxx…",
    /// "AKIAXXXXXXXXXXXXXXXX", "ghp_000…", or a body made of very few distinct characters.
    /// </summary>
    public static bool IsPlaceholderToken(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var lower = value.ToLowerInvariant();
        foreach (var marker in TokenPlaceholderMarkers)
        {
            if (lower.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        // A long run of one character is filler ("ghp_000…"), unless the format has one (X bearer tokens start with 22 'A').
        var run = LongestRun(value);
        return DistinctCount(value) < 6 || run >= 8 && run * 4 >= value.Length;
    }

    private static readonly HashSet<string> TemplateUsers = new(StringComparer.OrdinalIgnoreCase) { "user", "username", "usr", "login", "name", "db_user", "dbuser" };

    private static readonly HashSet<string> TemplatePasswords = new(StringComparer.OrdinalIgnoreCase) { "pass", "password", "pwd", "passwd", "secret" };

    private static readonly HashSet<string> TemplateHosts = new(StringComparer.OrdinalIgnoreCase) { "host", "hostname", "server", "domain", "example.com", "example.org", "example.net" };

    /// <summary>
    /// The documented shape of an address (postgresql://user:pass@host/db): user, password and host are all the words
    /// that name them. It tells the reader the format and holds no credential; postgres:postgres@localhost, a working
    /// demo credential, is not such a template.
    /// </summary>
    public static bool IsTemplateAddress(string? user, string password, string? host) =>
        user is not null && host is not null && (user.Length == 0 || TemplateUsers.Contains(user)) && TemplatePasswords.Contains(password) &&
        (TemplateHosts.Contains(host) || host.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase));

    /// <summary>Judges a value found by a setting name or a generic pattern (a password, a secret, a connection string part).</summary>
    public static SecretValueClass Classify(string value)
    {
        var trimmed = value.Trim();
        if (IsPlaceholder(trimmed))
        {
            return SecretValueClass.Placeholder;
        }

        if (IsWeak(trimmed))
        {
            return SecretValueClass.Weak;
        }

        return IsStrong(trimmed) ? SecretValueClass.Strong : SecretValueClass.Ordinary;
    }

    /// <summary>True for values that hold no credential: empty, references, placeholders, hashes, ciphertext, file paths, sentences.</summary>
    public static bool IsPlaceholder(string value)
    {
        if (value.Length == 0 || value.Any(char.IsWhiteSpace))
        {
            return true;
        }

        if (Reference().IsMatch(value) || Encrypted().IsMatch(value) || PathLike().IsMatch(value) || Version().IsMatch(value) || value.Contains("://", StringComparison.Ordinal))
        {
            return true;
        }

        // An environment variable's name standing for its value (DB_PASSWORD), a boolean or a short number.
        if (EnvName().IsMatch(value) || EmptyWords.Contains(value) || value is "true" or "false" or "True" or "False" || value.Length <= 4 && value.All(char.IsAsciiDigit))
        {
            return true;
        }

        var lower = value.ToLowerInvariant();
        foreach (var word in PlaceholderWords)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return DistinctCount(value) <= 2;
    }

    /// <summary>True for default, dictionary-like or repetitive passwords: working values, but demo credentials.</summary>
    public static bool IsWeak(string value)
    {
        if (DefaultPasswords.Contains(value) || value.Length < 8 || DistinctCount(value) < 5)
        {
            return true;
        }

        if (value.All(char.IsAsciiDigit) && value.Length <= 12 || value.All(char.IsAsciiLetter) && value.Length <= 12)
        {
            return true;
        }

        if (IsRepeated(value))
        {
            return true;
        }

        if (value.Length < 16)
        {
            var lower = value.ToLowerInvariant();
            foreach (var word in WeakWords)
            {
                if (lower.Contains(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True for values that look generated: a long hex string, or a long high-entropy mix of character kinds. Words
    /// joined by separators ("email-server-password") and CamelCase phrases are chosen, not generated.
    /// </summary>
    public static bool IsStrong(string value)
    {
        var entropy = Entropy(value);
        if (value.Length >= 32 && value.All(char.IsAsciiHexDigit))
        {
            return entropy >= 3.0;
        }

        if (Words().IsMatch(value))
        {
            return false;
        }

        var classes = (value.Any(char.IsAsciiLetterUpper) ? 1 : 0) + (value.Any(char.IsAsciiLetterLower) ? 1 : 0) + (value.Any(char.IsAsciiDigit) ? 1 : 0) +
                      (value.Any(c => !char.IsAsciiLetterOrDigit(c)) ? 1 : 0);
        return value.Length >= 20 && entropy >= 3.5 && classes >= 3 || value.Length >= 32 && entropy >= 4.2 && classes >= 2;
    }

    /// <summary>
    /// A value shaped like an identifier: lower-case words ("session_refresh_token", "same-origin",
    /// "benefits.license_keys") or a short camel/Pascal-case name ("requirementType", "ResetPassword").
    /// </summary>
    public static bool IsIdentifier(string value) => IdentifierWords().IsMatch(value) || value.Length <= 24 && CamelName().IsMatch(value);

    private static int DistinctCount(string value)
    {
        var seen = new HashSet<char>();
        foreach (var c in value)
        {
            seen.Add(c);
        }

        return seen.Count;
    }

    private static int LongestRun(string value)
    {
        var best = 0;
        var run = 0;
        for (var i = 0; i < value.Length; i++)
        {
            run = i > 0 && value[i] == value[i - 1] ? run + 1 : 1;
            best = Math.Max(best, run);
        }

        return best;
    }

    /// <summary>"lemmylemmy", "abcabc": a value made of one repeated unit.</summary>
    private static bool IsRepeated(string value)
    {
        for (var unit = 1; unit <= value.Length / 2; unit++)
        {
            if (value.Length % unit != 0)
            {
                continue;
            }

            var repeated = true;
            for (var i = unit; i < value.Length && repeated; i++)
            {
                repeated = char.ToLowerInvariant(value[i]) == char.ToLowerInvariant(value[i - unit]);
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Interpolations and references of configuration systems, template engines and CI.</summary>
    [GeneratedRegex(@"^[A-Za-z_][\w.]*[(\[]|^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$|\$\{[A-Za-z_][\w.]*:?[+?]|\$\{|\$\(|^\$[A-Za-z_]|\{\{|\{%|<%|#\{|%\(|^%[A-Za-z_]+%$|@@|^__[A-Z0-9_]+__$|^!(?:Ref|Sub|GetAtt|ImportValue)|^\{?\[?\s*(?:env|secret|vault|ssm|kms)[:.(]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();

    /// <summary>Ciphertext and password hashes: SOPS, Ansible Vault, Spring {cipher}, bcrypt, argon2, PBKDF2, crypt(3).</summary>
    [GeneratedRegex(@"^(?:ENC\[|\$ANSIBLE_VAULT|\{cipher\}|vault:v\d|AQICAH|\$2[abxy]?\$\d\d\$|\$argon2|\$pbkdf2|pbkdf2_sha|\$[156]\$|\{(?:bcrypt|sha|ssha|pbkdf2|scrypt|argon2)[^}]*\}|sha(?:1|256|512)[:$])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Encrypted();

    /// <summary>File references: a path or a file name with a key or data extension.</summary>
    [GeneratedRegex(@"^(?:/|\./|\.\./|~/|[A-Za-z]:\\|file:|classpath:)|\.(?:pem|key|crt|cer|p12|pfx|jks|json|txt|ya?ml|env|properties|ini|conf)$|^[\w.\-]+(?:/[\w.\-]+)+\.[a-z]{1,5}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PathLike();

    /// <summary>Package versions and ranges: "^8.5.1", "~2.0", ">=1.2.3", "v1.4.0".</summary>
    [GeneratedRegex(@"^(?:[\^~]|[<>]=?|=|v)?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Version();

    [GeneratedRegex(@"^(?:[a-z]+(?:[._\-][a-z]+)+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(?:[._\-:/][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierWords();

    [GeneratedRegex(@"^[A-Za-z][a-z]+(?:[A-Z][a-z]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CamelName();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvName();
}
