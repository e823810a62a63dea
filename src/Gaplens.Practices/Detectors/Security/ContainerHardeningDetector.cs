using Gaplens.Core.Model;
using Gaplens.Ecosystems.Containers;
using Gaplens.Practices.Engine;

namespace Gaplens.Practices.Detectors.Security;

/// <summary>
/// Deployed images run as a non-root user on pinned, small base images. Development containers are not judged.
/// Kubernetes runAsNonRoot stands in for a USER instruction.
/// </summary>
public sealed partial class ContainerHardeningDetector : IPracticeDetector
{
    private static readonly string[] MinimalMarkers = ["alpine", "slim", "distroless", "chiseled", "scratch", "minimal", "micro", "busybox", "wolfi", "chainguard", "ubi-minimal", "nanoserver"];
    private static readonly string[] NonRootImages = ["distroless", "chiseled", "nonroot", "non-root", "rootless", "chainguard"];

    public string PracticeId => "sec-container-hardening";

    public Verdict Detect(PracticeContext context)
    {
        var dockerfiles = context.Workspace.Dockerfiles.Where(d => !d.IsDevContainer && !Ecosystems.Facts.FactsBuilder.IsExcluded(d.Path) && !context.Workspace.IsTestPath(d.Path)).ToList();
        if (dockerfiles.Count == 0)
        {
            return JudgeDeployedImages(context) ?? context.NotApplicable("There are no Dockerfiles for deployed images, and no workload runs an application image.");
        }

        var k8sNonRoot = context.Workspace.DeployedWorkloads.SelectMany(o => o.Containers).Any(c => c.RunAsNonRoot);
        var good = new List<Evidence>();
        var problems = new List<string>();
        var bad = new List<Evidence>();
        var fullyHardened = 0;
        foreach (var dockerfile in dockerfiles)
        {
            var from = dockerfile.FinalFrom;
            if (from is null)
            {
                continue;
            }

            var stages = dockerfile.StageNames;
            var args = GlobalArgs(dockerfile);
            var bases = dockerfile.All("FROM").Select(f => (Instruction: f, Image: Resolve(Dockerfile.ImageOf(f), args))).Where(b => !stages.Contains(b.Image) && b.Image != "scratch").ToList();
            var unpinned = bases.Where(b => !IsPinned(b.Image)).ToList();
            var finalImage = Resolve(Dockerfile.ImageOf(from), args);
            var user = dockerfile.FinalUser;
            var nonRoot = user is not null && !IsRoot(user.Arguments) || NonRootImages.Any(m => finalImage.Contains(m, StringComparison.OrdinalIgnoreCase)) || k8sNonRoot;
            var minimal = MinimalMarkers.Any(m => finalImage.Contains(m, StringComparison.OrdinalIgnoreCase));
            var issues = new List<string>();
            if (!nonRoot)
            {
                issues.Add("runs as root (no USER)");
                bad.Add(new Evidence(dockerfile.Path, from.Line, "final stage has no non-root USER"));
            }
            else if (user is not null)
            {
                good.Add(new Evidence(dockerfile.Path, user.Line, $"runs as USER {user.Arguments}"));
            }

            foreach (var (instruction, image) in unpinned)
            {
                bad.Add(new Evidence(dockerfile.Path, instruction.Line, $"base image {image} is not pinned to a version or digest"));
            }

            if (unpinned.Count > 0)
            {
                issues.Add("unpinned base image");
            }
            else if (bases.Count > 0)
            {
                good.Add(new Evidence(dockerfile.Path, bases[^1].Instruction.Line, $"pinned base image {bases[^1].Image}"));
            }

            if (minimal)
            {
                good.Add(new Evidence(dockerfile.Path, from.Line, $"minimal base image {finalImage}"));
            }

            if (issues.Count == 0)
            {
                fullyHardened++;
            }
            else
            {
                problems.Add($"{dockerfile.Path}: {string.Join(", ", issues)}");
            }
        }

        if (problems.Count == 0)
        {
            return context.Present(good, $"All {dockerfiles.Count} Dockerfile(s) run as a non-root user on pinned base images.");
        }

        if (good.Count == 0)
        {
            return context.Missing($"The images run as root on unpinned base images: {string.Join("; ", problems)}.", ["USER with a non-root user", "base images pinned to a version tag or digest", "minimal bases (alpine, slim, distroless, chiseled)"], bad);
        }

        return context.Partial(good.Concat(bad), $"{fullyHardened} of {dockerfiles.Count} Dockerfile(s) fully hardened; {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? "; …" : string.Empty)}.");
    }

    private static bool IsRoot(string user)
    {
        var name = user.Split(':')[0].Trim();
        return name is "root" or "0";
    }

    /// <summary>
    /// Without a Dockerfile (images built by buildpacks or elsewhere), the Kubernetes workloads that run the
    /// application's own images still show whether those run pinned and as non-root.
    /// </summary>
    private static Verdict? JudgeDeployedImages(PracticeContext context)
    {
        // Helm templates are read with their expressions blanked: their image and securityContext cannot be judged.
        var containers = context.Workspace.DeployedWorkloads
            .Where(o => !o.FromTemplate)
            .SelectMany(o => o.Containers.Select(c => (Object: o, Container: c)))
            .Where(x => x.Container.Image.Length > 0 && !Ecosystems.Facts.FactsBuilder.IsInfrastructureImage(x.Container.Image))
            .ToList();
        if (containers.Count == 0)
        {
            return null;
        }

        var evidence = containers.Select(x => new Evidence(x.Object.Path, x.Container.Line, $"workload runs image {x.Container.Image}")).ToList();
        var issues = new List<string>();
        var unpinned = containers.Where(x => !IsPinned(x.Container.Image)).Select(x => x.Container.Image).Distinct(StringComparer.Ordinal).ToList();
        if (unpinned.Count > 0)
        {
            issues.Add($"image {string.Join(", ", unpinned)} has no version tag or digest");
        }

        if (containers.Any(x => !x.Container.RunAsNonRoot))
        {
            issues.Add("no securityContext with runAsNonRoot");
        }

        return issues.Count == 0
            ? context.Present(evidence, "No Dockerfile is in the repository; the deployed application images are pinned and run as non-root.")
            : context.Partial(evidence, $"No Dockerfile is in the repository, and the deployed application images are not hardened: {string.Join("; ", issues)}.");
    }

    /// <summary>Build arguments declared before the first FROM with a default: the values a base image reference can use.</summary>
    private static Dictionary<string, string> GlobalArgs(Dockerfile dockerfile)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                break;
            }

            if (instruction.Keyword != "ARG")
            {
                continue;
            }

            var equals = instruction.Arguments.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                var name = instruction.Arguments[..equals].Trim();
                var value = instruction.Arguments[(equals + 1)..].Trim().Trim('"', '\'');
                args[name] = Resolve(value, args);
            }
        }

        return args;
    }

    /// <summary>Substitutes $NAME and ${NAME} with the defaults of global build arguments; unknown names stay as they are.</summary>
    private static string Resolve(string image, IReadOnlyDictionary<string, string> args) =>
        image.Contains('$', StringComparison.Ordinal)
            ? ArgReference().Replace(image, m => args.TryGetValue(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, out var value) ? value : m.Value)
            : image;

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial System.Text.RegularExpressions.Regex ArgReference();

    /// <summary>Tag words that name a moving target even beside a number: "latest-rust-1.95", Debian "sid", Alpine "edge".</summary>
    private static readonly string[] FloatingTagWords = ["latest", "sid", "edge", "unstable", "testing", "rolling", "nightly"];

    /// <summary>
    /// A digest, or a tag with a version number ("node:alpine", "latest", "latest-rust-1.95" and "sid-slim" float); an
    /// image from a build argument is judged by the argument's default, and passes when it has none.
    /// </summary>
    private static bool IsPinned(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal) || image.Contains('$', StringComparison.Ordinal))
        {
            return true;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0)
        {
            return false;
        }

        var tag = image[(colon + 1)..];
        var words = tag.Split('-', '_', '.');
        return !words.Any(w => FloatingTagWords.Contains(w, StringComparer.OrdinalIgnoreCase)) && tag.Any(char.IsAsciiDigit);
    }
}
