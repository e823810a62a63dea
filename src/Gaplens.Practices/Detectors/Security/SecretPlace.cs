using Gaplens.Core.Files;
using Gaplens.Core.Secrets;
using Gaplens.Ecosystems;
using Gaplens.Ecosystems.Facts;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>Where a credential sits, which decides what it means: the same value is a leak in production configuration and a fixture in a test.</summary>
public enum SecretPlace
{
    /// <summary>Application code or configuration that ships.</summary>
    Production,

    /// <summary>A committed environment file (.env, .env.production): its values are used as they are.</summary>
    EnvironmentFile,

    /// <summary>Development-only configuration (appsettings.Development.json, .env.development, settings/dev.py).</summary>
    Development,

    /// <summary>Compose files and dev containers that start the stack on a developer's machine.</summary>
    LocalCompose,

    /// <summary>A template meant to be copied (.env.example, compose.example.yml, config.sample.json).</summary>
    Template,

    /// <summary>A CI pipeline definition (service containers of test jobs).</summary>
    Ci,

    /// <summary>Tests, fixtures and test settings.</summary>
    Test,

    /// <summary>Samples, examples, templates and benchmark folders.</summary>
    Sample,

    /// <summary>Documentation (Markdown, reStructuredText, AsciiDoc).</summary>
    Docs,
}

/// <summary>How much a finding weighs in the verdict.</summary>
public enum SecretWeight
{
    /// <summary>Not a finding here (a weak demo value in a template, a password in documentation).</summary>
    None,

    /// <summary>Lower risk: test fixtures, demo credentials, test-mode keys. Makes the practice partial.</summary>
    Minor,

    /// <summary>A credential for a real environment. Makes the practice missing.</summary>
    Serious,
}

/// <summary>The rules a reviewer applies to "is this committed value a secret that matters?", by place and by kind of value.</summary>
public static partial class SecretPlaces
{
    private static readonly HashSet<string> LocaleFolders = new(StringComparer.OrdinalIgnoreCase) { "locales", "locale", "i18n", "l10n", "lang", "langs", "translations", "messages" };

    private static readonly string[] DocsExtensions = [".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".mdx"];

    private static readonly string[] TemplateMarkers = [".example", ".sample", ".template", ".dist", ".tpl", ".tmpl", "example.", "sample.", "template."];

    private static readonly string[] DevelopmentMarkers = ["development", ".dev.", "-dev.", "_dev.", ".local.", "-local.", "_local.", "local_settings", "settings_local"];

    private static readonly HashSet<string> DevelopmentFolders = new(StringComparer.OrdinalIgnoreCase) { "dev", "development", "local", ".devcontainer", "devcontainer" };

    public static SecretPlace Of(Workspace workspace, RepoFile file)
    {
        var path = file.Path;
        var name = file.Name.ToLowerInvariant();
        // Translations are text for people ("password": "Passwort"), like documentation.
        if (DocsExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal)) || IsReference(name) || name.EndsWith(".po", StringComparison.Ordinal) ||
            RelativePaths.Segments(RelativePaths.DirectoryOf(path)).Any(LocaleFolders.Contains))
        {
            return SecretPlace.Docs;
        }

        var envKind = EnvFiles.Classify(file.Name);
        if (envKind == EnvFileKind.Test || workspace.IsTestPath(path) || IsTestSettings(name))
        {
            return SecretPlace.Test;
        }

        // Request collections (.http, .rest, Postman) are scratch calls against a local server, like examples.
        if (name.EndsWith(".http", StringComparison.Ordinal) || name.EndsWith(".rest", StringComparison.Ordinal) || name.Contains("postman_collection", StringComparison.Ordinal))
        {
            return SecretPlace.Sample;
        }

        var segments = RelativePaths.Segments(RelativePaths.DirectoryOf(path));
        if (segments.Any(s => s.Equals(".devcontainer", StringComparison.OrdinalIgnoreCase)))
        {
            return SecretPlace.LocalCompose;
        }

        if (FactsBuilder.IsExcluded(path))
        {
            return SecretPlace.Sample;
        }

        if (IsCi(path, name))
        {
            return SecretPlace.Ci;
        }

        if (envKind == EnvFileKind.Template || TemplateMarkers.Any(m => name.Contains(m, StringComparison.Ordinal)) && envKind == EnvFileKind.None)
        {
            return SecretPlace.Template;
        }

        if (IsCompose(name))
        {
            return SecretPlace.LocalCompose;
        }

        if (DevelopmentMarkers.Any(m => name.Contains(m, StringComparison.Ordinal)) || name is ".env.dev" or ".env.local" or ".env.docker" ||
            segments.Any(DevelopmentFolders.Contains) || IsDevelopmentSettings(path))
        {
            return SecretPlace.Development;
        }

        return envKind == EnvFileKind.Environment ? SecretPlace.EnvironmentFile : SecretPlace.Production;
    }

    /// <summary>
    /// The weight of a finding. Provider formats and key material are serious wherever they run (a live key is live in
    /// a development file too) and minor in tests, samples and documentation; values found by setting name weigh by how
    /// random they look and where they sit: a random secret in an example compose file is used as is, "postgres" in a
    /// local compose file is a demo credential, and a password in documentation is an example.
    /// </summary>
    public static SecretWeight Weigh(SecretFinding finding, SecretPlace place, bool localHost)
    {
        if (finding.IsFormat)
        {
            var low = finding.Rule.Level == SecretLevel.Low;
            return place switch
            {
                SecretPlace.Test or SecretPlace.Sample or SecretPlace.Docs => low ? SecretWeight.None : SecretWeight.Minor,
                SecretPlace.Template => low ? SecretWeight.None : SecretWeight.Serious,
                _ => low ? SecretWeight.Minor : SecretWeight.Serious,
            };
        }

        // A credential for a database on the developer's own machine (localhost) opens nothing anywhere else.
        var value = localHost && finding.ValueClass != SecretValueClass.Strong ? SecretValueClass.Placeholder : finding.ValueClass;
        return (place, value) switch
        {
            (_, SecretValueClass.Placeholder) => SecretWeight.None,
            (SecretPlace.Docs, _) => SecretWeight.None,
            (SecretPlace.Test or SecretPlace.Sample or SecretPlace.Ci, SecretValueClass.Strong) => SecretWeight.Minor,
            (SecretPlace.Test or SecretPlace.Sample or SecretPlace.Ci, _) => SecretWeight.None,
            (SecretPlace.Template, SecretValueClass.Strong) => SecretWeight.Serious,
            (SecretPlace.Template, _) => SecretWeight.None,
            (SecretPlace.Development, _) => SecretWeight.Minor,
            (SecretPlace.LocalCompose, SecretValueClass.Strong) => SecretWeight.Serious,
            (SecretPlace.LocalCompose, _) => SecretWeight.Minor,
            (_, SecretValueClass.Weak) => SecretWeight.Minor,
            _ => SecretWeight.Serious,
        };
    }

    /// <summary>
    /// The place of one line: a value the line itself declares an example (an OpenAPI "example:", a JSDoc "@example",
    /// "examples=[...]", "e.g.") is documentation wherever the file sits.
    /// </summary>
    public static SecretPlace Of(Workspace workspace, RepoFile file, string line) =>
        ExampleLine().IsMatch(line) ? SecretPlace.Docs : Of(workspace, file);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)@example\b|\bexamples?\s*[:=(\[]|\bexample\s*=|\be\.g\.|\bfor example\b|\bexample value\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ExampleLine();

    /// <summary>Words for the evidence: where the value sits, as a reviewer would say it.</summary>
    public static string Describe(SecretPlace place) => place switch
    {
        SecretPlace.EnvironmentFile => "in a committed environment file",
        SecretPlace.Development => "in development configuration",
        SecretPlace.LocalCompose => "in a local compose setup",
        SecretPlace.Template => "in a template that is used as is",
        SecretPlace.Ci => "in a CI pipeline",
        SecretPlace.Test => "in tests",
        SecretPlace.Sample => "in a sample",
        SecretPlace.Docs => "in documentation",
        _ => string.Empty,
    };

    /// <summary>A reference of every setting with its default (config/defaults.hjson, config.reference.yml): documentation, not the running configuration.</summary>
    private static bool IsReference(string name) =>
        name.StartsWith("defaults.", StringComparison.Ordinal) || name.Contains(".defaults.", StringComparison.Ordinal) || name.Contains("reference.", StringComparison.Ordinal);

    /// <summary>Settings of the test suite named after it: configuration_testing.py, settings_test.py, application-test.yml, appsettings.Test.json.</summary>
    private static bool IsTestSettings(string name) =>
        name.Split('.', '_', '-').Any(part => part is "test" or "tests" or "testing" or "spec" or "e2e");

    private static bool IsCompose(string name) =>
        (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal) || name.Contains(".compose.", StringComparison.Ordinal) ||
         name.Contains("-compose.", StringComparison.Ordinal)) && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)) ||
        name is "vagrantfile" or "tiltfile";

    private static bool IsCi(string path, string name) =>
        path.StartsWith(".github/workflows/", StringComparison.Ordinal) || path.StartsWith(".circleci/", StringComparison.Ordinal) ||
        path.StartsWith(".buildkite/", StringComparison.Ordinal) || name is ".gitlab-ci.yml" or ".travis.yml" or "bitbucket-pipelines.yml" or ".drone.yml" or "jenkinsfile" or "cloudbuild.yaml" or "cloudbuild.yml" ||
        name.StartsWith("azure-pipelines", StringComparison.Ordinal) || name.StartsWith(".woodpecker", StringComparison.Ordinal) || path.StartsWith(".woodpecker/", StringComparison.Ordinal);

    /// <summary>Framework files that configure development only: Django settings/dev.py, Rails config/environments/development.rb.</summary>
    private static bool IsDevelopmentSettings(string path) =>
        path.Contains("settings/dev", StringComparison.OrdinalIgnoreCase) || path.Contains("settings/local", StringComparison.OrdinalIgnoreCase) ||
        path.Contains("environments/development", StringComparison.OrdinalIgnoreCase);
}
