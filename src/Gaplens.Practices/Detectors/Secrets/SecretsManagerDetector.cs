using Gaplens.Core.Files;
using Gaplens.Core.Model;
using Gaplens.Core.Search;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Secrets;

/// <summary>
/// Secrets management is a store the application reads its secrets from. A store that infrastructure code only
/// provisions (a Key Vault, a Secrets Manager secret) while no workload is given access to it, references it or calls
/// it, manages nothing the application uses: partial. Otherwise the declared signals decide.
/// </summary>
public sealed class SecretsManagerDetector : IPracticeDetector
{
    /// <summary>Signals that show a store being provisioned, not read.</summary>
    private static readonly string[] Provisioning =
    [
        "Azure Key Vault", "AWS Secrets Manager secret", "GCP Secret Manager secret", "Vault KV secret", "Vault secret", "CloudFormation Secrets Manager secret",
    ];

    private const FileClass Anywhere = FileClass.Code | FileClass.Config | FileClass.Shell;

    /// <summary>What a read looks like: an access grant to a workload, a data source, a reference in a workload's settings, an SDK call.</summary>
    private static readonly Term[] Reads =
    [
        new("GetSecretValue", Anywhere), new("get_secret_value", Anywhere), new("secretAccessor", Anywhere), new("secret_key_ref", FileClass.Terraform),
        new("valueFrom", FileClass.Terraform | FileClass.Json), new("value_from", FileClass.Terraform), new("secret_permissions", FileClass.Terraform),
        new("Key Vault Secrets User", Anywhere), new("data \"aws_secretsmanager", FileClass.Terraform), new("data \"azurerm_key_vault_secret", FileClass.Terraform),
        new("data \"google_secret_manager", FileClass.Terraform), new("data \"vault_", FileClass.Terraform), new("vault kv get", FileClass.Shell | FileClass.Yaml | FileClass.Dockerfile),
        new("VAULT_ADDR", Anywhere), new("getSecret(", FileClass.Code), new("GetSecretAsync", FileClass.CSharp),
    ];

    public string PracticeId => "secrets-manager";

    public IEnumerable<Term> Terms => Reads;

    public Verdict Detect(PracticeContext context)
    {
        var verdict = DefaultPolicy.Decide(context);
        var present = context.PresentMatches.ToList();
        if (verdict.Status != PracticeStatus.Present || present.Count == 0 || !present.All(m => Provisioning.Contains(m.Signal.Detail, StringComparer.Ordinal)))
        {
            return verdict;
        }

        var workspace = context.Workspace;
        if (Reads.SelectMany(workspace.Content.Hits).Any(h => !h.IsCommentedOut && !workspace.IsTestPath(h.File.Path)))
        {
            return verdict;
        }

        var evidence = PracticeContext.EvidenceOf(present).Concat(PracticeContext.EvidenceOf(context.PartialMatches));
        return context.Partial(
            evidence,
            "A secret store is provisioned (" + PracticeContext.Describe(PracticeContext.EvidenceOf(present)) +
            ") but nothing reads from it: no workload is granted access to it or references it, and no code calls it, so the application's secrets still come from elsewhere.");
    }
}
