using Gaplens.Ecosystems.Dotnet;
using Gaplens.Ecosystems.Iac;
using Gaplens.Ecosystems.Jvm;
using Gaplens.Ecosystems.Node;
using Gaplens.Ecosystems.Parsing;
using Gaplens.Ecosystems.Python;
using Gaplens.Ecosystems.Yaml;

namespace Gaplens.Ecosystems.Tests;

/// <summary>
/// Every parser of repository text sits behind one guard: nesting deeper than any real file becomes a "not parsed"
/// error (a stack overflow would end the process, no catch can stop it), and YAML aliases cannot expand without bound.
/// </summary>
public sealed class ParseGuardTests
{
    private const int Deep = 50_000;

    public static TheoryData<string> DeepYaml => new()
    {
        "on: push\njobs:\n  x: " + new string('[', Deep) + new string(']', Deep) + "\n",
        "spec: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n",
        string.Concat(Enumerable.Repeat("- ", Deep)) + "x\n",
    };

    [Theory]
    [MemberData(nameof(DeepYaml))]
    public void Yaml_nested_50000_deep_is_an_error_not_a_stack_overflow(string text)
    {
        var documents = YamlDocuments.Load(text, out var error);

        Assert.Empty(documents);
        Assert.NotNull(error);
        Assert.Contains($"nested deeper than {ParseGuard.MaxDepth} levels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_within_the_depth_limit_still_parses()
    {
        var text = string.Concat(Enumerable.Repeat("- ", ParseGuard.MaxDepth - 1)) + "x\n";

        var documents = YamlDocuments.Load(text, out var error);

        Assert.Null(error);
        Assert.Single(documents);
    }

    [Fact]
    public void Yaml_alias_bomb_is_refused_before_it_expands()
    {
        var text = "a: &a [x,x,x,x,x,x,x,x,x]\n" + string.Concat("bcdefgh".Select((c, i) =>
            $"{c}: &{c} [{string.Join(',', Enumerable.Repeat("*" + "abcdefgh"[i], 9))}]\n"));

        YamlDocuments.Load(text, out var error);

        Assert.NotNull(error);
        Assert.Contains("aliases", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_alias_inside_its_own_anchor_is_refused()
    {
        YamlDocuments.Load("a: &a [x, *a]\n", out var error);

        Assert.NotNull(error);
    }

    [Fact]
    public void Yaml_anchors_and_merge_keys_of_real_pipelines_still_parse()
    {
        var text = """
            .defaults: &defaults
              image: node:20
              tags: [docker]
            build:
              <<: *defaults
              script: [npm ci, npm test]
            deploy:
              <<: *defaults
              script: [./deploy.sh]
            """;

        var documents = YamlDocuments.Load(text, out var error);

        Assert.Null(error);
        Assert.Equal("node:20", documents[0].Get("build").Get("<<").ScalarOf("image"));
    }

    [Fact]
    public void Xml_nested_50000_deep_is_an_error()
    {
        var text = "<Project>" + string.Concat(Enumerable.Repeat("<a>", Deep)) + string.Concat(Enumerable.Repeat("</a>", Deep)) + "</Project>";

        var project = DotnetProject.Parse("app.csproj", text, out var error);
        var pom = MavenPom.Parse(Sources.Of("pom.xml", text), out var pomError);

        Assert.Null(project);
        Assert.Contains("nested deeper", error, StringComparison.Ordinal);
        Assert.Null(pom);
        Assert.Contains("nested deeper", pomError, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_entities_are_never_expanded()
    {
        var text = """
            <?xml version="1.0"?>
            <!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <Project><PropertyGroup><X>&c;</X></PropertyGroup></Project>
            """;

        var project = DotnetProject.Parse("app.csproj", text, out var error);

        Assert.Null(project);
        Assert.NotNull(error);
    }

    [Fact]
    public void Toml_nested_50000_deep_is_an_error()
    {
        var text = "[project]\nname = \"x\"\ndependencies = " + new string('[', Deep) + new string(']', Deep) + "\n";

        var packages = PythonManifest.Read(Sources.Of("pyproject.toml", text), out var error);

        Assert.NotNull(error);
        Assert.Contains("TOML nested deeper", error, StringComparison.Ordinal);
        Assert.NotNull(packages);
    }

    [Fact]
    public void Toml_brackets_inside_strings_and_comments_do_not_count()
    {
        var text = "[project]\nname = \"" + new string('[', 500) + "\"\n# " + new string('{', 500) + "\ndependencies = ['a[b]', \"fastapi\"]\n";

        Assert.Null(ParseGuard.CheckBracketNesting(text, "TOML"));
    }

    [Fact]
    public void Hcl_nested_50000_deep_is_an_error_with_no_blocks()
    {
        var text = "resource \"a\" \"b\" {\n" + string.Concat(Enumerable.Repeat("x {\n", Deep)) + string.Concat(Enumerable.Repeat("}\n", Deep)) + "}\n";

        var file = TerraformFile.Parse(Sources.Of("main.tf", text), out var error);

        Assert.Empty(file.Blocks);
        Assert.Contains("HCL nested deeper", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_nested_50000_deep_is_an_error()
    {
        var text = "{\"dependencies\": " + new string('[', Deep) + new string(']', Deep) + "}";

        var package = PackageJson.Parse(Sources.Of("package.json", text), out var error);

        Assert.Null(package);
        Assert.Contains("depth", error, StringComparison.Ordinal);
    }
}
