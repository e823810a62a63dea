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
        private readonly SecretRule[] patternRules;
        private readonly SecretRule[] assignmentRules;
        private readonly SearchValues<string> exact;
        private readonly SearchValues<string> folded;

        public Masker(SecretCatalog catalog)
        {
            patternRules = catalog.Rules.Where(r => r.Kind is SecretKind.Token or SecretKind.Generic).ToArray();
            assignmentRules = catalog.Rules.Where(r => r.Kind == SecretKind.Assignment).ToArray();
            var terms = catalog.Rules.Where(r => r.Kind != SecretKind.PrivateKey).SelectMany(r => r.Terms).ToList();
            exact = SearchValues.Create(terms.Where(t => !t.IgnoreCase).Select(t => t.Literal).Distinct(StringComparer.Ordinal).ToArray(), StringComparison.Ordinal);
            folded = SearchValues.Create(terms.Where(t => t.IgnoreCase).Select(t => t.Literal).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase);
        }

        public string Mask(string text)
        {
            // Most report text holds none of the catalog's literals: one vectorised search settles it.
            if (text.AsSpan().IndexOfAny(exact) < 0 && text.AsSpan().IndexOfAny(folded) < 0)
            {
                return text;
            }

            try
            {
                foreach (var rule in patternRules)
                {
                    if (!rule.Terms.Any(t => text.Contains(t.Literal, t.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)))
                    {
                        continue;
                    }

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

                return MaskAssignments(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return Withheld;
            }
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
