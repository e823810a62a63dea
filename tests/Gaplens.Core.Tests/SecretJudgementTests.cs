using Gaplens.Core.Files;
using Gaplens.Core.Secrets;

namespace Gaplens.Core.Tests;

/// <summary>How values, settings, key material and the catalog itself are judged.</summary>
public sealed class SecretJudgementTests
{
    [Theory]
    [InlineData("", SecretValueClass.Placeholder)]
    [InlineData("changethis", SecretValueClass.Placeholder)]
    [InlineData("your-api-key", SecretValueClass.Placeholder)]
    [InlineData("<client-secret>", SecretValueClass.Placeholder)]
    [InlineData("${DB_PASSWORD}", SecretValueClass.Placeholder)]
    [InlineData("{{ .Values.password }}", SecretValueClass.Placeholder)]
    [InlineData("DB_PASSWORD", SecretValueClass.Placeholder)]
    [InlineData("os.environ.get(", SecretValueClass.Placeholder)]
    [InlineData("form_data.password", SecretValueClass.Placeholder)]
    [InlineData("$2b$12$KIXQJQv6nYwz1Yk3bJt2ReZ8mPq1oV9hQnT0sW7xL4cD2eF6gH8iK", SecretValueClass.Placeholder)]
    [InlineData("ENC[AES256_GCM,data:abc,iv:def]", SecretValueClass.Placeholder)]
    [InlineData("/run/secrets/db_password", SecretValueClass.Placeholder)]
    [InlineData("^9.0.2", SecretValueClass.Placeholder)]
    [InlineData("Password is required", SecretValueClass.Placeholder)]
    [InlineData("xxxxxxxxxxxx", SecretValueClass.Placeholder)]
    [InlineData("postgres", SecretValueClass.Weak)]
    [InlineData("Pass@word1", SecretValueClass.Weak)]
    [InlineData("lemmylemmy", SecretValueClass.Weak)]
    [InlineData("polar123456", SecretValueClass.Weak)]
    [InlineData("Qv8#mT2!rL9x", SecretValueClass.Ordinary)]
    [InlineData("OrdersSigningKeyThatIsLongEnoughForHmac", SecretValueClass.Ordinary)]
    [InlineData("email-server-password-for-orders", SecretValueClass.Ordinary)]
    [InlineData("a7523c3d0ae56415046ad8abae168d71074a79534a7062258f8d1d51ac2f76d3", SecretValueClass.Strong)]
    [InlineData("q8Zr2Lx9Vt4Mn7Bp1Kd6Hs3W", SecretValueClass.Strong)]
    public void Values_are_judged_the_way_a_reviewer_reads_them(string value, SecretValueClass expected) =>
        Assert.Equal(expected, SecretValues.Classify(value));

    [Theory]
    [InlineData("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", true)]
    [InlineData("ghp_000000000000000000000000000000000000", true)]
    [InlineData("AKIAYOURACCESSKEYHERE", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAGaplens4Xq9Lm2Zr8Tv1Bp6Kd3Hs7Wn5Yc0Fj2Gm4Qa9Re1Ux6Io3Pl8Ka5Sd7Df2Gh4Jk6Lz9Xc1Vb3Nm5", false)]
    [InlineData("Gaplens4Xq9Lm2Zr8Tv1Bp6Kd3Hs7Wn5", false)]
    public void Token_placeholders_are_told_from_random_bodies(string value, bool placeholder) =>
        Assert.Equal(placeholder, SecretValues.IsPlaceholderToken(value));

    [Theory]
    [InlineData("DB_PASSWORD=hunter2!x", "sample.env", "DB_PASSWORD", "hunter2!x")]
    [InlineData("  \"SmtpPassword\": \"Qv8#mT2!rL9x\",", "appsettings.json", "SmtpPassword", "Qv8#mT2!rL9x")]
    [InlineData("spring.datasource.password=${DB_PASSWORD:petclinic}", "application.properties", "spring.datasource.password", "${DB_PASSWORD:petclinic}")]
    [InlineData("public const string JWT_SECRET_KEY = \"SecretKeyOfDoom\";", "Constants.cs", "JWT_SECRET_KEY", "SecretKeyOfDoom")]
    [InlineData("<add key=\"SmtpPassword\" value=\"Qv8#mT2!rL9x\" />", "web.config", "SmtpPassword", "Qv8#mT2!rL9x")]
    [InlineData("secret = os.getenv(\"JWT_SECRET\", \"fallback-secret-value\")", "settings.py", "JWT_SECRET", "fallback-secret-value")]
    public void Settings_are_read_in_the_syntax_of_their_file(string line, string file, string name, string value)
    {
        var pairs = Assignments.At(SecretCatalogTests.Text(line, file), 1).ToList();

        Assert.Contains(pairs, p => p.Name == name && p.Value == value);
    }

    [Fact]
    public void Code_needs_a_literal_and_a_generic_key_takes_its_section_name()
    {
        Assert.DoesNotContain(Assignments.At(SecretCatalogTests.Text("password = request.form.password", "login.py"), 1), p => p.Name == "password");
        var json = SecretCatalogTests.Text("{\n  \"Jwt\": {\n    \"Key\": \"abc\"\n  }\n}", "appsettings.json");
        Assert.Contains(Assignments.At(json, 3), p => p.Name == "Jwt.Key");
        var manifest = SecretCatalogTests.Text("env:\n  - name: JWT_SECRET\n    value: \"r4nd0m-Value\"\n", "deployment.yaml");
        Assert.Contains(Assignments.At(manifest, 2), p => p.Name == "JWT_SECRET" && p.Value == "r4nd0m-Value" && p.Line == 3);
    }

    [Theory]
    [InlineData("spring.datasource.password", "${DB_PASSWORD:petclinic}", "petclinic")]
    [InlineData("SECRET_KEY_BASE", "${SECRET_KEY_BASE:-abc123}", "abc123")]
    [InlineData("MVNW", "${MVNW_PASSWORD:+has-password}", "${MVNW_PASSWORD:+has-password}")]
    [InlineData("x", "{noop}s3cret", "s3cret")]
    public void Defaults_of_references_are_the_values_that_count(string name, string value, string effective)
    {
        Assert.NotNull(name);
        Assert.Equal(effective, Assignments.Effective(value));
    }

    [Theory]
    [InlineData("DB_PASSWORD_FILE", true)]
    [InlineData("PASSWORD_RESET_TIMEOUT", true)]
    [InlineData("NEXT_PUBLIC_STRIPE_KEY", true)]
    [InlineData("recaptchaSiteKey", true)]
    [InlineData("newPassword", true)]
    [InlineData("SmtpPassword", false)]
    [InlineData("JWT_SECRET", false)]
    public void Names_that_configure_a_credential_are_not_credentials(string name, bool notSecret) =>
        Assert.Equal(notSecret, Assignments.IsNotSecretName(name));

    [Fact]
    public void A_pem_header_is_a_key_only_with_its_body()
    {
        var scanner = new SecretScanner();
        var body = string.Join("\n", Enumerable.Range(0, 4).Select(i => Random64(i)));
        var header = "-----BEGIN RSA PRIVATE" + " KEY-----";
        var footer = "-----END RSA PRIVATE" + " KEY-----";

        Assert.Single(scanner.ScanText(SecretCatalogTests.Text($"{header}\n{body}\n{footer}\n", "key.pem")));
        Assert.Single(scanner.ScanText(SecretCatalogTests.Text($"const k = \"{header}\\n{body.Replace("\n", "\\n", StringComparison.Ordinal)}\\n{footer}\";", "keys.js")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"pem.replace(\"{header}\", \"\").replace(\"{footer}\", \"\")", "pem.js")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"{header}\n...\n{footer}\n", "README.txt")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"{header}\n{{{{ .Values.tls.key }}}}\n{footer}\n", "secret.yaml")));
    }

    [Fact]
    public void Lock_files_source_maps_and_minified_lines_are_not_read_for_secrets()
    {
        var scanner = new SecretScanner();
        var token = "ghp_" + Random64(1)[..36].Replace('+', 'a').Replace('/', 'b');

        Assert.Single(scanner.ScanText(SecretCatalogTests.Text($"token = \"{token}\"", "app.js")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"token = \"{token}\"", "yarn.lock")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"var a=\"{token}\";" + new string('x', 1200), "app.js")));
        Assert.Empty(scanner.ScanText(SecretCatalogTests.Text($"token = \"{token}\"", "app.min.js")));
    }

    [Fact]
    public void Masking_keeps_four_characters_of_provider_values_and_of_credential_settings()
    {
        var token = "xoxb-" + "123456789012-1234567890123-" + Random64(2)[..24].Replace('+', 'a').Replace('/', 'b');
        var masked = SecretPatterns.Mask($"SLACK={token}\nDB_PASSWORD=Qv8#mT2!rL9x\nDATABASE_URL=postgres://app:Zq7Lm2Xc9Vb4@db.internal/app");

        Assert.DoesNotContain(token[5..], masked, StringComparison.Ordinal);
        Assert.DoesNotContain("mT2!rL9x", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("Lm2Xc9Vb4", masked, StringComparison.Ordinal);
        Assert.Contains("DB_PASSWORD=Qv8#****", masked, StringComparison.Ordinal);
        Assert.Contains("postgres://app:Zq7L****@db.internal", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_in_any_case_become_the_spellings_settings_use()
    {
        var variants = SecretCatalog.CaseVariants("api_key");

        Assert.Superset(new HashSet<string> { "api_key", "API_KEY", "apiKey", "ApiKey" }, variants.ToHashSet());
        Assert.Superset(new HashSet<string> { "\"key\"", "\"KEY\"", "\"Key\"" }, SecretCatalog.CaseVariants("\"key\"").ToHashSet());
        Assert.Superset(new HashSet<string> { "_pass", "_PASS", "_Pass" }, SecretCatalog.CaseVariants("_pass").ToHashSet());
    }

    [Fact]
    public void An_invalid_catalog_does_not_load_and_says_why()
    {
        const string Catalog = """
            rules:
              - id: Bad_Id
                provider: X
                title: x
                category: cloud
                keywords: [x]
                pattern: '(unclosed'
                colour: red
                samples: { match: ['no splice mark'], noMatch: [] }
              - id: no-group
                provider: X
                title: x
                category: cloud
                keywords: ['abc_']
                pattern: 'abc_[0-9]+'
                samples: { match: ['abc_¦1'], noMatch: ['x'] }
            """;

        var error = Assert.Throws<InvalidDataException>(() => SecretCatalog.Load([("bad.yml", Catalog)]));

        Assert.Contains("kebab-case", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field 'colour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a valid regular expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
        Assert.Contains("lacks the splice mark", error.Message, StringComparison.Ordinal);
        Assert.Contains("at least one 'match' and one 'noMatch'", error.Message, StringComparison.Ordinal);
        Assert.Contains("must capture the named group 'secret'", error.Message, StringComparison.Ordinal);
    }

    private static string Random64(int seed)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var random = new Random(seed);
        return new string(Enumerable.Range(0, 64).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }
}
