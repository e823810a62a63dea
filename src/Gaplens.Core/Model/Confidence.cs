namespace Gaplens.Core.Model;

/// <summary>
/// How far a verdict can be trusted: high when it rests on what the scan read, low when it rests on something the scan
/// could not read or follow (a build script in a language it does not parse, a CI step it could not follow, a
/// platform setting kept outside the repository, a file over the size cap) that could change it.
/// </summary>
public enum Confidence
{
    High,
    Low,
}

public static class ConfidenceNames
{
    public static string ToWire(this Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(confidence), confidence, null),
    };
}
