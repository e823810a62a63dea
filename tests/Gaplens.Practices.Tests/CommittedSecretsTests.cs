using Gaplens.Core.Model;
using Gaplens.Core.Secrets;
using Gaplens.Practices.Detectors.Security;

namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>
/// Secret fixtures are written at run time (see <see cref="SecretFixtures"/>), so that the repository itself never
/// holds a credential-shaped string that a scanner (ours or a hosting provider's) would flag.
/// </summary>
public sealed class CommittedSecretsTests
{
    private static readonly string AwsKey = "AKIA" + "Q7ZT3RXW5VBN2MLK";
    private static readonly string GitHubToken = "ghp_" + "Zx8Kq2Lm4Np6Rt8Vw0Yb2Dc4Fg6Hj8Kl0Mn2";

    [Fact]
    public void Every_seeded_credential_of_more_than_a_hundred_providers_and_every_key_file_is_found()
    {
        // One file per catalog sample, named neutrally (a name with "test" in it would make it a test file), in the
        // syntax the sample is written in.
        var seeded = SecretFixtures.CatalogSamples().Select((s, n) => (s.Rule, Path: $"services/billing/config/c{n:000}{SecretFixtures.Extension(s.Sample)}", s.Sample)).ToList();
        using var tree = FixtureCopy.Empty();
        foreach (var (_, path, sample) in seeded)
        {
            tree.With(path, sample + "\n");
        }

        tree.With("deploy/keys/signing.rsa", SecretFixtures.Pem())
            .With("deploy/keys/ec.pem", SecretFixtures.Pem("EC", 4, seed: 11))
            .With("deploy/ssh/id_ed25519", SecretFixtures.Pem("OPENSSH", 6, seed: 12))
            .With("deploy/keys/jwt.jwk", $$"""{ "kty": "RSA", "kid": "k1", "n": "{{SecretFixtures.Random(86, seed: 3)}}", "e": "AQAB", "d": "{{SecretFixtures.Random(86, seed: 4)}}" }""" + "\n")
            .With("config/master.key", SecretFixtures.Hex(32) + "\n");
        File.WriteAllBytes(Path.Combine(tree.Root, "deploy", "keys", "api.pfx"), [0x30, 0x82, 0x0A, 0x01, 0x02, 0x03, 0x00, 0xFF]);

        var findings = SecretFixtures.Findings(tree.Root);

        var missed = seeded.Where(s => !findings.Any(f => f.Path == s.Path)).Select(s => $"{s.Rule.Id} ({s.Path})").ToList();
        Assert.True(missed.Count == 0, "not found: " + string.Join(", ", missed));
        var notSerious = seeded.Where(s => s.Rule.Kind == SecretKind.Token && s.Rule.Level == SecretLevel.Secret)
            .Where(s => !findings.Any(f => f.Path == s.Path && f.Weight == SecretWeight.Serious))
            .Select(s => s.Rule.Id).ToList();
        Assert.True(notSerious.Count == 0, "live provider credentials not judged serious: " + string.Join(", ", notSerious));

        var providers = findings.Where(f => f.Rule?.Kind == SecretKind.Token).Select(f => f.Rule!.Provider).Distinct().Count();
        Assert.True(providers >= 100, $"{providers} providers found");
        foreach (var keyFile in new[] { "deploy/keys/signing.rsa", "deploy/keys/ec.pem", "deploy/ssh/id_ed25519", "deploy/keys/jwt.jwk", "config/master.key", "deploy/keys/api.pfx" })
        {
            Assert.Contains(findings, f => f.Path == keyFile && f.Weight == SecretWeight.Serious);
        }
    }

    [Fact]
    public void Verdict_counts_each_credential_once_and_never_shows_a_value()
    {
        var token = SecretFixtures.Token("ghp_", 36, seed: 5);
        var stripe = SecretFixtures.Token("sk_live_", 32, seed: 6);
        using var tree = FixtureCopy.Empty()
            .With("src/config.js", $"export const a = '{token}';\nexport const b = '{token}';\nexport const c = '{token}';\nexport const s = '{stripe}';\n")
            .With("deploy/ci.sh", $"export GH_TOKEN={token}\n");

        var result = Scan.Run(tree.Root);
        var verdict = result.Verdicts.Single(v => v.PracticeId == "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.StartsWith("3 credential(s) in 2 file(s)", verdict.Reason, StringComparison.Ordinal);
        foreach (var value in new[] { token, stripe })
        {
            Assert.DoesNotContain(value[4..12], verdict.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(verdict.Evidence, e => e.Detail.Contains(value[4..12], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Live_payment_and_messaging_secrets_in_appsettings_are_found_and_a_pem_header_in_a_library_is_not()
    {
        var keyId = SecretFixtures.Token("rzp_live_", 14, seed: 21);
        var keySecret = SecretFixtures.Random(24, seed: 22);
        var appSecret = SecretFixtures.Hex(32, seed: 23);
        using var tree = FixtureCopy.Empty()
            .With("src/Payments.Api/Payments.Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />\n")
            .With("src/Payments.Api/appsettings.json", $$"""
                {
                  "Razorpay": {
                    "KeyId": "{{keyId}}",
                    "KeySecret": "{{keySecret}}"
                  },
                  "WhatsApp": { "AppSecret": "{{appSecret}}" },
                  "Email": { "SmtpHost": "smtp.sendgrid.net", "SmtpPassword": "Qv8#mT2!rL9x" }
                }
                """)
            .With("src/Payments.Api/wwwroot/lib/forge/pem.js", "function strip(pem) { return pem.replace(\"-----BEGIN RSA PRIVATE" + " KEY-----\", \"\").replace(\"-----END RSA PRIVATE" + " KEY-----\", \"\"); }\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.StartsWith("4 credential(s) in 1 file(s)", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(verdict.Evidence, e => e.Path == "src/Payments.Api/appsettings.json" && e.Line == 3 && e.Detail.Contains("rzp_****", StringComparison.Ordinal));
        Assert.Contains(verdict.Evidence, e => e.Line == 4 && e.Detail.Contains("Razorpay key secret", StringComparison.Ordinal));
        Assert.Contains(verdict.Evidence, e => e.Line == 6);
        Assert.Contains(verdict.Evidence, e => e.Line == 7 && e.Detail.Contains("SmtpPassword", StringComparison.Ordinal));
        Assert.DoesNotContain(verdict.Evidence, e => e.Path.EndsWith("pem.js", StringComparison.Ordinal));
    }

    [Fact]
    public void Private_key_file_outside_tests_is_missing()
    {
        using var tree = FixtureCopy.Empty().With("deploy/signing.pem", SecretFixtures.Pem());

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == "deploy/signing.pem" && e.Line == 1 && e.Detail.Contains("private key", StringComparison.Ordinal));
    }

    [Fact]
    public void Provider_key_in_source_makes_the_practice_missing_and_is_masked()
    {
        using var tree = FixtureCopy.Empty()
            .With("src/config.js", $"module.exports = {{ awsKey: '{AwsKey}' }};\n")
            .With("package.json", "{ \"name\": \"app\" }\n");

        var result = Scan.Run(tree.Root);
        var verdict = result.Verdicts.Single(v => v.PracticeId == "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == "src/config.js" && e.Line == 1 && e.Detail.Contains("AKIA****", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Verdicts, v => v.Reason.Contains(AwsKey[4..], StringComparison.Ordinal) || v.Evidence.Any(e => e.Detail.Contains(AwsKey[4..], StringComparison.Ordinal)));
    }

    [Fact]
    public void Token_in_a_test_fixture_is_partial_not_missing()
    {
        using var tree = FixtureCopy.Empty().With("tests/fixtures/settings.json", $"{{ \"token\": \"{GitHubToken}\" }}\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Partial, verdict.Status);
        Assert.Contains("ghp_****", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plaintext_kubernetes_secret_is_partial_unless_its_value_is_random()
    {
        using var demo = FixtureCopy.Empty().With("k8s/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  host: orders-db\n  password: Qx7!vLm29sPz\n");
        using var random = FixtureCopy.Empty().With("k8s/db.yaml", $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: \"{SecretFixtures.Random(32, seed: 9)}!\"\n");

        var partial = Scan.Verdict(demo.Root, "sec-no-committed-secrets");
        var missing = Scan.Verdict(random.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Partial, partial.Status);
        Assert.Contains(partial.Evidence, e => e.Path == "k8s/db.yaml" && e.Detail.Contains("Qx7!****", StringComparison.Ordinal));
        Assert.DoesNotContain(partial.Evidence, e => e.Detail.Contains("holds host", StringComparison.Ordinal));
        Assert.DoesNotContain("vLm29", partial.Reason, StringComparison.Ordinal);
        Assert.Equal(PracticeStatus.Missing, missing.Status);
    }

    [Fact]
    public void Placeholders_public_identifiers_and_documented_examples_are_not_secrets()
    {
        using var tree = FixtureCopy.Empty()
            .With(".env.example", "SECRET_KEY=changethis\nPOSTGRES_PASSWORD=changethis\nSTRIPE_SECRET_KEY=sk_live_your_key_here\n")
            .With("docs/aws.md", "Use a key such as AKIA" + "IOSFODNN7EXAMPLE in the examples.\n")
            .With("src/appsettings.json", "{ \"ConnectionStrings\": { \"Db\": \"Host=localhost;Password=postgres\" } }\n")
            .With("app/google-services.json", $"{{ \"client\": [ {{ \"api_key\": [ {{ \"current_key\": \"{SecretFixtures.Token("AIza", 35, seed: 31)}\" }} ] }} ] }}\n")
            .With("web/src/firebase.ts", $"const firebaseConfig = {{\n  apiKey: \"{SecretFixtures.Token("AIza", 35, seed: 32)}\",\n  authDomain: \"gaplens.firebaseapp.com\",\n}};\n")
            .With("web/src/stripe.ts", $"export const publishable = '{SecretFixtures.Token("pk_live_", 24, seed: 33)}';\n")
            .With("server/settings.py", $"SENTRY_DSN = 'https://{SecretFixtures.Hex(32, seed: 34)}@o1.ingest.sentry.io/2'\nTURNSTILE_SECRET = '1x0000000000000000000000000000000AA'\n")
            .With("local.settings.json", "{ \"Values\": { \"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\", \"AccountKey\": \"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==\" } }\n")
            .With(".github/workflows/ci.yml", "jobs:\n  test:\n    services:\n      postgres:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: postgres\n    steps:\n      - run: docker login -p ${{ secrets.REGISTRY_PASSWORD }}\n")
            .With("README.md", "Run `docker run -e MYSQL_ROOT_PASSWORD=J5brHrAXFLQSif0K mysql` (do not use this password).\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.True(verdict.Status == PracticeStatus.Present, verdict.Reason);
    }

    [Fact]
    public void High_entropy_credential_in_a_committed_env_file_is_missing()
    {
        using var tree = FixtureCopy.Empty().With(".env", "PORT=8080\nSTRIPE_API_KEY=q8Zr2Lx9Vt4Mn7Bp1Kd6Hs3W\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == ".env" && e.Line == 2 && e.Detail.Contains("q8Zr****", StringComparison.Ordinal));
    }

    [Fact]
    public void Random_secret_in_an_example_compose_file_is_committed_but_demo_passwords_of_local_compose_are_partial()
    {
        var secretKeyBase = SecretFixtures.Hex(128, seed: 41);
        using var example = FixtureCopy.Empty()
            .With("compose.example.yml", $"services:\n  web:\n    environment:\n      SECRET_KEY_BASE: ${{SECRET_KEY_BASE:-{secretKeyBase}}}\n      POSTGRES_PASSWORD: ${{POSTGRES_PASSWORD:-app_password}}\n");
        using var local = FixtureCopy.Empty()
            .With("docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=postgres\n  api:\n    environment:\n      DATABASE_URL: postgres://app:app@db:5432/app\n");

        var missing = Scan.Verdict(example.Root, "sec-no-committed-secrets");
        var partial = Scan.Verdict(local.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, missing.Status);
        Assert.StartsWith("1 credential(s) in 1 file(s)", missing.Reason, StringComparison.Ordinal);
        Assert.Contains(missing.Evidence, e => e.Line == 4 && e.Detail.Contains("SECRET_KEY_BASE", StringComparison.Ordinal));
        Assert.Equal(PracticeStatus.Partial, partial.Status);
        Assert.Contains(partial.Evidence, e => e.Path == "docker-compose.yml" && e.Line == 5);
    }

    [Fact]
    public void Signing_key_hard_coded_in_code_is_missing_and_a_key_read_from_configuration_is_not()
    {
        using var constant = FixtureCopy.Empty()
            .With("src/Core/AuthorizationConstants.cs", "public static class AuthorizationConstants\n{\n    public const string JWT_SECRET_KEY = \"OrdersSigningKeyThatIsLongEnoughForHmac\";\n}\n");
        using var configured = FixtureCopy.Empty()
            .With("src/Core/TokenService.cs", "var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration[\"Jwt:Key\"]!));\nconst string JwtSecretSection = \"JwtSettings\";\n");

        Assert.Equal(PracticeStatus.Missing, Scan.Verdict(constant.Root, "sec-no-committed-secrets").Status);
        Assert.Equal(PracticeStatus.Present, Scan.Verdict(configured.Root, "sec-no-committed-secrets").Status);
    }

    [Fact]
    public void Release_key_store_is_committed_secret_and_a_debug_key_store_is_lower_risk()
    {
        using var release = FixtureCopy.Empty();
        using var debug = FixtureCopy.Empty();
        Directory.CreateDirectory(Path.Combine(release.Root, "android", "app"));
        Directory.CreateDirectory(Path.Combine(debug.Root, "android", "app"));
        File.WriteAllBytes(Path.Combine(release.Root, "android", "app", "upload.keystore"), [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x02]);
        File.WriteAllBytes(Path.Combine(debug.Root, "android", "app", "debug.keystore"), [0xFE, 0xED, 0xFE, 0xED, 0x00, 0x02]);
        release.With("README.md", "app\n");
        debug.With("README.md", "app\n");

        Assert.Equal(PracticeStatus.Missing, Scan.Verdict(release.Root, "sec-no-committed-secrets").Status);
        Assert.Equal(PracticeStatus.Partial, Scan.Verdict(debug.Root, "sec-no-committed-secrets").Status);
    }

    [Fact]
    public void A_tree_with_nothing_readable_is_not_judged_present()
    {
        using var tree = FixtureCopy.Empty();
        File.WriteAllBytes(Path.Combine(tree.Root, "logo.png"), [0x89, 0x50, 0x4E, 0x47]);

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.NotApplicable, verdict.Status);
    }

    [Fact]
    public void A_committed_env_file_gets_the_same_verdict_from_both_secret_practices()
    {
        // Placeholders are not committed secrets, but the tracked .env still shows .env is not git-ignored.
        using var tree = FixtureCopy.Empty()
            .With(".env", "SECRET_KEY=changethis\nFIRST_SUPERUSER_PASSWORD=changethis\n")
            .With(".gitignore", "node_modules/\n*.pem\n")
            .With("deploy/prod.env", $"API_TOKEN={SecretFixtures.Random(40, seed: 51)}\n");

        var result = Scan.Run(tree.Root);
        var committed = result.Verdicts.Single(v => v.PracticeId == "sec-no-committed-secrets");
        var ignored = result.Verdicts.Single(v => v.PracticeId == "secrets-gitignored");

        Assert.Equal(PracticeStatus.Missing, committed.Status);
        Assert.Contains(committed.Evidence, e => e.Path == "deploy/prod.env");
        Assert.DoesNotContain(committed.Evidence, e => e.Path == ".env");
        Assert.Equal(PracticeStatus.Partial, ignored.Status);
        Assert.Contains(ignored.Evidence, e => e.Path == ".env");
        Assert.Contains(ignored.Evidence, e => e.Path == "deploy/prod.env");
    }
}
