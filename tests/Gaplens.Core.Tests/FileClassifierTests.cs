using Gaplens.Core.Files;

namespace Gaplens.Core.Tests;

public sealed class FileClassifierTests
{
    [Theory]
    [InlineData("Dockerfile", FileClass.Dockerfile)]
    [InlineData("Dockerfile.prod", FileClass.Dockerfile)]
    [InlineData("api.Dockerfile", FileClass.Dockerfile)]
    [InlineData("Containerfile", FileClass.Dockerfile)]
    [InlineData("Dockerfile.tpl", FileClass.Dockerfile)]
    [InlineData("Dockerfile.cs", FileClass.CSharp)]
    [InlineData("Dockerfile.test.ts", FileClass.JavaScript)]
    [InlineData("Dockerfile.md", FileClass.Docs)]
    [InlineData("package.json", FileClass.Json)]
    [InlineData(".env.example", FileClass.Properties)]
    [InlineData("logo.png", FileClass.None)]
    [InlineData("show.json.jbuilder", FileClass.Ruby)]
    [InlineData("index.html.haml", FileClass.Markup)]
    [InlineData("_form.html.slim", FileClass.Markup)]
    [InlineData("Gemfile", FileClass.Build)]
    public void Classifies_by_name_before_extension_without_mistaking_source_named_after_a_dockerfile(string name, FileClass expected) =>
        Assert.Equal(expected, FileClassifier.Classify(name));
}
