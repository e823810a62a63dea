using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Tests;

/// <summary>
/// The README's CI snippets work from this repository: they never install an unpublished package, and the GitLab
/// script, run as written against a clone of this repository, builds Gaplens and writes the JUnit report.
/// </summary>
[Collection(ReleaseBuilds.Name)]
public sealed partial class ReadmeCiTests
{
    private static string Readme => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    private static IReadOnlyList<YamlNode> Snippets()
    {
        var section = Readme[Readme.IndexOf("## In CI", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        return YamlBlock().Matches(section).Select(m =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(m.Groups[1].Value));
            return stream.Documents[0].RootNode;
        }).ToList();
    }

    [Fact]
    public void Ci_snippets_are_yaml_and_install_nothing_that_is_not_published()
    {
        var snippets = Snippets();

        Assert.Equal(2, snippets.Count);
        Assert.DoesNotMatch(@"dotnet tool install(?![^\n]*--add-source)[^\n]*Gaplens", Readme);
        Assert.All(snippets, s => Assert.Matches("git clone --depth 1 --branch \"\\$GAPLENS_REF\" \"\\$GAPLENS_REPOSITORY\"", Text(s)));
        Assert.All(snippets, s => Assert.Matches("gaplens/gaplens\"? scan \\. ", Text(s)));
    }

    [Fact]
    public void GitLab_script_runs_as_written_against_a_clone_of_this_repository()
    {
        var job = (YamlMappingNode)((YamlMappingNode)Snippets()[1]).Children[new YamlScalarNode("gaplens")];
        var script = ((YamlSequenceNode)job.Children[new YamlScalarNode("script")]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        using var project = FixtureCopy.Of(Path.Combine(RepositoryPaths.Fixtures, "repos", "todo-api"));
        using var scratch = FixtureCopy.Empty();
        var clone = Path.Combine(scratch.Root, "gaplens");
        var branch = Git("rev-parse", "--abbrev-ref", "HEAD");
        var environment = new Dictionary<string, string>
        {
            ["GAPLENS_REPOSITORY"] = "file://" + RepositoryPaths.Root,
            ["GAPLENS_REF"] = branch,
        };

        foreach (var line in script)
        {
            // The snippet's /tmp/gaplens becomes a scratch folder; a detached checkout (no branch) clones its default.
            var command = line.Replace("/tmp/gaplens", clone, StringComparison.Ordinal);
            if (branch == "HEAD")
            {
                command = command.Replace("--branch \"$GAPLENS_REF\" ", string.Empty, StringComparison.Ordinal);
            }

            var (code, output) = Bash(command, project.Root, environment);
            Assert.True(code is 0 or 1, $"'{command}' exited {code}:\n{output}");
        }

        var junit = XDocument.Load(Path.Combine(project.Root, "gaplens", "gaplens-report.xml"));
        Assert.Equal("testsuites", junit.Root!.Name.LocalName);
        Assert.True(File.Exists(Path.Combine(project.Root, "gaplens", "gaplens-report.md")));
    }

    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value ?? string.Empty,
        YamlSequenceNode q => string.Join('\n', q.Children.Select(Text)),
        YamlMappingNode m => string.Join('\n', m.Children.Select(c => Text(c.Value))),
        _ => string.Empty,
    };

    private static string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    private static (int Code, string Output) Bash(string command, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
