using System.CommandLine.Parsing;
using System.Globalization;

namespace Gaplens.Cli;

/// <summary>Whole-number options with a range and a message a person can act on (never a .NET type name).</summary>
public static class Numbers
{
    /// <summary>People on the plan: above this the weeks estimate means nothing.</summary>
    public const int MaxTeamSize = Gaplens.Analysis.Configuration.ConfigLoader.MaxTeamSize;

    /// <summary>Largest --max-file-size: a file is read into memory whole.</summary>
    public const long MaxFileSizeLimit = 1L << 30;

    public static long? Whole(ArgumentResult result, string option, long min, long max)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{option} '{token}' is not a whole number.");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{option} must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)}).");
            return null;
        }

        return value;
    }
}
