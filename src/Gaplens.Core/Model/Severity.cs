namespace Gaplens.Core.Model;

/// <summary>How much a gap matters; ordered from most to least severe so that sorting puts blockers first.</summary>
public enum Severity
{
    Critical = 0,
    High = 1,
    Medium = 2,
    Low = 3,
    None = 4,
}

public static class SeverityNames
{
    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        Severity.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "critical": severity = Severity.Critical; return true;
            case "high": severity = Severity.High; return true;
            case "medium": severity = Severity.Medium; return true;
            case "low": severity = Severity.Low; return true;
            case "none": severity = Severity.None; return true;
            default: severity = Severity.None; return false;
        }
    }
}
