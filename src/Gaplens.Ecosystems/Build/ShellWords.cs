using System.Text;

namespace Gaplens.Ecosystems.Build;

/// <summary>
/// Just enough shell to follow a build: logical lines (continuations joined, comments dropped), simple commands
/// (split on <c>&amp;&amp;</c>, <c>||</c>, <c>;</c> and pipes outside quotes and substitutions) and their words.
/// </summary>
public static class ShellWords
{
    /// <summary>The simple commands of a script or run block, each with the 0-based line it starts on.</summary>
    public static IEnumerable<(string Command, int Line)> Commands(string text)
    {
        foreach (var (line, index) in LogicalLines(text))
        {
            foreach (var command in Split(line))
            {
                yield return (command, index);
            }
        }
    }

    /// <summary>Lines with backslash continuations joined and comment lines dropped, with their 0-based start line.</summary>
    public static IEnumerable<(string Line, int Index)> LogicalLines(string text)
    {
        var lines = text.Split('\n');
        var builder = new StringBuilder();
        var start = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (builder.Length == 0)
            {
                var trimmed = line.TrimStart();
                if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("REM ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("::", StringComparison.Ordinal))
                {
                    continue;
                }

                start = i;
            }

            if (line.EndsWith('\\') || line.EndsWith('`') && !line.EndsWith("``", StringComparison.Ordinal) && line.Count(c => c == '`') % 2 == 1)
            {
                builder.Append(line, 0, line.Length - 1).Append(' ');
                continue;
            }

            builder.Append(line);
            yield return (builder.ToString().Trim(), start);
            builder.Clear();
        }

        if (builder.Length > 0)
        {
            yield return (builder.ToString().Trim(), start);
        }
    }

    /// <summary>Splits one logical line into simple commands; an inline comment ends the line.</summary>
    public static IEnumerable<string> Split(string line)
    {
        var current = new StringBuilder();
        var quote = '\0';
        var depth = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote && (quote == '\'' || i == 0 || line[i - 1] != '\\'))
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    current.Append(c);
                    continue;
                case '(' or '{':
                    depth++;
                    current.Append(c);
                    continue;
                case ')' or '}':
                    depth = Math.Max(0, depth - 1);
                    current.Append(c);
                    continue;
                case '#' when depth == 0 && (i == 0 || char.IsWhiteSpace(line[i - 1])):
                    i = line.Length;
                    continue;
            }

            if (depth == 0 && (c == ';' || c == '|' || c == '&' && i + 1 < line.Length && line[i + 1] == '&'))
            {
                if (c == '&' || c == '|' && i + 1 < line.Length && line[i + 1] == '|')
                {
                    i++;
                }

                if (current.ToString().Trim() is { Length: > 0 } command)
                {
                    yield return command;
                }

                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (current.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    /// <summary>The words of a simple command, quotes removed.</summary>
    public static List<string> Tokens(string command)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        var inToken = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$')
                {
                    current.Append(command[++i]);
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
                inToken = true;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }

                continue;
            }

            current.Append(c);
            inToken = true;
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
