using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gaplens.Ecosystems.Parsing;

/// <summary>
/// A YAML event stream with <see cref="ParseGuard"/>'s limits: YamlDotNet's representation model builds nested
/// nodes recursively and shares aliased nodes, so depth and alias expansion are checked on the events, before
/// the model sees them. Breaking a limit throws <see cref="YamlLimitException"/>.
/// </summary>
internal sealed class YamlGuard(IParser inner) : IParser
{
    private readonly Stack<Frame> open = new();
    private readonly Dictionary<string, long> anchorSizes = new(StringComparer.Ordinal);

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart:
                if (open.Count >= ParseGuard.MaxDepth)
                {
                    throw new YamlLimitException(inner.Current.Start.Line, ParseGuard.TooDeep("YAML"));
                }

                open.Push(new Frame(Anchor((NodeEvent)inner.Current)));
                break;
            case SequenceEnd or MappingEnd when open.Count > 0:
                var frame = open.Pop();
                Completed(frame.Anchor, frame.Size);
                break;
            case Scalar scalar:
                Completed(Anchor(scalar), 1);
                break;
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (open.Any(f => f.Anchor == name))
                {
                    throw new YamlLimitException(alias.Start.Line, $"YAML alias *{name} refers to a node that contains it; not parsed");
                }

                Completed(null, anchorSizes.GetValueOrDefault(name, 1));
                break;
            case DocumentStart:
                anchorSizes.Clear();
                break;
        }

        return true;
    }

    private static string? Anchor(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private void Completed(string? anchor, long size)
    {
        if (anchor is not null)
        {
            anchorSizes[anchor] = size;
        }

        if (open.Count > 0)
        {
            var parent = open.Peek();
            parent.Size += size;
            if (parent.Size > ParseGuard.MaxYamlNodes)
            {
                throw new YamlLimitException(inner.Current!.Start.Line, $"YAML expands to more than {ParseGuard.MaxYamlNodes:N0} nodes through its aliases; not parsed");
            }
        }
    }

    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Size { get; set; } = 1;
    }
}

/// <summary>A YAML text beyond a limit of <see cref="ParseGuard"/>.</summary>
internal sealed class YamlLimitException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}
