using Gaplens.Core.Model;
using Gaplens.Core.Secrets;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Secrets;

/// <summary>
/// .gitignore keeps secret files out. Environment files and local secret settings are where developers put real
/// values, so ignoring them is the practice; ignoring only keys, certificates, publish profiles or Terraform state is
/// partial. A committed environment file that sets a credential (by the same definition of environment files as
/// sec-no-committed-secrets: templates and test settings are not environment files) shows the rule is not effective:
/// never present, whatever its values are.
/// </summary>
public sealed class SecretsGitignoredDetector : IPracticeDetector
{
    /// <summary>Patterns (file names, after any folder part) whose files hold local secrets: ignoring them is the practice.</summary>
    private static readonly (string Pattern, string Kind)[] LocalSecretFiles =
    [
        (".env", "environment files"), ("*.env", "environment files"), (".env*", "environment files"), (".env.*", "environment files"),
        (".env.local", "local environment files"), (".env*.local", "local environment files"), (".env.*.local", "local environment files"),
        (".env.production", "environment files"), (".env.development", "environment files"), ("secrets.json", "secrets files"),
        ("secrets.yaml", "secrets files"), ("secrets.yml", "secrets files"), ("secrets.toml", "secrets files"), (".secrets", "secrets files"),
        ("secrets", "secrets folder"), ("*.secret", "secret files"), ("*.secrets", "secret files"), ("credentials.json", "credential files"),
        ("credentials", "credential files"), ("appsettings.*.local.json", "local settings"), ("appsettings.local.json", "local settings"),
        ("local.settings.json", "Azure Functions local settings"), ("local_settings.py", "local settings"), ("settings_local.py", "local settings"),
        ("*.local.json", "local settings"), (".dev.vars", "local secrets"), ("master.key", "Rails master key"), ("*.key.json", "credential files"),
    ];

    /// <summary>Patterns that keep key material or deployment state out: good, but not where application secrets are edited.</summary>
    private static readonly (string Pattern, string Kind)[] KeyFiles =
    [
        ("*.pem", "PEM keys"), ("*.key", "key files"), ("*.pfx", "certificates with keys"), ("*.p12", "certificates with keys"),
        ("*.jks", "Java key stores"), ("*.keystore", "key stores"), ("id_rsa", "SSH keys"), ("id_rsa*", "SSH keys"), ("id_ed25519", "SSH keys"),
        ("*.publishsettings", "publish settings"), ("*.pubxml", "publish profiles"), (".azure", "azd environment"), ("*.tfvars", "Terraform variable files"),
        ("*.auto.tfvars", "Terraform variable files"), ("*.tfstate", "Terraform state"), ("*.tfstate.*", "Terraform state"), ("*.gpg", "encrypted files"),
    ];

    private static readonly string[] SecretWords = ["password", "secret", "credential", "token"];

    public string PracticeId => "secrets-gitignored";

    public Verdict Detect(PracticeContext context)
    {
        var ignores = context.Workspace.Files.Files.Where(f => f.Name == ".gitignore").ToList();
        var local = new List<Evidence>();
        var keys = new List<Evidence>();
        foreach (var file in ignores)
        {
            var text = context.Workspace.Text(file);
            if (text is null)
            {
                continue;
            }

            for (var i = 1; i <= text.LineCount; i++)
            {
                var line = text.Line(i).Trim();
                if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('!'))
                {
                    continue;
                }

                var pattern = line.TrimEnd('/');
                var name = pattern[(pattern.LastIndexOf('/') + 1)..];
                if (Find(LocalSecretFiles, name) is { } localKind)
                {
                    local.Add(new Evidence(file.Path, i, $"ignores {localKind} ({line})"));
                }
                else if (Find(KeyFiles, name) is { } keyKind)
                {
                    keys.Add(new Evidence(file.Path, i, $"ignores {keyKind} ({line})"));
                }
                else if (SecretWords.Any(w => pattern.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    keys.Add(new Evidence(file.Path, i, $"ignores secret files of this repository ({line})"));
                }
            }
        }

        var committedEnv = context.Workspace.Files.Files
            .Where(f => EnvFiles.Classify(f.Name) == EnvFileKind.Environment && !context.Workspace.IsTestPath(f.Path))
            .Select(f => (File: f, Line: context.Workspace.Text(f) is { } text ? EnvFiles.CredentialLine(text) : null))
            .Where(x => x.Line is not null)
            .Select(x => new Evidence(x.File.Path, x.Line, "environment file with credential settings committed to the repository"))
            .ToList();

        var covered = local.Concat(keys).ToList();
        if (committedEnv.Count > 0)
        {
            var reason = $"{string.Join(", ", committedEnv.Select(e => e.Path))} is committed, so .env files are not ignored: real values edited into it would be committed too.";
            return covered.Count > 0
                ? context.Partial(covered.Concat(committedEnv), reason + $" Other secret files are ignored ({PracticeContext.Describe(covered)}).")
                : context.Missing(reason, [".env / .env.* in .gitignore", "*.pem, *.key, *.pfx", "secrets.json, local settings"], committedEnv);
        }

        if (local.Count > 0)
        {
            return context.Present(covered, "The .gitignore keeps secret files out: " + string.Join(", ", covered.Select(c => c.Detail).Distinct().Take(4)) + ".");
        }

        if (keys.Count > 0)
        {
            return context.Partial(keys,
                $"The .gitignore keeps key material out ({PracticeContext.Describe(keys)}), but not environment files or local secret settings (.env, .env.*, secrets.json, local settings), where real values are usually edited.");
        }

        return ignores.Count == 0
            ? context.Missing("There is no .gitignore, so nothing stops secret files from being committed.", [".gitignore with .env, *.pem, *.key, *.pfx, secrets files"])
            : context.Missing("The .gitignore covers build output only; it does not exclude .env files, keys, certificates or local secret settings.",
                [".env / .env.*", "*.pem, *.key, *.pfx, *.p12", "secrets.json, local settings"], ignores.Select(f => new Evidence(f.Path, 1, ".gitignore without secret patterns")));
    }

    private static string? Find((string Pattern, string Kind)[] patterns, string name)
    {
        var bare = name.StartsWith("**", StringComparison.Ordinal) ? name.TrimStart('*') : name;
        foreach (var (pattern, kind) in patterns)
        {
            if (bare.Equals(pattern, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return null;
    }
}
