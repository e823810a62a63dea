using System.Text;
using System.Text.Json;
using Gaplens.Cli;

namespace Gaplens.Tests;

/// <summary>Bad input never crashes a scan: each problem becomes a warning in the report.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Scan_of_a_hostile_tree_completes_with_warnings()
    {
        using var outside = FixtureCopy.Empty().With("secret.txt", "outside the root");
        using var tree = FixtureCopy.Empty()
            .With("package.json", "{ \"name\": \"<script>alert(1)</script>\", \"dependencies\": { \"express\": \"4\" } }")
            .With("src/<svg onload=alert(1)>.js", "const express = require('express'); const app = express(); app.get('/x', (q, r) => r.json({})); app.listen(1);")
            .With("src/it's \"quoted\".md", "# notes")
            .With(".github/workflows/broken.yml", "on: [push\njobs: {\n  - nope")
            .With("k8s/broken.yaml", "apiVersion: v1\nkind: Deployment\nmetadata: [unclosed\n")
            .With("src/Api/Api.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup>")
            .With("pyproject.toml", "[project\nname = ");
        File.WriteAllBytes(Path.Combine(tree.Root, "src", "data.js"), [0x63, 0x6f, 0x00, 0x01, 0x02]);
        Directory.CreateDirectory(Path.Combine(tree.Root, "docs"));
        File.WriteAllBytes(Path.Combine(tree.Root, "docs", "latin1.md"), Encoding.Latin1.GetBytes("R\u00e9sum\u00e9 # Runbook\n"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "escape.txt"), Path.Combine(outside.Root, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "src", "loop"), "..");

        var run = CliRun.Of("scan", tree.Root, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => (Path: w.GetProperty("path").GetString()!, Message: w.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(warnings, w => w.Path == ".github/workflows/broken.yml" && w.Message.Contains("YAML", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "k8s/broken.yaml");
        Assert.Contains(warnings, w => w.Path == "src/Api/Api.csproj" && w.Message.Contains("XML", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "pyproject.toml" && w.Message.Contains("TOML", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "src/data.js" && w.Message.Contains("binary", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "docs/latin1.md" && w.Message.Contains("Latin-1", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "escape.txt" && w.Message.Contains("outside", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Path == "src/loop" && w.Message.Contains("loop", StringComparison.Ordinal));
        Assert.DoesNotContain("outside the root", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(72, json.RootElement.GetProperty("practices").GetArrayLength());
    }
}
