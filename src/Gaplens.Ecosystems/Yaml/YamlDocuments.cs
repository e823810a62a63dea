using Gaplens.Ecosystems.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gaplens.Ecosystems.Yaml;

/// <summary>Small helpers over YamlDotNet's representation model: safe loading and typed look-ups with line numbers.</summary>
public static class YamlDocuments
{
    /// <summary>Parses every document of a YAML stream; <paramref name="error"/> is set and nothing returned when it is not valid YAML.</summary>
    public static IReadOnlyList<YamlNode> Load(string text, out string? error)
    {
        error = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new YamlGuard(new Parser(new StringReader(text))));
            return stream.Documents.Select(d => d.RootNode).ToList();
        }
        catch (YamlLimitException ex)
        {
            error = $"invalid YAML at line {Math.Max(1, ex.Line)}: {ex.Message}";
            return [];
        }
        catch (YamlException ex)
        {
            error = $"invalid YAML at line {ex.Start.Line}: {FirstLine(ex.Message)}";
            return [];
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or InvalidCastException)
        {
            // YamlDotNet reports some malformed documents (an unclosed flow sequence or mapping) as an invalid operation.
            error = ex.Message.Contains("current state of the object", StringComparison.Ordinal)
                ? "invalid YAML: the document is malformed or truncated (an unclosed bracket, brace or quote?)"
                : $"invalid YAML: {FirstLine(ex.Message)}";
            return [];
        }
    }

    public static YamlNode? Get(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            return null;
        }

        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public static YamlNode? Path(this YamlNode? node, params string[] keys)
    {
        var current = node;
        foreach (var key in keys)
        {
            current = current.Get(key);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    public static string? Scalar(this YamlNode? node) => node is YamlScalarNode s ? s.Value : null;

    public static string? ScalarOf(this YamlNode? node, string key) => node.Get(key).Scalar();

    public static IEnumerable<(string Key, YamlNode Value, int Line)> Entries(this YamlNode? node)
    {
        if (node is not YamlMappingNode map)
        {
            yield break;
        }

        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value is not null)
            {
                yield return (scalar.Value, v, Line(k));
            }
        }
    }

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>Scalars of a scalar-or-sequence node ("on: push" or "on: [push, pull_request]").</summary>
    public static IEnumerable<string> Strings(this YamlNode? node)
    {
        switch (node)
        {
            case YamlScalarNode s when s.Value is not null:
                yield return s.Value;
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode i && i.Value is not null)
                    {
                        yield return i.Value;
                    }
                }

                break;
        }
    }

    /// <summary>Keys of a mapping node, scalars of a sequence or the scalar itself.</summary>
    public static IEnumerable<string> KeysOrStrings(this YamlNode? node) =>
        node is YamlMappingNode ? node.Entries().Select(e => e.Key) : node.Strings();

    /// <summary>1-based line of a node.</summary>
    public static int Line(this YamlNode node) => (int)Math.Max(1, node.Start.Line);

    /// <summary>Every scalar value under a node, depth first, with its line.</summary>
    public static IEnumerable<(string Value, int Line)> AllScalars(this YamlNode? node)
    {
        switch (node)
        {
            case YamlScalarNode s when s.Value is not null:
                yield return (s.Value, s.Line());
                break;
            case YamlSequenceNode seq:
                foreach (var item in seq.Children)
                {
                    foreach (var x in item.AllScalars())
                    {
                        yield return x;
                    }
                }

                break;
            case YamlMappingNode map:
                foreach (var (_, v) in map.Children)
                {
                    foreach (var x in v.AllScalars())
                    {
                        yield return x;
                    }
                }

                break;
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline];
    }
}
