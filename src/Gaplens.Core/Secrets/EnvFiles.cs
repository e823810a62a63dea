using Gaplens.Core.Files;

namespace Gaplens.Core.Secrets;

/// <summary>What an environment file is for, from its name.</summary>
public enum EnvFileKind
{
    /// <summary>Not an environment file.</summary>
    None,

    /// <summary>A template to copy (.env.example, .env.sample, .env.template, .env.dist): it documents the settings.</summary>
    Template,

    /// <summary>Settings of the test suite (.env.test, .env.testing, .env.ci, .env.e2e).</summary>
    Test,

    /// <summary>A real environment file (.env, .env.production, .env.local, app.env): its values are used as they are.</summary>
    Environment,
}

/// <summary>
/// One definition of environment files for every check, so that the same committed file gets the same verdict
/// everywhere: which names are environment files, which are templates or test settings, and whether a file sets a
/// credential.
/// </summary>
public static class EnvFiles
{
    private static readonly string[] TemplateMarkers = ["example", "sample", "template", "dist", "defaults", "default", "schema", "tpl", "tmpl", "skeleton", "stub"];

    private static readonly string[] TestMarkers = ["test", "testing", "ci", "e2e", "spec", "cypress", "playwright"];

    /// <summary>Settings the build ships to browsers: never credentials.</summary>
    private static readonly string[] PublicPrefixes = ["NEXT_PUBLIC_", "VITE_", "REACT_APP_", "PUBLIC_", "EXPO_PUBLIC_", "NUXT_PUBLIC_", "GATSBY_", "VUE_APP_"];

    private static readonly string[] CredentialWords = ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE", "CREDENTIAL", "DSN"];

    public static EnvFileKind Classify(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        var isEnv = name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal) && name.Length > 4;
        if (!isEnv)
        {
            return EnvFileKind.None;
        }

        var parts = name.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => TemplateMarkers.Any(m => p == m || p.StartsWith(m, StringComparison.Ordinal) || p.EndsWith(m, StringComparison.Ordinal))) ||
            name.EndsWith(".in", StringComparison.Ordinal))
        {
            return EnvFileKind.Template;
        }

        return parts.Any(p => TestMarkers.Contains(p)) ? EnvFileKind.Test : EnvFileKind.Environment;
    }

    /// <summary>
    /// The first line of an environment file that sets a credential: a setting named like one (SECRET, PASSWORD, TOKEN,
    /// *_KEY, DSN…) with a value, or a connection URL with a password. Empty values and browser-public settings hold none.
    /// </summary>
    public static int? CredentialLine(SourceText text)
    {
        for (var i = 1; i <= text.LineCount; i++)
        {
            var line = text.Line(i).Trim();
            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..].TrimStart();
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || eq <= 0)
            {
                continue;
            }

            var key = line[..eq].Trim().ToUpperInvariant();
            var value = line[(eq + 1)..].Trim().Trim('"', '\'');
            if (value.Length == 0 || PublicPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }

            if (HasUrlPassword(value))
            {
                return i;
            }

            if (CredentialWords.Any(w => key.Contains(w, StringComparison.Ordinal)) || key.EndsWith("_KEY", StringComparison.Ordinal) || key.EndsWith("_PASS", StringComparison.Ordinal) || key.EndsWith("_PWD", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>scheme://user:password@host</summary>
    private static bool HasUrlPassword(string value)
    {
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        var at = value.IndexOf('@', scheme + 3);
        var colon = value.IndexOf(':', scheme + 3);
        return at > 0 && colon > 0 && colon < at;
    }
}
