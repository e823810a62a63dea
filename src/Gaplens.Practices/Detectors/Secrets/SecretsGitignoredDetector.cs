using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Secrets;

/// <summary>
/// .gitignore keeps secret files out: environment files, keys and certificates, local settings. A committed .env
/// (other than an example) shows the rule is missing or not effective.
/// </summary>
public sealed class SecretsGitignoredDetector : IPracticeDetector
{
    private static readonly (string Pattern, string Kind)[] SecretPatterns =
    [
        (".env", "environment files"), ("*.env", "environment files"), (".env*", "environment files"), (".env.*", "environment files"),
        (".env.local", "local environment files"), (".env*.local", "local environment files"), (".env.*.local", "local environment files"),
        ("*.pem", "PEM keys"), ("*.key", "key files"), ("*.pfx", "certificates with keys"), ("*.p12", "certificates with keys"),
        ("*.jks", "Java key stores"), ("*.keystore", "key stores"), ("secrets.json", "secrets files"), ("secrets.yaml", "secrets files"),
        ("secrets.yml", "secrets files"), ("*.publishsettings", "publish settings"), ("*.pubxml", "publish profiles"), (".azure", "azd environment"),
        ("*.tfvars", "Terraform variable files"), ("*.auto.tfvars", "Terraform variable files"), ("credentials.json", "credential files"),
        ("id_rsa", "SSH keys"), ("*.secret", "secret files"), ("appsettings.*.local.json", "local settings"), ("local.settings.json", "Azure Functions local settings"),
        (".dev.vars", "local secrets"), ("*.tfstate", "Terraform state"),
    ];

    public string PracticeId => "secrets-gitignored";

    public Verdict Detect(PracticeContext context)
    {
        var ignores = context.Workspace.Files.Files.Where(f => f.Name == ".gitignore").ToList();
        var covered = new List<Evidence>();
        foreach (var file in ignores)
        {
            var text = context.Workspace.Text(file);
            if (text is null)
            {
                continue;
            }

            for (var i = 1; i <= text.LineCount; i++)
            {
                var line = text.Line(i).Trim().TrimStart('/').TrimEnd('/');
                if (line.StartsWith('#') || line.StartsWith('!'))
                {
                    continue;
                }

                var pattern = line.StartsWith("**/", StringComparison.Ordinal) ? line[3..] : line;
                foreach (var (secret, kind) in SecretPatterns)
                {
                    if (pattern.Equals(secret, StringComparison.OrdinalIgnoreCase))
                    {
                        covered.Add(new Evidence(file.Path, i, $"ignores {kind} ({line})"));
                        break;
                    }
                }
            }
        }

        var committedEnv = context.Workspace.Files.Files
            .Where(f => (f.Name == ".env" || f.Name.StartsWith(".env.", StringComparison.Ordinal)) && !IsTemplate(f.Name) && !context.Workspace.IsTestPath(f.Path))
            .Select(f => (File: f, Line: CredentialLine(context, f)))
            .Where(x => x.Line is not null)
            .Select(x => new Evidence(x.File.Path, x.Line, "environment file with credential settings committed to the repository"))
            .ToList();

        if (committedEnv.Count > 0)
        {
            var reason = $"{string.Join(", ", committedEnv.Select(e => e.Path))} is committed, so .env files are not ignored: real values edited into it would be committed too.";
            return covered.Count > 0
                ? context.Partial(covered.Concat(committedEnv), reason + $" Other secret files are ignored ({PracticeContext.Describe(covered)}).")
                : context.Missing(reason, [".env / .env.* in .gitignore", "*.pem, *.key, *.pfx", "secrets.json, local settings"], committedEnv);
        }

        if (covered.Count > 0)
        {
            return context.Present(covered, "The .gitignore keeps secret files out: " + string.Join(", ", covered.Select(c => c.Detail).Distinct().Take(4)) + ".");
        }

        return ignores.Count == 0
            ? context.Missing("There is no .gitignore, so nothing stops secret files from being committed.", [".gitignore with .env, *.pem, *.key, *.pfx, secrets files"])
            : context.Missing("The .gitignore covers build output only; it does not exclude .env files, keys, certificates or local secret settings.",
                [".env / .env.*", "*.pem, *.key, *.pfx, *.p12", "secrets.json, local settings"], ignores.Select(f => new Evidence(f.Path, 1, ".gitignore without secret patterns")));
    }

    private static readonly string[] PublicPrefixes = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_", "EXPO_PUBLIC_", "NUXT_PUBLIC_"];

    /// <summary>First line of a committed .env that sets a credential (a .env holding only public settings is harmless).</summary>
    private static int? CredentialLine(PracticeContext context, Gaplens.Core.Files.RepoFile file)
    {
        var text = context.Workspace.Text(file);
        if (text is null)
        {
            return null;
        }

        for (var i = 1; i <= text.LineCount; i++)
        {
            var line = text.Line(i).Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim().ToUpperInvariant();
            var value = line[(eq + 1)..].Trim().Trim('"', '\'');
            if (value.Length == 0 || PublicPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                // An empty value or a setting the build ships to browsers holds no credential.
                continue;
            }

            if (value.Contains("://", StringComparison.Ordinal) && value.Contains('@', StringComparison.Ordinal) && value.IndexOf(':', value.IndexOf("://", StringComparison.Ordinal) + 3) is var colon && colon > 0 && colon < value.IndexOf('@', StringComparison.Ordinal))
            {
                return i; // a connection URL with a password (postgres://user:pass@host)
            }

            if (key.Contains("SECRET", StringComparison.Ordinal) || key.Contains("PASSWORD", StringComparison.Ordinal) || key.Contains("TOKEN", StringComparison.Ordinal) ||
                key.Contains("API_KEY", StringComparison.Ordinal) || key.Contains("APIKEY", StringComparison.Ordinal) || key.Contains("PRIVATE", StringComparison.Ordinal) ||
                key.Contains("CREDENTIAL", StringComparison.Ordinal) || key.EndsWith("_KEY", StringComparison.Ordinal) || key.Contains("DSN", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsTemplate(string name) =>
        name.Contains("example", StringComparison.OrdinalIgnoreCase) || name.Contains("sample", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("template", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dist", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("defaults", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".schema", StringComparison.OrdinalIgnoreCase);
}
