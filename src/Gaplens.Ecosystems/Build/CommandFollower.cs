using System.Text.Json;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;
using Gaplens.Ecosystems.Ci;
using Gaplens.Ecosystems.Containers;
using Gaplens.Ecosystems.Node;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// Follows a command into what it runs: repository scripts, make targets, just recipes, Taskfile tasks, package
/// scripts, rake tasks, mix aliases, cargo aliases/cargo-make/xtask, tox/nox sessions, Python task runners, Cake/Nuke
/// targets, <c>docker compose run</c>/<c>docker run</c> commands and the RUN lines of an image build, transitively up
/// to <see cref="MaxDepth"/> calls deep and never twice along one chain. Build files are read once per scan and each
/// call's expansion is kept, so a target called by many steps is followed once.
/// </summary>
public sealed partial class CommandFollower
{
    /// <summary>How many calls deep a step is followed (step → make → script → npm script → ...).</summary>
    public const int MaxDepth = 5;

    private static readonly string[] ScriptExtensions = [".sh", ".bash", ".zsh", ".ps1", ".cmd", ".bat", ".py"];
    private static readonly string[] PackageManagers = ["npm", "yarn", "pnpm", "bun"];

    private static readonly HashSet<string> PackageManagerBuiltins = new(StringComparer.Ordinal)
    {
        "install", "i", "ci", "add", "remove", "rm", "uninstall", "update", "up", "upgrade", "init", "create", "publish", "pack", "audit",
        "why", "info", "view", "config", "cache", "global", "link", "unlink", "list", "ls", "outdated", "login", "logout", "version",
        "dlx", "exec", "x", "set", "plugin", "node", "npm", "bin", "constraints", "import", "dedupe", "prune", "store", "fetch",
        "rebuild", "install-test", "help", "whoami", "owner", "dist-tag", "deprecate", "doctor", "explain", "fund", "query", "sbom",
        "pm", "patch", "patch-commit", "licenses", "env", "setup", "self-update", "workspaces", "workspace", "upgrade-interactive",
        "tag", "team", "token", "unpublish", "search", "shrinkwrap", "star", "stars", "hook", "org", "profile", "access", "adduser",
        "completion", "edit", "explore", "prefix", "root", "pkg", "diff", "sbom", "build", "--version", "-v",
    };

    private readonly Workspace workspace;
    private readonly Dictionary<string, BuildFile?> buildFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<CiCommand>> expansions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> filesByDirectory;

    internal CommandFollower(Workspace workspace)
    {
        this.workspace = workspace;
        filesByDirectory = [];
        foreach (var file in workspace.Files.Files)
        {
            if (!filesByDirectory.TryGetValue(file.Directory, out var list))
            {
                list = [];
                filesByDirectory[file.Directory] = list;
            }

            list.Add(file.Path);
        }
    }

    /// <summary>
    /// The commands of a run block (a step's <c>run:</c>, a script line of another CI system) followed through the
    /// build: the block's own commands first, each followed by what it calls.
    /// </summary>
    public IReadOnlyList<CiCommand> Follow(string text, string path, int line, string directory) => Follow(text, path, line, directory, out _);

    /// <summary>As <see cref="Follow(string, string, int, string)"/>, also giving the directory the block ends in (after its <c>cd</c>s).</summary>
    public IReadOnlyList<CiCommand> Follow(string text, string path, int line, string directory, out string finalDirectory)
    {
        var result = new List<CiCommand>();
        finalDirectory = FollowBlock(new Block(text, path, line, directory, null, null, false, null), 0, [], result, new HashSet<string>(StringComparer.Ordinal));
        return result;
    }

    /// <summary>The RUN lines of an image build of <paramref name="dockerfile"/> (to <paramref name="target"/> when set).</summary>
    public IReadOnlyList<CiCommand> FollowImageBuild(string dockerfile, string? target)
    {
        var result = new List<CiCommand>();
        foreach (var block in DockerBuild(dockerfile, target))
        {
            FollowBlock(block, 1, [], result, new HashSet<string>(StringComparer.Ordinal));
        }

        return result;
    }

    private readonly record struct Block(string Text, string Path, int Line, string Directory, string? Via, IReadOnlyList<string>? Arguments, bool Script, string? Key, IReadOnlyDictionary<string, string>? Variables = null);

    /// <summary>Follows a block's commands into <paramref name="result"/>; returns the directory it ends in.</summary>
    private string FollowBlock(Block block, int depth, List<string> stack, List<CiCommand> result, HashSet<string> followed)
    {
        var directory = block.Directory;
        var variables = block.Variables is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(block.Variables, StringComparer.Ordinal);
        var scriptDirectory = block.Script ? RelativePaths.DirectoryOf(block.Path) : null;
        var text = block.Script ? ScriptDirectoryReferences(block.Text, scriptDirectory!) : block.Text;
        foreach (var (raw, offset) in ShellWords.Commands(text))
        {
            var command = block.Script || block.Arguments is not null ? Substitute(raw, variables, block.Arguments, block.Path) : raw;
            result.Add(new CiCommand(command, block.Path, block.Line + offset, depth, block.Via));
            var tokens = ShellWords.Tokens(command);
            if (tokens.Count == 0)
            {
                continue;
            }

            if (Assignments(tokens, variables))
            {
                continue;
            }

            if (tokens[0] is "cd" or "pushd" && tokens.Count >= 2)
            {
                directory = ChangeDirectory(directory, tokens[1]);
                continue;
            }

            if (depth >= MaxDepth)
            {
                continue;
            }

            foreach (var call in Calls(tokens, directory, block))
            {
                // Never along one chain twice (a cycle), and once per step (a target called again adds nothing).
                if (stack.Contains(call.Key, StringComparer.Ordinal) || !followed.Add(call.Key))
                {
                    continue;
                }

                foreach (var expanded in Expand(call, stack))
                {
                    var absolute = expanded.Depth + depth + 1;
                    if (absolute <= MaxDepth)
                    {
                        result.Add(expanded with { Depth = absolute, Via = block.Via is null ? expanded.Via : $"{block.Via} → {expanded.Via}" });
                    }
                }
            }
        }

        return directory;
    }

    /// <summary>A call's expansion (depths relative to the call, <see cref="CiCommand.Via"/> starting at it), computed once per scan.</summary>
    private IReadOnlyList<CiCommand> Expand(Call call, List<string> stack)
    {
        if (expansions.TryGetValue(call.Key, out var known))
        {
            return known;
        }

        var result = new List<CiCommand>();
        var followed = new HashSet<string>(StringComparer.Ordinal);
        stack.Add(call.Key);
        foreach (var block in call.Blocks)
        {
            FollowBlock(block with { Via = call.Display }, 0, stack, result, followed);
        }

        stack.RemoveAt(stack.Count - 1);
        expansions[call.Key] = result;
        return result;
    }

    private sealed record Call(string Key, string Display, IEnumerable<Block> Blocks);

    /// <summary>What a simple command calls that can be followed.</summary>
    private IEnumerable<Call> Calls(List<string> tokens, string directory, Block from)
    {
        var (words, cwd, nested) = Unwrap(tokens, directory);
        if (nested is not null)
        {
            yield return new Call($"sh:{cwd}:{nested}", Shorten(nested), [new Block(nested, from.Path, from.Line, cwd, null, null, false, null)]);
            yield break;
        }

        if (words.Count == 0)
        {
            yield break;
        }

        var tool = ToolName(words[0]);
        Call? call = tool switch
        {
            "make" or "gmake" or "mingw32-make" => MakeCall(words, cwd),
            "just" => JustCall(words, cwd),
            "task" or "go-task" => TaskCall(words, cwd),
            "npm" or "yarn" or "pnpm" or "bun" => PackageCall(words, cwd),
            "lerna" or "turbo" or "nx" => MonorepoCall(words, cwd),
            "rake" => RakeCall(words.Skip(1).ToList(), cwd),
            "mix" => MixCall(words, cwd),
            "cargo" or "makers" => CargoCall(words, cwd),
            "tox" => ToxCall(words, cwd),
            "nox" => NoxCall(words, cwd),
            "poe" or "pdm" or "hatch" => PythonTaskCall(words, cwd),
            "dotnet" or "cake" or "nuke" or "dotnet-cake" => DotnetBuildCall(words, cwd),
            "docker" or "podman" or "buildah" or "docker-compose" => DockerCall(words, cwd),
            _ => null,
        };
        if (call is not null)
        {
            yield return call;
            yield break;
        }

        if (ScriptCall(words, cwd, from) is { } script)
        {
            yield return script;
        }
    }

    // ---------------------------------------------------------------- wrappers

    private static readonly HashSet<string> PlainWrappers = new(StringComparer.Ordinal)
    {
        "time", "exec", "nohup", "command", "builtin", "catchsegv", "travis_retry", "retry", "eatmydata", "stdbuf", "unbuffer", "call",
    };

    /// <summary>
    /// Removes what only wraps a command (environment assignments, sudo, env, timeout, xvfb-run, bundle exec, poetry/uv
    /// run, npx, nix/devbox/mise shells, docker compose run/exec and docker run) and returns the command inside, the
    /// directory it runs in, or a nested command string (bash -c "...").
    /// </summary>
    private (List<string> Words, string Directory, string? Nested) Unwrap(List<string> tokens, string directory)
    {
        var words = tokens;
        var cwd = directory;
        for (var guard = 0; guard < 12 && words.Count > 0; guard++)
        {
            var first = words[0];
            if (Assignment().IsMatch(first))
            {
                words = words.Skip(1).ToList();
                continue;
            }

            if (PlainWrappers.Contains(first))
            {
                words = words.Skip(1).SkipWhile(w => w.StartsWith('-') || first == "travis_wait" && int.TryParse(w, out _)).ToList();
                continue;
            }

            switch (first)
            {
                case "sudo":
                    words = SkipOptions(words.Skip(1).ToList(), ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"]);
                    continue;
                case "env":
                    words = words.Skip(1).SkipWhile(w => w.StartsWith('-') || Assignment().IsMatch(w)).ToList();
                    continue;
                case "nice":
                    words = SkipOptions(words.Skip(1).ToList(), ["-n"]);
                    continue;
                case "timeout" or "gtimeout":
                    words = SkipOptions(words.Skip(1).ToList(), ["-s", "-k", "--signal", "--kill-after"]).Skip(1).ToList();
                    continue;
                case "xvfb-run":
                    words = SkipOptions(words.Skip(1).ToList(), ["-s", "-n", "-f", "-e", "-p", "--server-args", "--server-num", "--auth-file", "--error-file"]);
                    continue;
                case "travis_wait":
                    words = words.Skip(1).SkipWhile(w => int.TryParse(w, out _)).ToList();
                    continue;
                case "cross-env" or "dotenv":
                    words = words.Skip(1).SkipWhile(w => w.StartsWith('-') || Assignment().IsMatch(w) || w == "--").ToList();
                    continue;
                case "yarn" or "pnpm" or "bun" or "npm" when words.Count > 1 && (words[1] is "nx" or "turbo" or "lerna" || words[1] == "exec" && words[0] != "npm"):
                    // The package manager runs the workspace's own binary: yarn nx ..., pnpm exec turbo ...
                    words = words.Skip(words[1] == "exec" ? 2 : 1).ToList();
                    continue;
                case "npx" or "bunx" or "pnpx":
                    words = SkipOptions(words.Skip(1).ToList(), ["-p", "--package", "-c", "--call"]);
                    continue;
                case "bundle" or "poetry" or "pipenv" or "rye" or "asdf" when words.Count > 1 && words[1] is "exec" or "run":
                    words = SkipOptions(words.Skip(2).ToList(), []);
                    continue;
                case "uv" when words.Count > 1 && words[1] == "run":
                {
                    var rest = words.Skip(2).ToList();
                    var k = 0;
                    while (k < rest.Count && rest[k].StartsWith('-'))
                    {
                        if (rest[k] is "--directory" or "--project" && k + 1 < rest.Count)
                        {
                            cwd = RelativePaths.Combine(cwd, rest[k + 1]);
                            k += 2;
                            continue;
                        }

                        k += rest[k].Contains('=', StringComparison.Ordinal) || UvFlags.Contains(rest[k]) ? 1 : 2;
                    }

                    words = rest.Skip(k).SkipWhile(w => w == "--").ToList();
                    continue;
                }

                case "pnpm" or "yarn" when words.Count > 1 && words[1] is "exec" or "dlx":
                case "npm" when words.Count > 1 && words[1] is "exec" or "x":
                case "dotnet" when words.Count > 2 && words[1] == "tool" && words[2] == "run":
                    words = words.Skip(words[0] == "dotnet" ? 3 : 2).SkipWhile(w => w.StartsWith('-')).ToList();
                    continue;
                case "mise" or "rtx" when words.Count > 1 && words[1] is "exec" or "x":
                    words = words.SkipWhile(w => w != "--").Skip(1).ToList();
                    continue;
                case "devbox" when words.Count > 1 && words[1] == "run":
                    words = words.Skip(2).SkipWhile(w => w.StartsWith('-')).ToList();
                    continue;
                case "nix" when words.Count > 1 && words[1] is "develop" or "shell":
                {
                    var c = words.FindIndex(w => w is "-c" or "--command");
                    words = c < 0 ? [] : words.Skip(c + 1).ToList();
                    continue;
                }

                case "nix-shell":
                {
                    var run = words.FindIndex(w => w is "--run" or "--command");
                    return run >= 0 && run + 1 < words.Count ? ([], cwd, words[run + 1]) : ([], cwd, null);
                }

                case "bash" or "sh" or "zsh" or "dash" or "ksh" when words.Count > 2 && words.Skip(1).TakeWhile(w => w.StartsWith('-')).Any(w => w.Contains('c', StringComparison.Ordinal)):
                {
                    var index = words.FindIndex(1, w => !w.StartsWith('-'));
                    return index > 0 ? ([], cwd, words[index]) : ([], cwd, null);
                }

                case "docker" or "podman" when DockerNested(words) is { } inner:
                    words = inner;
                    cwd = string.Empty;
                    continue;
                case "docker-compose" when ComposeNested(words.Skip(1).ToList()) is { } inner:
                    words = inner;
                    cwd = string.Empty;
                    continue;
            }

            break;
        }

        return (words, cwd, null);
    }

    private static readonly HashSet<string> UvFlags = new(StringComparer.Ordinal)
    {
        "--frozen", "--locked", "--no-sync", "--isolated", "--active", "--no-project", "--all-extras", "--all-packages", "--no-dev",
        "--only-dev", "--exact", "--offline", "--no-cache", "-q", "--quiet", "-v", "--verbose", "--all-groups", "--no-default-groups",
        "--no-editable", "--module", "-m", "--script", "-s", "--gui-script", "--no-env-file", "--compile-bytecode", "--refresh",
    };

    private static List<string> SkipOptions(List<string> words, string[] withValue)
    {
        var k = 0;
        while (k < words.Count && words[k].StartsWith('-'))
        {
            k += withValue.Contains(words[k], StringComparer.Ordinal) ? 2 : 1;
        }

        return words.Skip(k).SkipWhile(w => w == "--").ToList();
    }

    private static readonly string[] DockerRunValueOptions =
    [
        "-e", "--env", "-v", "--volume", "-w", "--workdir", "-p", "--publish", "--name", "--network", "--net", "-u", "--user", "--entrypoint",
        "--env-file", "--mount", "-l", "--label", "--platform", "--add-host", "--cpus", "-m", "--memory", "--shm-size", "--ulimit", "--cap-add",
        "--cap-drop", "--device", "--hostname", "-h", "--link", "--log-driver", "--pull", "--restart", "--security-opt", "--tmpfs", "--gpus",
        "--ipc", "--pid", "--cidfile", "--dns", "--volumes-from", "--group-add", "--runtime", "--stop-signal", "--health-cmd",
    ];

    /// <summary>The command a <c>docker run</c>, <c>docker compose run/exec</c> executes in the container, if one is given.</summary>
    private List<string>? DockerNested(List<string> words)
    {
        if (words.Count > 2 && words[1] is "run" && words[0] is "docker" or "podman")
        {
            var rest = SkipOptions(words.Skip(2).ToList(), DockerRunValueOptions);
            return rest.Count > 1 ? rest.Skip(1).ToList() : null;
        }

        if (words.Count > 2 && words[1] is "compose")
        {
            return ComposeNested(words.Skip(2).ToList());
        }

        return null;
    }

    private static List<string>? ComposeNested(List<string> words)
    {
        var rest = SkipOptions(words, ["-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi", "--progress"]);
        if (rest.Count < 2 || rest[0] is not ("run" or "exec"))
        {
            return null;
        }

        var afterVerb = SkipOptions(rest.Skip(1).ToList(), ["-e", "--env", "-w", "--workdir", "-u", "--user", "--entrypoint", "-v", "--volume", "-p", "--publish", "--name", "-l", "--label", "--index", "--env-from-file", "--pull", "--cap-add", "--cap-drop"]);
        return afterVerb.Count > 1 ? afterVerb.Skip(1).ToList() : null;
    }

    /// <summary>The program a word runs: /usr/bin/make is make, bin/rake is rake; other binstubs stay paths (scripts).</summary>
    private static string ToolName(string word)
    {
        var name = RelativePaths.FileName(word);
        if (name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^4];
        }

        if (word.StartsWith("bin/", StringComparison.Ordinal) || word.StartsWith("./bin/", StringComparison.Ordinal))
        {
            return name == "rake" ? name : word;
        }

        return name;
    }

    // ---------------------------------------------------------------- make

    private Call? MakeCall(List<string> words, string cwd)
    {
        var directory = cwd;
        string? file = null;
        var targets = new List<string>();
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k];
            if (w is "-C" or "--directory" && k + 1 < words.Count)
            {
                directory = RelativePaths.Combine(directory, words[++k]);
            }
            else if (w.StartsWith("--directory=", StringComparison.Ordinal))
            {
                directory = RelativePaths.Combine(directory, w["--directory=".Length..]);
            }
            else if (w.StartsWith("-C", StringComparison.Ordinal) && w.Length > 2)
            {
                directory = RelativePaths.Combine(directory, w[2..]);
            }
            else if (w is "-f" or "--file" or "--makefile" && k + 1 < words.Count)
            {
                file = words[++k];
            }
            else if (w is "-j" or "-l" or "-o" or "-W" or "-I" && k + 1 < words.Count && !words[k + 1].StartsWith('-'))
            {
                if (w is "-o" or "-W" or "-I" || int.TryParse(words[k + 1], out _))
                {
                    k++;
                }
            }
            else if (w.StartsWith('-'))
            {
            }
            else if (Assignment().Match(w) is { Success: true } m)
            {
                overrides[m.Groups[1].Value] = w[(w.IndexOf('=') + 1)..];
            }
            else
            {
                targets.Add(w);
            }
        }

        var path = file is not null
            ? RelativePaths.Combine(directory, file)
            : new[] { "GNUmakefile", "makefile", "Makefile" }.Select(n => RelativePaths.Combine(directory, n)).FirstOrDefault(p => workspace.Text(p) is not null);
        if (path is null || Load("make", path) is not { } makefile)
        {
            return null;
        }

        if (targets.Count == 0 && makefile.DefaultTarget is { } goal)
        {
            targets.Add(goal);
        }

        var display = "make " + string.Join(' ', targets);
        return new Call($"make:{path}#{string.Join(',', targets)}#{string.Join(',', overrides.Select(o => o.Key + "=" + o.Value))}", display.Trim(),
            Targets(makefile, targets, overrides, directory));
    }

    /// <summary>The blocks of targets in run order: each target's dependencies first, each target once.</summary>
    private static IEnumerable<Block> Targets(BuildFile file, IEnumerable<string> names, IReadOnlyDictionary<string, string> values, string? directoryOverride, IReadOnlyList<string>? arguments = null)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Block>();
        foreach (var name in names)
        {
            Visit(name, arguments, 0);
        }

        return result;

        void Visit(string name, IReadOnlyList<string>? args, int depth)
        {
            if (depth > 12 || !done.Add(name) || file.Target(name) is not { } target)
            {
                return;
            }

            foreach (var dependency in target.Dependencies)
            {
                Visit(dependency, null, depth + 1);
            }

            var bound = new Dictionary<string, string>(values, StringComparer.Ordinal) { ["@"] = name };
            var parameters = target.Parameters ?? [];
            for (var p = 0; p < parameters.Count; p++)
            {
                var parameter = parameters[p].TrimStart('*', '+', '$');
                var variadic = parameters[p][0] is '*' or '+';
                if (args is not null && p < args.Count)
                {
                    bound[parameter] = variadic ? string.Join(' ', args.Skip(p)) : args[p];
                }
                else if (target.Defaults.TryGetValue(parameter, out var fallback))
                {
                    bound[parameter] = fallback;
                }
                else if (parameters[p][0] == '*')
                {
                    bound[parameter] = string.Empty;
                }
            }

            var directory = target.Directory ?? directoryOverride ?? file.Directory;
            foreach (var line in target.Lines)
            {
                if (line.Call is not null)
                {
                    Visit(line.Call, null, depth + 1);
                    continue;
                }

                result.Add(new Block(file.Substitute(line.Text, bound), target.Path ?? file.Path, line.Line, directory, null, null, line.Script, null));
            }
        }
    }

    // ---------------------------------------------------------------- just and task

    private Call? JustCall(List<string> words, string cwd)
    {
        string? file = null;
        var directory = cwd;
        var positional = new List<string>();
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k];
            if (positional.Count > 0)
            {
                // After the first recipe every word is a recipe or an argument.
                positional.Add(w);
            }
            else if (w is "-f" or "--justfile" && k + 1 < words.Count)
            {
                file = words[++k];
            }
            else if (w is "-d" or "--working-directory" && k + 1 < words.Count)
            {
                directory = RelativePaths.Combine(directory, words[++k]);
            }
            else if (w is "--set" && k + 2 < words.Count)
            {
                k += 2;
            }
            else if (w.StartsWith('-'))
            {
                if (w is "--list" or "-l" or "--summary" or "--show" or "-s" or "--dump" or "--fmt" or "--evaluate" or "--choose" or "--init" or "--edit")
                {
                    return null;
                }
            }
            else
            {
                positional.Add(w);
            }
        }

        var path = file is not null ? RelativePaths.Combine(directory, file) : FindUpwards(directory, ["justfile", "Justfile", ".justfile"]);
        if (path is null || Load("just", path) is not { } justfile)
        {
            return null;
        }

        // "just a b c": recipes in order, each taking as many arguments as it has parameters.
        var calls = new List<(string Recipe, List<string> Arguments)>();
        for (var k = 0; k < positional.Count;)
        {
            var recipe = justfile.Target(positional[k]);
            if (recipe is null)
            {
                break;
            }

            var parameters = recipe.Parameters ?? [];
            var variadic = parameters.Count > 0 && parameters[^1][0] is '*' or '+';
            var args = positional.Skip(k + 1).Take(variadic ? int.MaxValue : parameters.Count).ToList();
            calls.Add((recipe.Name, args));
            k += 1 + args.Count;
        }

        if (positional.Count == 0 && justfile.DefaultTarget is { } fallback)
        {
            calls.Add((fallback, []));
        }

        if (calls.Count == 0)
        {
            return null;
        }

        var blocks = calls.SelectMany(c => Targets(justfile, [c.Recipe], new Dictionary<string, string>(), null, c.Arguments)).ToList();
        return new Call($"just:{path}#{string.Join(' ', positional)}", "just " + string.Join(' ', calls.Select(c => c.Recipe)), blocks);
    }

    private Call? TaskCall(List<string> words, string cwd)
    {
        string? file = null;
        var directory = cwd;
        var names = new List<string>();
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k];
            if (w is "-d" or "--dir" && k + 1 < words.Count)
            {
                directory = RelativePaths.Combine(directory, words[++k]);
            }
            else if (w is "-t" or "--taskfile" && k + 1 < words.Count)
            {
                file = words[++k];
            }
            else if (w == "--")
            {
                break;
            }
            else if (w.StartsWith('-'))
            {
                if (w is "--list" or "-l" or "--list-all" or "-a" or "--init" or "-i" or "--summary")
                {
                    return null;
                }
            }
            else if (!Assignment().IsMatch(w))
            {
                names.Add(w);
            }
        }

        var path = file is not null ? RelativePaths.Combine(directory, file) : FindUpwards(directory, TaskfileReader.FileNames);
        if (path is null)
        {
            // taskipy: "task test" runs [tool.taskipy.tasks] of pyproject.toml.
            return PythonTasks("taskipy", names.Take(1).ToList(), directory);
        }

        if (Load("task", path) is not { } taskfile)
        {
            return null;
        }

        // Words that name no task are values of options ("--output group").
        var asked = names.Count;
        names = names.Where(n => taskfile.Target(n) is not null).ToList();
        if (asked == 0)
        {
            names.Add("default");
        }
        else if (names.Count == 0)
        {
            return null;
        }

        return new Call($"task:{path}#{string.Join(',', names)}", "task " + string.Join(' ', names), Targets(taskfile, names, new Dictionary<string, string>(), null));
    }

    // ---------------------------------------------------------------- package scripts

    private Call? PackageCall(List<string> words, string cwd)
    {
        var manager = ToolName(words[0]);
        var directory = cwd;
        var rest = new List<string>();
        var filters = new List<string>();
        var all = false;
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k];
            if (w is "--prefix" or "-C" or "--cwd" or "--dir" && k + 1 < words.Count)
            {
                directory = RelativePaths.Combine(directory, words[++k]);
            }
            else if (w.StartsWith("--prefix=", StringComparison.Ordinal) || w.StartsWith("--cwd=", StringComparison.Ordinal) || w.StartsWith("--dir=", StringComparison.Ordinal))
            {
                directory = RelativePaths.Combine(directory, w[(w.IndexOf('=') + 1)..]);
            }
            else if (w is "--filter" or "-F" or "--workspace" or "-w" && k + 1 < words.Count)
            {
                filters.Add(words[++k]);
            }
            else if (w.StartsWith("--filter=", StringComparison.Ordinal) || w.StartsWith("--workspace=", StringComparison.Ordinal))
            {
                filters.Add(w[(w.IndexOf('=') + 1)..]);
            }
            else if (w is "-r" or "--recursive" or "--workspaces" or "-ws" or "--all" or "-A")
            {
                all = true;
            }
            else if (w == "--")
            {
                rest.AddRange(words.Skip(k));
                break;
            }
            else if (w.StartsWith('-') && rest.Count == 0)
            {
                if (w is "--silent" or "-s" or "--if-present" or "--parallel" or "--stream" or "--frozen-lockfile" or "-q" or "--quiet")
                {
                    continue;
                }
            }
            else
            {
                rest.Add(w);
            }
        }

        if (rest.Count == 0)
        {
            return null;
        }

        string script;
        switch (rest[0])
        {
            case "run" or "run-script" or "rum" or "urn":
                if (rest.Count < 2)
                {
                    return null;
                }

                script = rest[1];
                break;
            case "test" when manager == "bun":
                // bun test is Bun's own test runner, not a package script.
                return null;
            case "test" or "t" or "tst" or "start" or "stop" or "restart":
                script = rest[0] switch { "t" or "tst" => "test", var s => s };
                break;
            case "workspace" when manager == "yarn" && rest.Count >= 3:
                filters.Add(rest[1]);
                script = rest[2] == "run" && rest.Count >= 4 ? rest[3] : rest[2];
                break;
            case "workspaces" when manager == "yarn":
            {
                var run = rest.IndexOf("run");
                if (run < 0 || run + 1 >= rest.Count)
                {
                    return null;
                }

                all = true;
                script = rest[run + 1];
                break;
            }

            default:
                if (manager == "npm" || PackageManagerBuiltins.Contains(rest[0]) || rest[0].StartsWith('-'))
                {
                    return null;
                }

                script = rest[0];
                break;
        }

        var packages = PackagesFor(directory, filters, all);
        var blocks = new List<Block>();
        foreach (var package in packages)
        {
            foreach (var name in new[] { "pre" + script, script, "post" + script })
            {
                if (package.Scripts.TryGetValue(name, out var body))
                {
                    blocks.Add(new Block(body.Command, package.Path, body.Line, package.Directory, null, null, false, null));
                }
            }
        }

        if (blocks.Count == 0)
        {
            return null;
        }

        return new Call($"pkg:{string.Join(',', packages.Select(p => p.Path))}#{script}", $"{manager} run {script}", blocks);
    }

    private Call? MonorepoCall(List<string> words, string cwd)
    {
        var tool = ToolName(words[0]);
        var scripts = new List<string>();
        if (tool == "turbo")
        {
            var rest = words.Skip(1).ToList();
            if (rest.Count > 0 && rest[0] == "run")
            {
                rest = rest.Skip(1).ToList();
            }

            scripts.AddRange(rest.TakeWhile(w => !w.StartsWith('-')));
        }
        else if (tool == "lerna" && words.Count > 2 && words[1] == "run")
        {
            scripts.Add(words[2]);
        }
        else if (tool == "nx")
        {
            var t = words.FindIndex(w => w is "-t" or "--target" or "--targets");
            var joined = words.FirstOrDefault(w => w.StartsWith("--targets=", StringComparison.Ordinal) || w.StartsWith("--target=", StringComparison.Ordinal) || w.StartsWith("-t=", StringComparison.Ordinal));
            if (joined is not null)
            {
                scripts.AddRange(joined[(joined.IndexOf('=') + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (t > 0 && t + 1 < words.Count)
            {
                scripts.AddRange(words[t + 1].Split(','));
            }
            else if (words.Count > 1 && words[1] == "run" && words.Count > 2 && words[2].Contains(':', StringComparison.Ordinal))
            {
                scripts.Add(words[2][(words[2].IndexOf(':') + 1)..]);
            }
            else if (words.Count > 1 && !words[1].StartsWith('-') && words[1] is not ("affected" or "run-many" or "run" or "graph" or "show" or "format" or "format:check" or "release"))
            {
                scripts.Add(words[1]);
            }
        }

        var blocks = new List<Block>();
        foreach (var package in workspace.PackageJsons.Where(p => RelativePaths.IsUnder(p.Directory, cwd)))
        {
            foreach (var script in scripts)
            {
                if (package.Scripts.TryGetValue(script, out var body) && !body.Command.Contains(tool + " ", StringComparison.Ordinal))
                {
                    blocks.Add(new Block(body.Command, package.Path, body.Line, package.Directory, null, null, false, null));
                }
            }
        }

        if (tool == "nx")
        {
            blocks.AddRange(NxTargetCommands(cwd, scripts));
        }

        return blocks.Count == 0 ? null : new Call($"{tool}:{cwd}#{string.Join(',', scripts)}", $"{tool} {string.Join(' ', scripts)}", blocks);
    }

    /// <summary>
    /// The commands of the named targets in every Nx project.json under the directory: an nx run of a target runs it in
    /// each project that defines one (nx:run-commands "command" or "commands"), whatever the project's language.
    /// </summary>
    private List<Block> NxTargetCommands(string cwd, List<string> targets)
    {
        var blocks = new List<Block>();
        foreach (var file in workspace.Files.Files.Where(f => f.Name == "project.json" && RelativePaths.IsUnder(f.Directory, cwd)))
        {
            if (workspace.Text(file) is not { } text)
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text.Text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = Parsing.ParseGuard.MaxDepth });
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("targets", out var all) || all.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var target in targets)
                {
                    if (!all.TryGetProperty(target, out var definition) || definition.ValueKind != JsonValueKind.Object ||
                        !definition.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var line = LineOf(text.Text, $"\"{target}\"");
                    var directory = options.TryGetProperty("cwd", out var dir) && dir.ValueKind == JsonValueKind.String ? dir.GetString()! : file.Directory;
                    foreach (var command in NxCommands(options))
                    {
                        blocks.Add(new Block(command, file.Path, line, directory, null, null, false, null));
                    }
                }
            }
        }

        return blocks;

        static IEnumerable<string> NxCommands(JsonElement options)
        {
            if (options.TryGetProperty("command", out var single) && single.ValueKind == JsonValueKind.String)
            {
                yield return single.GetString()!;
            }

            if (options.TryGetProperty("commands", out var many) && many.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in many.EnumerateArray())
                {
                    var command = item.ValueKind == JsonValueKind.String ? item.GetString()
                        : item.ValueKind == JsonValueKind.Object && item.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (command is not null)
                    {
                        yield return command;
                    }
                }
            }
        }

        static int LineOf(string text, string literal) =>
            text.IndexOf(literal, StringComparison.Ordinal) is var i and >= 0 ? 1 + text.AsSpan(0, i).Count('\n') : 1;
    }

    private List<PackageJson> PackagesFor(string directory, List<string> filters, bool all)
    {
        var packages = workspace.PackageJsons;
        if (filters.Count > 0)
        {
            return packages.Where(p => filters.Any(f => FilterMatches(f, p, directory))).ToList();
        }

        if (all)
        {
            var under = packages.Where(p => RelativePaths.IsUnder(p.Directory, directory) && p.Directory != directory).ToList();
            return under.Count > 0 ? under : packages.Where(p => p.Directory == directory).ToList();
        }

        // The nearest package.json at or above the directory, as npm looks for it.
        for (var d = directory; ; d = RelativePaths.DirectoryOf(d))
        {
            if (packages.FirstOrDefault(p => p.Directory == d) is { } found)
            {
                return [found];
            }

            if (d.Length == 0)
            {
                return [];
            }
        }
    }

    private static bool FilterMatches(string filter, PackageJson package, string directory)
    {
        var f = filter.TrimStart('!').TrimEnd('.').TrimStart('.');
        if (filter.StartsWith("./", StringComparison.Ordinal) || filter.StartsWith("{", StringComparison.Ordinal))
        {
            var path = RelativePaths.Combine(directory, filter.Trim('{', '}'));
            return RelativePaths.IsUnder(package.Directory, path.TrimEnd('*', '/'));
        }

        if (package.Name is not { } name)
        {
            return package.Directory.EndsWith(filter, StringComparison.Ordinal);
        }

        if (f.Contains('*', StringComparison.Ordinal))
        {
            var prefix = f[..f.IndexOf('*')];
            return name.StartsWith(prefix, StringComparison.Ordinal);
        }

        return name == f || package.Directory == f || package.Directory.EndsWith("/" + f, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- scripts

    private Call? ScriptCall(List<string> words, string cwd, Block from)
    {
        var k = 0;
        var interpreter = words[0];
        if (interpreter is "bash" or "sh" or "zsh" or "dash" or "source" or "." or "pwsh" or "powershell" or "powershell.exe" or "pwsh.exe" or "python" or "python3" or "cmd" or "cmd.exe" or "ruby" or "node")
        {
            k = 1;
            while (k < words.Count && (words[k].StartsWith('-') || words[k].StartsWith('/') && interpreter.StartsWith("cmd", StringComparison.Ordinal)))
            {
                k += words[k] is "-ExecutionPolicy" or "-ep" or "-o" ? 2 : 1;
            }

            if (interpreter is "python" or "python3" && words.Skip(1).Any(w => w == "-m"))
            {
                return null;
            }
        }

        if (k >= words.Count)
        {
            return null;
        }

        var word = words[k];
        var name = RelativePaths.FileName(word);
        var hasExtension = ScriptExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        if (k == 0 && !word.Contains('/', StringComparison.Ordinal) && !hasExtension)
        {
            return null;
        }

        var scriptDirectory = from.Script ? RelativePaths.DirectoryOf(from.Path) : null;
        var path = ResolveScript(word, cwd, scriptDirectory);
        if (path is null || RelativePaths.FileName(path) is var file && (file is "gradlew" or "mvnw" or "gradlew.bat" or "mvnw.cmd"))
        {
            return null;
        }

        var text = workspace.Text(path)!;
        if (text.Text.Length > 0 && text.Text.IndexOf('\0') >= 0)
        {
            return null;
        }

        var arguments = words.Skip(k + 1).ToList();
        return new Call($"script:{path}#{cwd}#{string.Join(' ', arguments)}", ShortScript(word, arguments), [new Block(text.Text, path, 1, cwd, null, arguments, true, null)]);
    }

    private string? ResolveScript(string word, string cwd, string? scriptDirectory)
    {
        var relative = RootReference().Replace(word, string.Empty);
        if (relative.Length == 0 || relative.Contains('$', StringComparison.Ordinal) || relative.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }

        if (relative.StartsWith('/') && relative == word)
        {
            return null;
        }

        foreach (var candidate in new[] { RelativePaths.Combine(cwd, relative), scriptDirectory is null ? null : RelativePaths.Combine(scriptDirectory, relative), RelativePaths.Combine(string.Empty, relative) })
        {
            if (candidate is { Length: > 0 } && workspace.Text(candidate) is not null && LooksLikeScript(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool LooksLikeScript(string path)
    {
        var name = RelativePaths.FileName(path);
        return ScriptExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || !name.Contains('.', StringComparison.Ordinal) && !MakefileReader.IsMakefile(name) && !JustfileReader.IsJustfile(name) && name is not ("Dockerfile" or "Rakefile" or "Gemfile" or "Procfile" or "Jenkinsfile" or "LICENSE" or "Vagrantfile");
    }

    // ---------------------------------------------------------------- other build tools

    private Call? RakeCall(List<string> args, string cwd)
    {
        string? file = null;
        var tasks = new List<string>();
        for (var k = 0; k < args.Count; k++)
        {
            if (args[k] is "-f" or "--rakefile" && k + 1 < args.Count)
            {
                file = args[++k];
            }
            else if (!args[k].StartsWith('-') && !Assignment().IsMatch(args[k]))
            {
                tasks.Add(args[k].Split('[')[0]);
            }
        }

        var path = file is not null ? RelativePaths.Combine(cwd, file) : FindUpwards(cwd, ["Rakefile", "rakefile", "Rakefile.rb"]);
        if (path is null || Load("rake", path) is not { } rakefile)
        {
            return null;
        }

        if (tasks.Count == 0)
        {
            tasks.Add(rakefile.DefaultTarget ?? "default");
        }

        return new Call($"rake:{path}#{string.Join(',', tasks)}", "rake " + string.Join(' ', tasks), Targets(rakefile, tasks, new Dictionary<string, string>(), null));
    }

    private Call? MixCall(List<string> words, string cwd)
    {
        if (words.Count < 2 || words[1].StartsWith('-'))
        {
            return null;
        }

        var path = FindUpwards(cwd, ["mix.exs"]);
        if (path is null || Load("mix", path) is not { } mix || mix.Target(words[1]) is null)
        {
            return null;
        }

        return new Call($"mix:{path}#{words[1]}", "mix " + words[1], Targets(mix, [words[1]], new Dictionary<string, string>(), null));
    }

    private Call? CargoCall(List<string> words, string cwd)
    {
        var rest = words.Skip(1).SkipWhile(w => w.StartsWith('+')).ToList();
        if (ToolName(words[0]) == "makers" || rest.Count > 0 && rest[0] == "make")
        {
            var args = ToolName(words[0]) == "makers" ? rest : rest.Skip(1).ToList();
            string? file = null;
            var tasks = new List<string>();
            for (var k = 0; k < args.Count; k++)
            {
                if (args[k] is "--makefile" && k + 1 < args.Count)
                {
                    file = args[++k];
                }
                else if (args[k] is "-p" or "--profile" or "-e" or "--env" or "--cwd" && k + 1 < args.Count)
                {
                    k++;
                }
                else if (!args[k].StartsWith('-'))
                {
                    tasks.Add(args[k]);
                    break;
                }
            }

            var path = file is not null ? RelativePaths.Combine(cwd, file) : FindUpwards(cwd, ["Makefile.toml"]);
            if (path is null || Load("cargo-make", path) is not { } makefile)
            {
                return null;
            }

            if (tasks.Count == 0)
            {
                tasks.Add(makefile.DefaultTarget ?? "default");
            }

            return new Call($"cargo-make:{path}#{string.Join(',', tasks)}", "cargo make " + string.Join(' ', tasks), Targets(makefile, tasks, new Dictionary<string, string>(), null));
        }

        if (rest.Count == 0 || rest[0].StartsWith('-'))
        {
            return null;
        }

        // Cargo aliases of .cargo/config.toml, xtask among them.
        var config = FindUpwards(cwd, [".cargo/config.toml", ".cargo/config"]);
        if (config is not null && Load("cargo-alias", config) is { } aliases && aliases.Target(rest[0]) is { } alias)
        {
            var expanded = alias.Lines[0].Text;
            var xtask = XtaskSources(expanded);
            var blocks = new List<Block> { new(("cargo " + expanded + " " + string.Join(' ', rest.Skip(1))).Trim(), config, alias.Line, cwd, null, null, false, null) };
            blocks.AddRange(xtask.Select(s => new Block(s.Text, s.File.Path, 1, cwd, null, null, false, null)));
            return new Call($"cargo-alias:{config}#{rest[0]}", "cargo " + rest[0], blocks);
        }

        if (rest[0] == "xtask")
        {
            var sources = XtaskSources("run --package xtask");
            return sources.Count == 0 ? null : new Call("xtask", "cargo xtask", sources.Select(s => new Block(s.Text, s.File.Path, 1, cwd, null, null, false, null)).ToList());
        }

        return null;
    }

    /// <summary>The sources of an xtask crate an alias runs (<c>run --package xtask</c>), which hold the commands it runs.</summary>
    private List<SourceText> XtaskSources(string alias)
    {
        var match = XtaskPackage().Match(alias);
        if (!match.Success)
        {
            return [];
        }

        var name = match.Groups[1].Value;
        return workspace.Files.Files
            .Where(f => f.Name.EndsWith(".rs", StringComparison.Ordinal) && (f.Path.StartsWith(name + "/src/", StringComparison.Ordinal) || f.Path.Contains("/" + name + "/src/", StringComparison.Ordinal)))
            .Select(f => workspace.Text(f)).OfType<SourceText>().Take(8).ToList();
    }

    private Call? ToxCall(List<string> words, string cwd)
    {
        string? config = null;
        var environments = new List<string>();
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k];
            if (w is "-c" or "--conf" or "--configfile" && k + 1 < words.Count)
            {
                config = RelativePaths.Combine(cwd, words[++k]);
            }
            else if (w is "-e" or "--env" && k + 1 < words.Count)
            {
                environments.AddRange(words[++k].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (w.StartsWith("-e", StringComparison.Ordinal) && w.Length > 2 && !w.StartsWith("--", StringComparison.Ordinal))
            {
                environments.AddRange(w[2..].Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (w == "--")
            {
                break;
            }
        }

        var path = config ?? new[] { "tox.ini", "tox.toml", "pyproject.toml", "setup.cfg" }.Select(n => RelativePaths.Combine(cwd, n)).FirstOrDefault(p => Load("tox", p) is { Targets.Count: > 0 });
        if (path is null || Load("tox", path) is not { } tox)
        {
            return null;
        }

        if (environments.Count == 0)
        {
            environments.AddRange(tox.DefaultTarget?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? ["testenv"]);
        }

        var names = environments.Select(e => tox.Target(e) is not null ? e : "testenv").Distinct(StringComparer.Ordinal).ToList();
        return new Call($"tox:{path}#{string.Join(',', names)}", "tox -e " + string.Join(',', environments), Targets(tox, names, new Dictionary<string, string>(), cwd));
    }

    private Call? NoxCall(List<string> words, string cwd)
    {
        var sessions = new List<string>();
        string? file = null;
        for (var k = 1; k < words.Count; k++)
        {
            if (words[k] is "-s" or "--session" or "--sessions" or "-e")
            {
                while (k + 1 < words.Count && !words[k + 1].StartsWith('-'))
                {
                    sessions.Add(words[++k]);
                }
            }
            else if (words[k] is "-f" or "--noxfile" && k + 1 < words.Count)
            {
                file = words[++k];
            }
            else if (words[k] == "--")
            {
                break;
            }
        }

        var path = RelativePaths.Combine(cwd, file ?? "noxfile.py");
        if (Load("nox", path) is not { } nox)
        {
            return null;
        }

        if (sessions.Count == 0)
        {
            sessions.AddRange(nox.DefaultTarget is { } defaults ? defaults.Split(',') : nox.Targets.Select(t => t.Name));
        }

        return new Call($"nox:{path}#{string.Join(',', sessions)}", "nox -s " + string.Join(' ', sessions), Targets(nox, sessions.Select(s => s.Split('(')[0]), new Dictionary<string, string>(), cwd));
    }

    private Call? PythonTaskCall(List<string> words, string cwd)
    {
        var tool = ToolName(words[0]);
        var rest = words.Skip(1).SkipWhile(w => w.StartsWith('-')).ToList();
        if (tool is "pdm" or "hatch")
        {
            if (rest.Count < 2 || rest[0] != "run")
            {
                return null;
            }

            rest = rest.Skip(1).SkipWhile(w => w.StartsWith('-')).ToList();
        }

        if (rest.Count == 0)
        {
            return null;
        }

        return PythonTasks(tool switch { "poe" => "poe", "pdm" => "pdm", _ => "hatch" }, [rest[0]], cwd);
    }

    private Call? PythonTasks(string runner, List<string> names, string cwd)
    {
        var path = FindUpwards(cwd, ["pyproject.toml"]);
        if (names.Count == 0 || path is null || Load("py-" + runner, path) is not { } tasks)
        {
            return null;
        }

        var name = names[0];
        if (tasks.Target(name) is null)
        {
            return null;
        }

        return new Call($"py-{runner}:{path}#{name}", $"{(runner == "taskipy" ? "task" : runner)} {name}", Targets(tasks, [name], new Dictionary<string, string>(), cwd));
    }

    private Call? DotnetBuildCall(List<string> words, string cwd)
    {
        var tool = ToolName(words[0]);
        List<string> args;
        string? project = null;
        if (tool == "dotnet" && words.Count > 1 && words[1] is "cake" or "cake.dll")
        {
            args = words.Skip(2).ToList();
            return CakeCall(args, cwd);
        }

        if (tool is "cake" or "dotnet-cake")
        {
            return CakeCall(words.Skip(1).ToList(), cwd);
        }

        if (tool == "nuke" || tool == "dotnet" && words.Count > 1 && words[1] == "nuke")
        {
            args = words.Skip(tool == "nuke" ? 1 : 2).ToList();
            project = null;
        }
        else if (tool == "dotnet" && words.Count > 3 && words[1] == "run")
        {
            var p = words.FindIndex(w => w is "--project" or "-p");
            if (p < 0 || p + 1 >= words.Count)
            {
                return null;
            }

            project = RelativePaths.Combine(cwd, words[p + 1]);
            var separator = words.IndexOf("--");
            args = separator < 0 ? [] : words.Skip(separator + 1).ToList();
        }
        else
        {
            return null;
        }

        return NukeCall(project, args, cwd);
    }

    private Call? CakeCall(List<string> args, string cwd)
    {
        var script = args.FirstOrDefault(a => a.EndsWith(".cake", StringComparison.OrdinalIgnoreCase));
        var path = script is not null ? RelativePaths.Combine(cwd, script) : FindUpwards(cwd, ["build.cake"]);
        if (path is null || Load("cake", path) is not { } cake)
        {
            return null;
        }

        var target = CakeTarget(args) ?? cake.DefaultTarget ?? "Default";
        return new Call($"cake:{path}#{target}", "cake " + target, Targets(cake, [target], new Dictionary<string, string>(), cwd));
    }

    private static string? CakeTarget(List<string> args)
    {
        for (var k = 0; k < args.Count; k++)
        {
            var a = args[k];
            if (a.StartsWith("--target=", StringComparison.OrdinalIgnoreCase) || a.StartsWith("-target=", StringComparison.OrdinalIgnoreCase))
            {
                return a[(a.IndexOf('=') + 1)..];
            }

            if (a is "--target" or "-target" or "-Target" or "-t" or "--Target" && k + 1 < args.Count)
            {
                return args[k + 1];
            }
        }

        return null;
    }

    private Call? NukeCall(string? project, List<string> args, string cwd)
    {
        var directory = project is null ? null : project.EndsWith("proj", StringComparison.OrdinalIgnoreCase) ? RelativePaths.DirectoryOf(project) : project;
        directory ??= new[] { "build", "_build", ".build", "nuke" }.FirstOrDefault(d => filesByDirectory.ContainsKey(d));
        if (directory is null || Load("nuke", directory) is not { Targets.Count: > 0 } nuke)
        {
            return null;
        }

        var targets = new List<string>();
        for (var k = 0; k < args.Count; k++)
        {
            if (args[k] is "--target" or "-target" or "--targets" && k + 1 < args.Count)
            {
                targets.Add(args[++k]);
            }
            else if (!args[k].StartsWith('-') && nuke.Target(args[k]) is not null)
            {
                targets.Add(args[k]);
            }
            else if (!args[k].StartsWith('-') && nuke.Targets.FirstOrDefault(t => t.Name.Equals(args[k], StringComparison.OrdinalIgnoreCase)) is { } named)
            {
                targets.Add(named.Name);
            }
        }

        if (targets.Count == 0 && nuke.DefaultTarget is { } fallback)
        {
            targets.Add(fallback);
        }

        return targets.Count == 0 ? null : new Call($"nuke:{directory}#{string.Join(',', targets)}", "nuke " + string.Join(' ', targets), Targets(nuke, targets, new Dictionary<string, string>(), cwd));
    }

    // ---------------------------------------------------------------- docker

    private Call? DockerCall(List<string> words, string cwd)
    {
        var tool = ToolName(words[0]);
        var rest = words.Skip(1).ToList();
        if (tool == "docker" && rest.Count > 0 && rest[0] is "buildx" or "image" or "builder")
        {
            rest = rest.Skip(1).ToList();
        }

        if (tool == "buildah" && rest.Count > 0 && rest[0] is "bud" or "build-using-dockerfile")
        {
            rest[0] = "build";
        }

        if (rest.Count > 0 && rest[0] == "build")
        {
            string? file = null;
            string? target = null;
            string? context = null;
            for (var k = 1; k < rest.Count; k++)
            {
                var w = rest[k];
                if (w is "-f" or "--file" && k + 1 < rest.Count)
                {
                    file = rest[++k];
                }
                else if (w.StartsWith("--file=", StringComparison.Ordinal))
                {
                    file = w["--file=".Length..];
                }
                else if (w == "--target" && k + 1 < rest.Count)
                {
                    target = rest[++k];
                }
                else if (w.StartsWith("--target=", StringComparison.Ordinal))
                {
                    target = w["--target=".Length..];
                }
                else if (w.StartsWith('-'))
                {
                    if (!w.Contains('=', StringComparison.Ordinal) && DockerBuildValueOptions.Contains(w) && k + 1 < rest.Count)
                    {
                        k++;
                    }
                }
                else
                {
                    context = w;
                }
            }

            if (context is null || context.Contains("://", StringComparison.Ordinal) || context == "-")
            {
                return null;
            }

            var contextPath = RelativePaths.Combine(cwd, context);
            var dockerfile = file is not null ? RelativePaths.Combine(cwd, file) : RelativePaths.Combine(contextPath, "Dockerfile");
            var blocks = DockerBuild(dockerfile, target);
            return blocks.Count == 0 ? null : new Call($"docker-build:{dockerfile}#{target}", $"docker build {(target is null ? string.Empty : "--target " + target + " ")}{dockerfile}", blocks);
        }

        // docker compose up --exit-code-from <service>: the service's command decides the result.
        var composeArgs = tool == "docker-compose" ? rest : rest.Count > 0 && rest[0] == "compose" ? rest.Skip(1).ToList() : null;
        if (composeArgs is not null)
        {
            var files = new List<string>();
            for (var k = 0; k < composeArgs.Count; k++)
            {
                if (composeArgs[k] is "-f" or "--file" && k + 1 < composeArgs.Count)
                {
                    files.Add(RelativePaths.Combine(cwd, composeArgs[++k]));
                }
            }

            var exit = composeArgs.FindIndex(w => w == "--exit-code-from");
            var service = exit >= 0 && exit + 1 < composeArgs.Count ? composeArgs[exit + 1] : composeArgs.FirstOrDefault(w => w.StartsWith("--exit-code-from=", StringComparison.Ordinal))?["--exit-code-from=".Length..];
            var verb = SkipOptions(composeArgs, ["-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory"]).FirstOrDefault();
            if (verb == "run")
            {
                var afterVerb = SkipOptions(SkipOptions(composeArgs, ["-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory"]).Skip(1).ToList(),
                    ["-e", "--env", "-w", "--workdir", "-u", "--user", "--entrypoint", "-v", "--volume", "-p", "--publish", "--name", "-l", "--label"]);
                service = afterVerb.Count == 1 ? afterVerb[0] : null;
            }

            if (service is null)
            {
                return null;
            }

            var compose = workspace.ComposeFiles.Where(c => files.Count == 0 ? RelativePaths.DirectoryOf(c.Path) == cwd : files.Contains(c.Path)).ToList();
            var definition = compose.SelectMany(c => c.Services.Select(s => (File: c, Service: s))).LastOrDefault(s => s.Service.Name == service && s.Service.Command is not null);
            if (definition.Service?.Command is not { } command)
            {
                return null;
            }

            return new Call($"compose:{definition.File.Path}#{service}", $"compose service {service}", [new Block(command, definition.File.Path, definition.Service.CommandLine, string.Empty, null, null, false, null)]);
        }

        return null;
    }

    private static readonly HashSet<string> DockerBuildValueOptions = new(StringComparer.Ordinal)
    {
        "-t", "--tag", "--build-arg", "--platform", "--label", "--cache-from", "--cache-to", "--secret", "--ssh", "--output", "-o", "--progress",
        "--network", "--build-context", "--iidfile", "--metadata-file", "--add-host", "--shm-size", "--ulimit", "--attest", "--allow", "--builder",
    };

    /// <summary>The RUN lines of the stages an image build runs: the target stage (or the last) and the stages it is built from.</summary>
    private List<Block> DockerBuild(string path, string? target)
    {
        var dockerfile = workspace.Dockerfiles.FirstOrDefault(d => d.Path == path);
        if (dockerfile is null)
        {
            return [];
        }

        var stages = new List<(string? Name, string From, List<DockerInstruction> Instructions)>();
        foreach (var instruction in dockerfile.Instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                var parts = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : null;
                stages.Add((name, parts.Length > 0 ? parts[0] : string.Empty, [instruction]));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        if (stages.Count == 0)
        {
            return [];
        }

        var end = target is null ? stages.Count - 1 : stages.FindIndex(s => string.Equals(s.Name, target, StringComparison.OrdinalIgnoreCase));
        if (end < 0)
        {
            return [];
        }

        var needed = new SortedSet<int>();
        void Need(int index)
        {
            if (!needed.Add(index))
            {
                return;
            }

            var stage = stages[index];
            var references = new List<string> { stage.From };
            references.AddRange(stage.Instructions.Where(i => i.Keyword is "COPY" or "ADD").Select(i => CopyFrom().Match(i.Arguments)).Where(m => m.Success).Select(m => m.Groups[1].Value));
            foreach (var reference in references)
            {
                var found = stages.FindIndex(0, index, s => string.Equals(s.Name, reference, StringComparison.OrdinalIgnoreCase));
                if (found >= 0)
                {
                    Need(found);
                }
                else if (int.TryParse(reference, out var number) && number < index)
                {
                    Need(number);
                }
            }
        }

        Need(end);
        var blocks = new List<Block>();
        foreach (var index in needed)
        {
            foreach (var run in stages[index].Instructions.Where(i => i.Keyword == "RUN"))
            {
                var command = RunMount().Replace(run.Arguments, string.Empty).Trim();
                if (command.StartsWith('['))
                {
                    command = string.Join(' ', command.Trim('[', ']').Split(',').Select(p => p.Trim().Trim('"')));
                }

                blocks.Add(new Block(command, dockerfile.Path, run.Line, dockerfile.Directory, null, null, false, null));
            }
        }

        return blocks;
    }

    // ---------------------------------------------------------------- helpers

    private BuildFile? Load(string tool, string path)
    {
        var key = tool + "|" + path;
        if (buildFiles.TryGetValue(key, out var known))
        {
            return known;
        }

        BuildFile? file = null;
        try
        {
            file = tool switch
            {
                "nuke" => NukeReader.Read(path, NukeSources(path)),
                _ when workspace.Text(path) is null => null,
                "make" => MakefileReader.Read(workspace.Text(path)!, workspace.Text, Glob),
                "just" => JustfileReader.Read(workspace.Text(path)!, workspace.Text),
                "task" => TaskfileReader.Read(workspace.Text(path)!, workspace.Text, out _),
                "rake" => RakefileReader.Read(workspace.Text(path)!, RakeTaskFiles(path)),
                "mix" => MixReader.Read(workspace.Text(path)!),
                "cargo-make" => CargoMakeReader.Read(workspace.Text(path)!),
                "cargo-alias" => CargoMakeReader.ReadAliases(workspace.Text(path)!),
                "tox" => ToxReader.Read(workspace.Text(path)!),
                "nox" => NoxReader.Read(workspace.Text(path)!),
                "cake" => CakeReader.Read(workspace.Text(path)!),
                _ when tool.StartsWith("py-", StringComparison.Ordinal) => PythonTaskReader.Read(workspace.Text(path)!, tool[3..]),
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or Tomlyn.TomlException)
        {
            file = null;
        }

        buildFiles[key] = file;
        return file;
    }

    private IEnumerable<SourceText> NukeSources(string directory) =>
        filesByDirectory.TryGetValue(directory, out var files)
            ? files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal)).Select(workspace.Text).OfType<SourceText>()
            : [];

    private IEnumerable<SourceText> RakeTaskFiles(string rakefile)
    {
        var tasks = RelativePaths.Combine(RelativePaths.DirectoryOf(rakefile), "lib/tasks");
        return filesByDirectory.TryGetValue(tasks, out var files)
            ? files.Where(f => f.EndsWith(".rake", StringComparison.Ordinal)).Select(workspace.Text).OfType<SourceText>()
            : [];
    }

    private IEnumerable<string> Glob(string pattern)
    {
        var directory = RelativePaths.DirectoryOf(pattern);
        var name = RelativePaths.FileName(pattern);
        if (!filesByDirectory.TryGetValue(directory, out var files))
        {
            return [];
        }

        var star = name.IndexOf('*');
        var prefix = name[..star];
        var suffix = name[(star + 1)..];
        return files.Where(f => RelativePaths.FileName(f) is var n && n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal));
    }

    private string? FindUpwards(string directory, IReadOnlyList<string> names)
    {
        for (var d = directory; ; d = RelativePaths.DirectoryOf(d))
        {
            foreach (var name in names)
            {
                var path = RelativePaths.Combine(d, name);
                if (workspace.Text(path) is not null)
                {
                    return path;
                }
            }

            if (d.Length == 0)
            {
                return null;
            }
        }
    }

    private static bool Assignments(List<string> tokens, Dictionary<string, string> variables)
    {
        var start = tokens[0] is "export" or "readonly" or "local" or "declare" or "typeset" ? 1 : 0;
        if (start >= tokens.Count)
        {
            return start > 0;
        }

        var assigned = false;
        for (var k = start; k < tokens.Count; k++)
        {
            if (tokens[k].StartsWith('-') && start > 0)
            {
                continue;
            }

            var m = Assignment().Match(tokens[k]);
            if (!m.Success)
            {
                return start > 0 && assigned;
            }

            var value = tokens[k][(tokens[k].IndexOf('=') + 1)..];
            if (!value.Contains("$(", StringComparison.Ordinal) && !value.Contains('`', StringComparison.Ordinal))
            {
                variables[m.Groups[1].Value] = value;
            }

            assigned = true;
        }

        return true;
    }

    private static string ChangeDirectory(string directory, string target)
    {
        var clean = RootReference().Replace(target, string.Empty);
        if (clean == "-" || clean.Contains('$', StringComparison.Ordinal) || clean.StartsWith('~'))
        {
            return directory;
        }

        if (clean != target || clean.StartsWith('/'))
        {
            return RelativePaths.Combine(string.Empty, clean.TrimStart('/'));
        }

        return RelativePaths.Combine(directory, clean);
    }

    /// <summary>Replaces <c>$(dirname "$0")</c>, <c>${BASH_SOURCE%/*}</c> and the like with the script's own directory.</summary>
    private static string ScriptDirectoryReferences(string text, string scriptDirectory)
    {
        if (!text.Contains("dirname", StringComparison.Ordinal) && !text.Contains("BASH_SOURCE", StringComparison.Ordinal) && !text.Contains("PSScriptRoot", StringComparison.Ordinal))
        {
            return text;
        }

        var here = scriptDirectory.Length == 0 ? "." : scriptDirectory;
        var parent = RelativePaths.DirectoryOf(scriptDirectory);
        var result = CdDirname().Replace(text, m => m.Groups[1].Success ? (parent.Length == 0 ? "." : parent) : here);
        result = Dirname().Replace(result, here);
        return result.Replace("$PSScriptRoot", here, StringComparison.Ordinal).Replace("${PSScriptRoot}", here, StringComparison.Ordinal);
    }

    /// <summary>Positional parameters and known variables of a script.</summary>
    private static string Substitute(string command, Dictionary<string, string> variables, IReadOnlyList<string>? arguments, string path)
    {
        if (arguments is not null && command.Contains('%', StringComparison.Ordinal) && (path.EndsWith(".cmd", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".bat", StringComparison.OrdinalIgnoreCase)))
        {
            command = BatchArgument().Replace(command, m => m.Value == "%*" ? string.Join(' ', arguments.Select(Quote)) : int.Parse(m.Value[1..], System.Globalization.CultureInfo.InvariantCulture) - 1 < arguments.Count ? arguments[int.Parse(m.Value[1..], System.Globalization.CultureInfo.InvariantCulture) - 1] : string.Empty);
        }

        if (!command.Contains('$', StringComparison.Ordinal))
        {
            return command;
        }

        return ShellVariable().Replace(command, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Value;
            var fallback = m.Groups[2].Success ? m.Groups[2].Value : null;
            if (name is "@" or "*")
            {
                return arguments is null ? m.Value : string.Join(' ', arguments.Select(Quote));
            }

            if (name == "0")
            {
                return path;
            }

            if (int.TryParse(name, out var index))
            {
                return arguments is not null && index - 1 < arguments.Count ? arguments[index - 1] : fallback ?? (arguments is null ? m.Value : string.Empty);
            }

            if (name == "args" && arguments is not null)
            {
                return string.Join(' ', arguments.Select(Quote));
            }

            return variables.TryGetValue(name, out var value) ? value : fallback ?? m.Value;
        });
    }

    private static string Quote(string argument) => argument.Contains(' ', StringComparison.Ordinal) ? $"\"{argument}\"" : argument;

    private static string ShortScript(string word, List<string> arguments)
    {
        var args = string.Join(' ', arguments);
        return args.Length == 0 ? word : word + " " + (args.Length <= 24 ? args : args[..23] + "…");
    }

    private static string Shorten(string text)
    {
        var single = text.ReplaceLineEndings(" ");
        return single.Length <= 60 ? single : single[..59] + "…";
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex Assignment();

    /// <summary>A leading reference to the checkout root ($GITHUB_WORKSPACE/, ${{ github.workspace }}/, $(pwd)/, $CI_PROJECT_DIR/).</summary>
    [GeneratedRegex(@"^(?:\$\{\{\s*github\.workspace\s*\}\}|\$\{?(?:GITHUB_WORKSPACE|CI_PROJECT_DIR|BUILDKITE_BUILD_CHECKOUT_PATH|CI_WORKSPACE|WORKSPACE|PWD|DRONE_WORKSPACE|BITBUCKET_CLONE_DIR|TRAVIS_BUILD_DIR|APPVEYOR_BUILD_FOLDER|Build\.SourcesDirectory|BUILD_SOURCESDIRECTORY|SYSTEM_DEFAULTWORKINGDIRECTORY|CODEBUILD_SRC_DIR|WORKSPACE_ROOT|ROOT_DIR|REPO_ROOT|ROOT)\}?|\$\(\s*pwd\s*\)|\$\(Build\.SourcesDirectory\)|`pwd`)/?")]
    private static partial Regex RootReference();

    [GeneratedRegex(@"\$\(\s*cd\s+""?\$\(\s*dirname\s+""?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?""?\s*\)""?(/\.\.)?""?\s*(?:>\s*/dev/null\s*(?:2>&1)?\s*)?&&\s*pwd(?:\s+-P)?\s*\)")]
    private static partial Regex CdDirname();

    [GeneratedRegex(@"\$\(\s*dirname\s+""?\$\{?(?:0|BASH_SOURCE(?:\[0\])?)\}?""?\s*\)|\$\{BASH_SOURCE(?:\[0\])?%/\*\}|\$\(\s*realpath\s+""?\$\(\s*dirname\s+""?\$\{?0\}?""?\s*\)""?\s*\)")]
    private static partial Regex Dirname();

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9@*])(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*])")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"%\*|%[1-9]")]
    private static partial Regex BatchArgument();

    [GeneratedRegex(@"--from=(\S+)")]
    private static partial Regex CopyFrom();

    [GeneratedRegex(@"--(?:mount|network|security)=\S+\s*")]
    private static partial Regex RunMount();

    [GeneratedRegex(@"(?:--package|-p)\s+([\w-]+)|--manifest-path\s+([\w/-]+)/Cargo\.toml")]
    private static partial Regex XtaskPackage();
}
