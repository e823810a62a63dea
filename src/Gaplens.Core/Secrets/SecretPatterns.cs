using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Gaplens.Core.Files;

namespace Gaplens.Core.Secrets;

/// <summary>
/// Masks secrets in any text that leaves Gaplens (reports, terminal, evidence lines): every value the catalog
/// recognises, and the values of settings named password, secret, token or key, keep at most a 4-character prefix.
/// </summary>
public static class SecretPatterns
{
    private const string Withheld = "(text withheld: it could not be checked for secrets in time)";

    private static readonly Lazy<Masker> Instance = new(() => new Masker(SecretCatalog.Default), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Masks every secret-shaped value in a text: at most a 4-character prefix stays visible.</summary>
    public static string Mask(string text) => string.IsNullOrEmpty(text) ? text : Instance.Value.Mask(text);

    /// <summary>"AKIA****": the first four characters and a fixed mask, so that the length is not revealed either.</summary>
    public static string MaskValue(string value) => value.Length <= 4 ? "****" : string.Concat(value.AsSpan(0, 4), "****");

    private sealed class Masker
    {
        /// <summary>Words that every credential setting name contains in some case: the cheap test before parsing settings.</summary>
        private static readonly SearchValues<string> SettingWords = SearchValues.Create(["pass", "pwd", "secret", "token", "key", "credential", "auth"], StringComparison.OrdinalIgnoreCase);

        private readonly SecretRule[] assignmentRules;
        private readonly SearchValues<string> literals;
        private readonly Dictionary<char, (string Literal, SecretRule[] Rules)[]> byFirst;

        public Masker(SecretCatalog catalog)
        {
            assignmentRules = catalog.Rules.Where(r => r.Kind == SecretKind.Assignment).ToArray();
            var byLiteral = catalog.Rules
                .Where(r => r.Kind is SecretKind.Token or SecretKind.Generic)
                .SelectMany(r => r.Terms.Select(t => (t.Literal, Rule: r)))
                .GroupBy(x => x.Literal, StringComparer.Ordinal)
                .Select(g => (Literal: g.Key, Rules: g.Select(x => x.Rule).Distinct().ToArray()))
                .ToList();
            literals = SearchValues.Create(byLiteral.Select(x => x.Literal).ToArray(), StringComparison.Ordinal);
            byFirst = byLiteral.GroupBy(x => x.Literal[0]).ToDictionary(g => g.Key, g => g.ToArray());
        }

        public string Mask(string text)
        {
            try
            {
                // Only the rules whose literals occur in the text run, in catalog order.
                foreach (var rule in RulesIn(text))
                {
                    text = rule.Pattern!.Replace(text, match =>
                    {
                        var group = match.Groups["secret"];
                        if (!group.Success || group.Value.EndsWith("****", StringComparison.Ordinal))
                        {
                            return match.Value;
                        }

                        var offset = group.Index - match.Index;
                        return string.Concat(match.Value.AsSpan(0, offset), MaskValue(group.Value), match.Value.AsSpan(offset + group.Length));
                    });
                }

                return text.AsSpan().IndexOfAny(SettingWords) < 0 ? text : MaskAssignments(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return Withheld;
            }
        }

        private List<SecretRule> RulesIn(string text)
        {
            var rules = new List<SecretRule>();
            var span = text.AsSpan();
            var position = 0;
            while (position < span.Length)
            {
                var relative = span[position..].IndexOfAny(literals);
                if (relative < 0)
                {
                    break;
                }

                var at = position + relative;
                foreach (var (literal, candidates) in byFirst[span[at]])
                {
                    if (span[at..].StartsWith(literal, StringComparison.Ordinal))
                    {
                        rules.AddRange(candidates.Where(c => !rules.Contains(c)));
                    }
                }

                position = at + 1;
            }

            return rules;
        }

        /// <summary>Values of settings whose name says password, secret, token or key ("DB_PASSWORD=hunter2" becomes "DB_PASSWORD=hunt****").</summary>
        private string MaskAssignments(string text)
        {
            if (!text.Contains('=', StringComparison.Ordinal) && !text.Contains(':', StringComparison.Ordinal) && !text.Contains('>', StringComparison.Ordinal))
            {
                return text;
            }

            var lines = text.Split('\n');
            var changed = false;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                foreach (var pair in Assignments.OnLine(line, i + 1, FileClass.OtherText).ToList())
                {
                    var value = pair.Value.Trim();
                    if (value.Length == 0 || value.EndsWith("****", StringComparison.Ordinal) || Assignments.IsNotSecretName(pair.Name) ||
                        !assignmentRules.Any(r => r.Names!.IsMatch(pair.Name)) || SecretValues.IsPlaceholder(Assignments.Effective(value)))
                    {
                        continue;
                    }

                    var at = line.IndexOf(value, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        line = new StringBuilder(line).Remove(at, value.Length).Insert(at, MaskValue(value)).ToString();
                        changed = true;
                    }
                }

                lines[i] = line;
            }

            return changed ? string.Join('\n', lines) : text;
        }
    }
}
