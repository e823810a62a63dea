using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Config;

/// <summary>Terraform state lives in a remote backend with locking (read from the terraform blocks, not a text search).</summary>
public sealed class TerraformRemoteStateDetector : IPracticeDetector
{
    public string PracticeId => "config-iac-remote-state";

    public Verdict Detect(PracticeContext context)
    {
        var remote = new List<Evidence>();
        var weak = new List<Evidence>();
        foreach (var file in context.Workspace.TerraformFiles)
        {
            foreach (var block in file.Blocks.Where(b => b.Type == "terraform"))
            {
                foreach (var child in block.Children)
                {
                    if (child.Type == "cloud")
                    {
                        remote.Add(new Evidence(file.Path, child.Line, "Terraform Cloud/Enterprise state"));
                    }
                    else if (child.Type == "backend")
                    {
                        var kind = child.Label(0) ?? "?";
                        switch (kind)
                        {
                            case "local":
                                weak.Add(new Evidence(file.Path, child.Line, "backend \"local\": state stays on one machine"));
                                break;
                            case "s3" when !child.Body.Contains("dynamodb_table", StringComparison.Ordinal) && !child.Body.Contains("use_lockfile", StringComparison.Ordinal):
                                weak.Add(new Evidence(file.Path, child.Line, "backend \"s3\" without state locking (no dynamodb_table or use_lockfile)"));
                                break;
                            default:
                                remote.Add(new Evidence(file.Path, child.Line, $"remote backend \"{kind}\""));
                                break;
                        }
                    }
                }
            }
        }

        foreach (var file in context.Workspace.Files.Files.Where(f => f.Name == "terragrunt.hcl"))
        {
            if (context.Workspace.Text(file)?.FindLine("remote_state") is { } line)
            {
                remote.Add(new Evidence(file.Path, line, "Terragrunt remote_state"));
            }
        }

        if (remote.Count > 0)
        {
            return context.Present(remote.Concat(weak), "Terraform state is stored remotely: " + PracticeContext.Describe(remote) + ".");
        }

        if (weak.Count > 0)
        {
            return context.Partial(weak, PracticeContext.Describe(weak) + ". Two people applying at once can corrupt the state.");
        }

        var first = context.Workspace.TerraformFiles.First();
        return context.Missing("The Terraform configuration declares no backend, so its state is a local file on whoever runs it.",
            ["terraform { backend \"s3\" | \"azurerm\" | \"gcs\" | \"remote\" }", "terraform { cloud { } }", "Terragrunt remote_state"],
            [new Evidence(first.Path, 1, "Terraform without a backend block")]);
    }
}
