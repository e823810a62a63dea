namespace Gaplens.Tests;

/// <summary>
/// A test that needs a real Chromium and ChromeDriver. Where they are not installed it is skipped with a message that
/// says how to get them, unless GAPLENS_REQUIRE_BROWSER=1 (set by .ci/run): then it runs, and fails, so that CI never
/// passes without having looked at the HTML in a browser.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string RequireVariable = "GAPLENS_REQUIRE_BROWSER";

    public const string Chromium = "/usr/bin/chromium";

    public const string ChromeDriver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        if ((!Installed(Chromium) || !Installed(ChromeDriver)) && Environment.GetEnvironmentVariable(RequireVariable) != "1")
        {
            Skip = $"Chromium and ChromeDriver are not installed ({Chromium}, {ChromeDriver}), so the HTML browser test did not run. " +
                   "Install them (Debian/Ubuntu: apt-get install chromium chromium-driver) or run .ci/run, which installs them and sets " +
                   $"{RequireVariable}=1 so that their absence fails.";
        }
    }

    /// <summary>The program is there, and so is what its link points to (Debian links /usr/bin/chromedriver into /usr/lib/chromium).</summary>
    private static bool Installed(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });
    }
}
