using Gaplens.Core.Model;

namespace Gaplens.Practices.Tests;

using Gaplens.Tests;

/// <summary>
/// Secret fixtures are written at run time, so that the repository itself never holds a credential-shaped string
/// that a scanner (ours or a hosting provider's) would flag.
/// </summary>
public sealed class CommittedSecretsTests
{
    private static readonly string AwsKey = "AKIA" + "Q7ZT3RXW5VBN2MLK";
    private static readonly string GitHubToken = "ghp_" + "Zx8Kq2Lm4Np6Rt8Vw0Yb2Dc4Fg6Hj8Kl0Mn2";

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
    public void Private_key_file_outside_tests_is_missing()
    {
        using var tree = FixtureCopy.Empty()
            .With("deploy/signing.pem", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == "deploy/signing.pem" && e.Detail.Contains("private key", StringComparison.Ordinal));
    }

    [Fact]
    public void Token_in_a_test_fixture_is_partial_not_missing()
    {
        using var tree = FixtureCopy.Empty()
            .With("tests/fixtures/settings.json", $"{{ \"token\": \"{GitHubToken}\" }}\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Partial, verdict.Status);
        Assert.Contains("ghp_****", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plaintext_kubernetes_secret_is_partial()
    {
        using var tree = FixtureCopy.Empty()
            .With("k8s/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: Qx7!vLm29sPz\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Partial, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == "k8s/db.yaml" && e.Detail.Contains("Qx7!****", StringComparison.Ordinal));
        Assert.DoesNotContain("vLm29", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_and_documented_examples_are_not_secrets()
    {
        using var tree = FixtureCopy.Empty()
            .With(".env.example", "SECRET_KEY=changethis\nPOSTGRES_PASSWORD=changethis\n")
            .With("docs/aws.md", "Use a key such as AKIAIOSFODNN7EXAMPLE in the examples.\n")
            .With("src/appsettings.json", "{ \"ConnectionStrings\": { \"Db\": \"Host=localhost;Password=postgres\" } }\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Present, verdict.Status);
    }

    [Fact]
    public void High_entropy_credential_in_a_committed_env_file_is_missing()
    {
        using var tree = FixtureCopy.Empty()
            .With(".env", "PORT=8080\nSTRIPE_API_KEY=q8Zr2Lx9Vt4Mn7Bp1Kd6Hs3W\n");

        var verdict = Scan.Verdict(tree.Root, "sec-no-committed-secrets");

        Assert.Equal(PracticeStatus.Missing, verdict.Status);
        Assert.Contains(verdict.Evidence, e => e.Path == ".env" && e.Line == 2 && e.Detail.Contains("q8Zr****", StringComparison.Ordinal));
    }
}
