namespace Gaplens.Core.Model;

/// <summary>How demanding the review is: a pilot accepts what a production launch does not.</summary>
public enum Profile
{
    Pilot,
    Production,
    Enterprise,
}

public static class ProfileNames
{
    public static string ToWire(this Profile profile) => profile switch
    {
        Profile.Pilot => "pilot",
        Profile.Production => "production",
        Profile.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    public static bool TryParse(string? text, out Profile profile)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "pilot": profile = Profile.Pilot; return true;
            case "production": profile = Profile.Production; return true;
            case "enterprise": profile = Profile.Enterprise; return true;
            default: profile = Profile.Production; return false;
        }
    }
}
