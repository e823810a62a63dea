using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// AppVeyor: the script phases (<c>install</c> … <c>deploy_script</c>, each item a command or a
/// <c>cmd:/ps:/pwsh:/sh:</c> map), automatic test discovery after an MSBuild build unless <c>test: off</c>, and
/// <c>deploy:</c> providers (an Environment provider names a deployment environment). Pull requests build by default.
/// </summary>
public static partial class CiReader
{
    private static readonly string[] AppVeyorPhases =
    [
        "init", "install", "before_build", "build_script", "after_build", "before_test", "test_script", "after_test", "before_deploy", "deploy_script", "after_deploy", "on_success", "on_finish",
    ];

    private static CiPipeline ReadAppVeyor(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var steps = new List<CiStep>();
        foreach (var phase in AppVeyorPhases)
        {
            foreach (var item in root.Get(phase) is YamlSequenceNode ? root.Get(phase).Items() : root.Get(phase) is { } single ? [single] : [])
            {
                var command = item.Scalar() ?? item.ScalarOf("cmd") ?? item.ScalarOf("ps") ?? item.ScalarOf("pwsh") ?? item.ScalarOf("sh");
                if (command is not null)
                {
                    steps.Add(new CiStep(phase, command, null, item.Line(), CiStep.NoInputs));
                }
            }
        }

        var test = root.Get("test");
        var testOff = test.Scalar() is "off" or "false" || test is null && root.Get("test_script") is null && root.ScalarOf("build") is "off";
        if (!testOff && root.Get("test_script") is null && root.ScalarOf("build") is not "off")
        {
            // AppVeyor discovers and runs the test assemblies of an MSBuild build by itself.
            steps.Add(new CiStep("test (automatic discovery)", null, "appveyor:test-discovery", test?.Line() ?? root.Get("build")?.Line() ?? 1, CiStep.NoInputs));
        }

        jobs.Add(new CiJob("build", 1, steps));
        foreach (var provider in root.Get("deploy") is YamlSequenceNode ? root.Get("deploy").Items() : root.Get("deploy") is YamlMappingNode d ? [d] : [])
        {
            var name = provider.ScalarOf("provider") ?? "deploy";
            var environment = name == "Environment" ? provider.ScalarOf("name") : null;
            var onTags = provider.Get("on").ScalarOf("appveyor_repo_tag") == "true";
            jobs.Add(new CiJob("deploy " + name, provider.Line(), [new CiStep("deploy", null, "appveyor-deploy:" + name, provider.Line(), Inputs(provider))], environment,
                environment is null ? 0 : provider.Line(), false, null, onTags ? [CiTriggers.PushTags] : null));
        }

        return new CiPipeline("appveyor", path, [CiTriggers.Push, CiTriggers.PullRequest], true, 0, jobs);
    }
}
