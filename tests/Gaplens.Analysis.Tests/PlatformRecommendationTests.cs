using Gaplens.Core.Model;
using Gaplens.Practices.Engine;

namespace Gaplens.Analysis.Tests;

/// <summary>The same gap gets the advice of the cloud the repository runs on, and none when it runs on no cloud.</summary>
public sealed class PlatformRecommendationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("gaplens-platform-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Tree(string name, params (string Path, string Text)[] files)
    {
        var directory = Path.Combine(root, name);
        foreach (var (path, text) in files.Append(("Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>"))
                     .Append(("Api/Program.cs", "var app = WebApplication.CreateBuilder(args).Build();\napp.MapGet(\"/orders\", () => Results.Ok());\napp.Run();\n")))
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return directory;
    }

    private static string Advice(string tree, string practice)
    {
        var assessment = Analyzer.Analyze(new ReadinessScanner().Scan(tree, new ScanOptions { Profile = Profile.Production }));
        return assessment.Practices.Single(p => p.Id == practice).Recommendation;
    }

    [Fact]
    public void An_aws_service_gets_aws_secret_store_advice_and_no_azure()
    {
        var tree = Tree("aws", ("infra/main.tf", "resource \"aws_ecs_service\" \"api\" {\n  name = \"api\"\n}\n"));

        var advice = Advice(tree, "secrets-manager");

        Assert.Contains("SecretsManager", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("Key Vault", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_service_gets_key_vault_advice_and_no_aws()
    {
        var tree = Tree("azure", ("infra/main.tf", "resource \"azurerm_linux_web_app\" \"api\" {\n  name = \"api\"\n}\n"));

        var advice = Advice(tree, "secrets-manager");

        Assert.Contains("AddAzureKeyVault", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_on_no_cloud_gets_advice_naming_none()
    {
        var tree = Tree("plain", ("docker-compose.yml", "services:\n  api:\n    build: ./Api\n    ports: [\"8080:8080\"]\n"));

        var advice = Advice(tree, "secrets-manager");

        Assert.DoesNotContain("Azure", advice, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS", advice, StringComparison.Ordinal);
        Assert.Contains("secret store", advice, StringComparison.Ordinal);
    }
}
