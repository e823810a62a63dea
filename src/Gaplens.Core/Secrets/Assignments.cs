using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Core.Secrets;

/// <summary>A setting and the literal value given to it on one line (or, for a Kubernetes env entry, the next line).</summary>
public sealed record Assignment(string Name, string Value, bool Quoted, int Line);

/// <summary>
/// Reads "name = value" in the syntax of the file: .env and properties (KEY=value), YAML (key: value), JSON
/// ("key": "value"), code (const KEY = "value", key: "value", 'key' => 'value'), XML (&lt;add key=".." value=".."/&gt;,
/// &lt;password&gt;..&lt;/password&gt;), fallbacks of environment look-ups (os.getenv("KEY", "value"),
/// process.env.KEY || "value", ${KEY:-value}) and Kubernetes env entries (name: KEY / value: v). Code and JSON need a
/// quoted literal; a variable or a call is not a value.
/// </summary>
public static partial class Assignments
{
    private static readonly HashSet<string> NotSecretEndings = new(StringComparer.Ordinal)
    {
        "file", "files", "path", "paths", "dir", "directory", "url", "urls", "uri", "endpoint", "host", "hostname", "port", "user", "username",
        "login", "name", "names", "id", "ids", "type", "length", "len", "min", "max", "expiry", "expires", "expiration", "expire", "ttl",
        "timeout", "lifetime", "header", "field", "param", "policy", "pattern", "regex", "format", "enabled", "enable", "required",
        "algorithm", "alg", "issuer", "audience", "prefix", "suffix", "label", "hint", "reset", "confirm", "confirmation", "strength", "rule",
        "rules", "count", "size", "version", "mode", "ref", "location", "provider", "source", "arn", "rotation", "hash", "hashed", "salt",
        "digest", "valid", "validator", "validation", "placeholder", "message", "msg", "error", "text", "title", "description", "template",
        "class", "schema", "store", "manager", "service", "env", "var", "variable", "kind", "mount", "volume", "backend", "engine", "method",
        "mask", "masked", "visible", "chars", "characters", "digits", "attempts", "retries", "age", "days", "hours", "minutes", "seconds",
        "uppercase", "lowercase", "numbers", "symbols", "input", "button", "dialog", "modal", "form", "page", "route", "screen", "view",
        "component", "icon", "link", "usage", "scope", "scopes", "grant", "claim", "claims", "callback", "redirect", "charset", "alphabet",
        "example", "examples", "sample", "samples", "docs", "doc", "help", "tooltip", "description", "target", "targets", "purpose", "policy", "options", "settings", "section", "config",
    };

    private static readonly string[] NotSecretPrefixes =
    [
        "is_", "has_", "show_", "use_", "require_", "requires_", "enable_", "allow_", "forgot_", "reset_", "confirm_", "new_", "old_",
        "current_", "repeat_", "retype_", "verify_", "should_", "can_", "min_", "max_", "next_public_", "vite_", "react_app_", "expo_public_",
        "nuxt_public_", "public_", "gatsby_", "data_", "aria_",
    ];

    private static readonly string[] PublicMarkers = ["public", "publishable", "site_key", "sitekey", "_pub_", "recaptcha_key", "client_id", "example", "sample"];

    private static readonly HashSet<string> OtherCodeExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".swift", ".dart", ".m", ".mm", ".c", ".cc", ".cpp", ".cxx", ".h", ".hpp", ".ex", ".exs", ".erl", ".clj", ".cljs", ".lua", ".r", ".pl",
        ".pm", ".cr", ".nim", ".zig", ".hs", ".ml", ".elm", ".jl", ".sol", ".v", ".gd", ".rake", ".gemspec", ".jbuilder", ".haml", ".slim",
    };

    /// <summary>Source code in any language, including those without a file class of their own (Swift, Dart, C, Elixir…).</summary>
    public static bool IsCode(RepoFile file) => file.Is(FileClass.Code) || OtherCodeExtensions.Contains(Path.GetExtension(file.Name));

    /// <summary>Every name/value pair of a line of a file of the given class; code needs quoted literals.</summary>
    public static IEnumerable<Assignment> OnLine(string line, int lineNumber, FileClass fileClass, bool code = false)
    {
        var bareAllowed = !code && (fileClass & (FileClass.Properties | FileClass.Yaml | FileClass.Shell | FileClass.Dockerfile | FileClass.OtherText | FileClass.Toml)) != 0;
        if ((fileClass & (FileClass.Xml | FileClass.Markup | FileClass.Build)) != 0)
        {
            var xml = Safe(XmlAdd(), line).Concat(Safe(XmlElement(), line)).ToList();
            if (xml.Count > 0)
            {
                foreach (var match in xml)
                {
                    yield return new Assignment(match.Groups["name"].Value, match.Groups["value"].Value, true, lineNumber);
                }

                yield break;
            }
        }

        foreach (Match match in Safe(Pair(), line))
        {
            var quoted = match.Groups["value"].Success;
            if (!quoted && !bareAllowed)
            {
                continue;
            }

            // A PowerShell or shell variable on the left takes an expression, not a literal, unless it is quoted.
            if (!quoted && match.Groups["name"].Value.StartsWith('$'))
            {
                continue;
            }

            var value = quoted ? match.Groups["value"].Value : match.Groups["bare"].Value;
            yield return new Assignment(match.Groups["name"].Value, value, quoted, lineNumber);
        }

        foreach (Match match in Safe(Fallback(), line))
        {
            yield return new Assignment(match.Groups["name"].Value, match.Groups["value"].Value, true, lineNumber);
        }
    }

    /// <summary>
    /// Pairs of a line with the context a reviewer reads around it: a generic name ("Key", "Secret") takes the name of
    /// its section ("Jwt": { "Key": ... } is Jwt.Key), and a Kubernetes env entry "- name: JWT_SECRET" takes the value
    /// on the next line.
    /// </summary>
    public static IEnumerable<Assignment> At(SourceText text, int line)
    {
        var content = text.Line(line);
        var fileClass = text.File.Class;
        if ((fileClass & FileClass.Yaml) != 0 && EnvEntryName().Match(content) is { Success: true } entry)
        {
            if (line < text.LineCount && ValueLine().Match(text.Line(line + 1)) is { Success: true } next)
            {
                var quoted = next.Groups["value"].Success;
                yield return new Assignment(entry.Groups["name"].Value, quoted ? next.Groups["value"].Value : next.Groups["bare"].Value, quoted, line + 1);
            }

            yield break;
        }

        foreach (var pair in OnLine(content, line, fileClass, IsCode(text.File)))
        {
            var name = pair.Name;
            if (IsGenericName(name) && (fileClass & (FileClass.Json | FileClass.Yaml)) != 0 && Section(text, line) is { } section)
            {
                name = section + "." + name;
            }

            yield return pair with { Name = name };
        }
    }

    /// <summary>
    /// True when a setting name holds configuration about a credential rather than the credential: a file, path, URL,
    /// user, length, expiry, policy, header name; a browser-public key (NEXT_PUBLIC_*, publishable, site key); a form field.
    /// </summary>
    public static bool IsNotSecretName(string name)
    {
        var normal = Normalize(name);
        foreach (var marker in PublicMarkers)
        {
            if (normal.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var prefix in NotSecretPrefixes)
        {
            if (normal.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var last = normal.LastIndexOf('_');
        var ending = last < 0 ? normal : normal[(last + 1)..];
        return NotSecretEndings.Contains(ending);
    }

    /// <summary>
    /// The value a setting really gets: the default of "${VAR:-default}" / "${VAR:default}", without Spring's
    /// "{noop}" prefix; the value itself otherwise.
    /// </summary>
    public static string Effective(string value)
    {
        var match = DefaultOf().Match(value);
        if (match.Success)
        {
            return match.Groups["default"].Success ? match.Groups["default"].Value : string.Empty;
        }

        return value.StartsWith("{noop}", StringComparison.Ordinal) ? value[6..] : value;
    }

    /// <summary>"SmtpPassword", "smtp.password", "SMTP-PASSWORD" → "smtp_password".</summary>
    public static string Normalize(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                builder.Append('_');
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return builder.ToString().Trim('_');
    }

    private static bool IsGenericName(string name) =>
        name.Equals("key", StringComparison.OrdinalIgnoreCase) || name.Equals("secret", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("value", StringComparison.OrdinalIgnoreCase) || name.Equals("password", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("token", StringComparison.OrdinalIgnoreCase) || name.Equals("secretkey", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("signingkey", StringComparison.OrdinalIgnoreCase);

    /// <summary>The name of the enclosing mapping: the nearest line above with less indentation that opens a section.</summary>
    private static string? Section(SourceText text, int line)
    {
        var indent = Indent(text.Line(line));
        for (var i = line - 1; i >= 1 && i >= line - 40; i--)
        {
            var candidate = text.Line(i);
            if (candidate.Trim().Length == 0)
            {
                continue;
            }

            var candidateIndent = Indent(candidate);
            if (candidateIndent >= indent)
            {
                continue;
            }

            var opener = SectionOpener().Match(candidate);
            return opener.Success ? opener.Groups["name"].Value : null;
        }

        return null;
    }

    private static int Indent(string line)
    {
        var count = 0;
        while (count < line.Length && (line[count] == ' ' || line[count] == '\t'))
        {
            count++;
        }

        return count;
    }

    private static MatchCollection Safe(Regex regex, string line)
    {
        try
        {
            var matches = regex.Matches(line);
            _ = matches.Count; // evaluates the matches now, under the timeout
            return matches;
        }
        catch (RegexMatchTimeoutException)
        {
            return Regex.Matches(string.Empty, "x", RegexOptions.None, SecretCatalog.MatchTimeout);
        }
    }

    [GeneratedRegex(@"(?<![\w.\-$@{])(?:(?<nq>[""'])(?<name>[A-Za-z_@$][\w.\-:$]{0,80})\k<nq>|(?<name>[A-Za-z_@$][\w.\-$]{0,80}))\s*\]?\s*(?:=>|:=|\?\?=|\|\|=|=(?!=)|:(?!:))\s*(?:(?<q>[""'\x60])(?<value>(?:\\.|(?!\k<q>).){0,512}?)\k<q>|(?<bare>\$\{[^}\s]{1,512}\}|[^\s""'\x60,;}\])]{1,512}))", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Pair();

    [GeneratedRegex(@"(?:process\.env\.|process\.env\[[""']|os\.environ\.get\(\s*[""']|os\.getenv\(\s*[""']|getenv\(\s*[""']|Getenv\(\s*[""']|ENV\.fetch\(\s*[""']|ENV\[[""']|\benv\(\s*[""']|config\(\s*[""']|GetEnvironmentVariable\(\s*[""'])(?<name>[\w.]{1,80})[""'\])]*\s*(?:\|\||\?\?|,|\bor\b)\s*(?:default\s*=\s*)?(?<q>[""'\x60])(?<value>[^""'\x60]{1,256})\k<q>", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Fallback();

    [GeneratedRegex(@"<add\s+key\s*=\s*""(?<name>[^""]{1,120})""\s+value\s*=\s*""(?<value>[^""]{0,512})""", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 250)]
    private static partial Regex XmlAdd();

    [GeneratedRegex(@"<(?<name>[\w.\-]{0,60}(?:[Pp]ass(?:word|wd)?|[Ss]ecret|[Tt]oken|[Kk]ey)[\w.\-]{0,60})>(?<value>[^<]{1,512})</\k<name>>", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex XmlElement();

    [GeneratedRegex(@"^\$\{[A-Za-z_][\w.]*(?:(?::?-|:(?![+?=]))(?<default>[^}]*))?\}$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultOf();

    [GeneratedRegex(@"^\s*(?:-\s+)?[""']?(?<name>[\w.\-]+)[""']?\s*:\s*(?:\{|\[)?\s*$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex SectionOpener();

    [GeneratedRegex(@"^\s*-?\s*name:\s*[""']?(?<name>[\w.\-]+)[""']?\s*$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex EnvEntryName();

    [GeneratedRegex(@"^\s*value:\s*(?:(?<q>[""'])(?<value>[^""']{0,512})\k<q>|(?<bare>[^\s""'#]{1,512}))\s*(?:#.*)?$", RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex ValueLine();
}
