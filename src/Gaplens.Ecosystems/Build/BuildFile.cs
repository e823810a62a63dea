namespace Gaplens.Ecosystems.Build;

/// <summary>
/// A file that names units of work a command can ask for: make targets, just recipes, Taskfile tasks, rake tasks, mix
/// aliases, tox environments, Cake/Nuke targets. Each is read once per scan into this shape.
/// </summary>
public sealed class BuildFile
{
    private readonly Dictionary<string, BuildTarget> targets;
    private readonly Func<string, IReadOnlyDictionary<string, string>, string> substitute;

    public BuildFile(string tool, string path, string directory, IEnumerable<BuildTarget> targets, string? defaultTarget,
        Func<string, IReadOnlyDictionary<string, string>, string>? substitute = null)
    {
        Tool = tool;
        Path = path;
        Directory = directory;
        this.targets = new Dictionary<string, BuildTarget>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            this.targets.TryAdd(target.Name, target);
        }

        DefaultTarget = defaultTarget;
        this.substitute = substitute ?? ((text, _) => text);
    }

    /// <summary>The tool that reads the file: make, just, task, rake, mix, tox, nox, cake, nuke, cargo-make, ...</summary>
    public string Tool { get; }

    public string Path { get; }

    /// <summary>Where the file's commands run.</summary>
    public string Directory { get; }

    public string? DefaultTarget { get; }

    public IReadOnlyCollection<BuildTarget> Targets => targets.Values;

    public BuildTarget? Target(string name) => targets.GetValueOrDefault(name);

    /// <summary>Replaces the file's variables (and the target's parameters) in a command line.</summary>
    public string Substitute(string text, IReadOnlyDictionary<string, string> values) => substitute(text, values);
}

/// <summary>
/// One unit of work: the targets it needs first (<see cref="Dependencies"/>), then its lines in order, and the names of
/// its parameters (just recipes) so that arguments can be bound.
/// </summary>
public sealed record BuildTarget(string Name, int Line, IReadOnlyList<string> Dependencies, IReadOnlyList<BuildLine> Lines, IReadOnlyList<string>? Parameters = null, string? Directory = null, string? Path = null)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Default values of parameters.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = None;
}

/// <summary>A line of a target: a command, or a call of another target of the same file (<see cref="Call"/>).</summary>
public sealed record BuildLine(string Text, int Line, string? Call = null, bool Script = false);
