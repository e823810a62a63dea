using Gaplens.Ecosystems.Yaml;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Ci;

/// <summary>
/// Google Cloud Build: each step runs a builder image with <c>args</c> (after its <c>entrypoint</c>, or after the tool
/// a cloud-builders image is named for), or a <c>script</c>, in <c>dir</c>. Images listed under <c>images:</c> are
/// pushed when the build succeeds. Triggers live outside the file (the console, gcloud or a Terraform
/// google_cloudbuild_trigger, which the linker reads).
/// </summary>
public static partial class CiReader
{
    /// <summary>Builder images whose entrypoint is the tool they are named for.</summary>
    private static readonly HashSet<string> CloudBuilders = new(StringComparer.Ordinal)
    {
        "docker", "gcloud", "gsutil", "kubectl", "gke-deploy", "npm", "yarn", "go", "mvn", "gradle", "git", "bazel", "dotnet", "firebase",
        "terraform", "helm", "skaffold", "pack", "wget", "curl", "javac", "twine", "gcs-fetcher", "compose", "docker-compose",
    };

    private static CiPipeline ReadCloudBuild(string path, YamlNode root)
    {
        var jobs = new List<CiJob>();
        var index = 0;
        foreach (var step in root.Get("steps").Items())
        {
            index++;
            var image = step.ScalarOf("name") ?? string.Empty;
            var id = step.ScalarOf("id") ?? $"step {index}";
            var args = step.Get("args").Strings().ToList();
            var script = step.ScalarOf("script");
            var entrypoint = step.ScalarOf("entrypoint") ?? BuilderTool(image);
            string command;
            if (script is not null)
            {
                command = script;
            }
            else if (entrypoint is "bash" or "sh" or "/bin/bash" or "/bin/sh" && args.Count >= 2 && args[0].StartsWith('-') && args[0].Contains('c', StringComparison.Ordinal))
            {
                command = args[1];
            }
            else
            {
                command = string.Join(' ', new[] { entrypoint }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)).Where(a => !string.IsNullOrEmpty(a)));
            }

            var line = (step.Get("args") ?? step.Get("script") ?? step.Get("entrypoint") ?? step).Line();
            var steps = new List<CiStep> { new(id, command, null, line, CiStep.NoInputs, step.ScalarOf("dir"), image) };
            jobs.Add(new CiJob(id, step.Line(), steps));
        }

        var images = root.Get("images").Strings().ToList();
        if (images.Count > 0)
        {
            jobs.Add(new CiJob("images", root.Get("images")!.Line(), [new CiStep("images", null, "cloudbuild:images", root.Get("images")!.Line(), new Dictionary<string, string> { ["images"] = string.Join(' ', images) })]));
        }

        return new CiPipeline("google-cloud-build", path, [], null, 0, jobs);
    }

    /// <summary>The tool of a builder image: gcr.io/cloud-builders/docker is docker, gcr.io/$PROJECT_ID/firebase is firebase.</summary>
    private static string? BuilderTool(string image)
    {
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var last = (slash < 0 ? name : name[(slash + 1)..]).Split(':')[0];
        if (last == "cloud-sdk")
        {
            return "gcloud";
        }

        if (last == "compose")
        {
            return "docker-compose";
        }

        return CloudBuilders.Contains(last) && (slash >= 0 || last is "docker") ? last : null;
    }
}
