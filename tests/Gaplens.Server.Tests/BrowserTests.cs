using Gaplens.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Gaplens.Server.Tests;

/// <summary>The dashboard in a real headless Chromium (Debian chromium and chromium-driver): sign in, portfolio, a repository, a diff.</summary>
public sealed class BrowserTests
{
    [SkippableFact]
    public async Task Sign_in_open_the_portfolio_follow_a_repository_and_compare_two_scans()
    {
        await using var server = await RunningServer.StartAsync(TestDatabase.Sqlite);
        var token = await server.CreateTokenAsync("shop");
        using (var uploader = server.Client())
        {
            await server.UploadAsync(uploader, "shop", token, Samples.Variant(Samples.Commit(1), "2025-01-01"));
            await server.UploadAsync(uploader, "shop", token, Samples.Variant(Samples.Commit(2), "2025-02-01", Samples.Status("data-backup", "present")));
        }

        using var driver = StartChromium();
        driver.Navigate().GoToUrl(server.Address);
        Assert.Contains("/login", driver.Url, StringComparison.Ordinal);
        driver.FindElement(By.Name("username")).SendKeys(RunningServer.AdminUser);
        driver.FindElement(By.Name("password")).SendKeys(RunningServer.AdminPassword);
        driver.FindElement(By.CssSelector("form.login button")).Click();

        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(20));
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        wait.Until(d => d.FindElements(By.CssSelector("table.portfolio")).Count > 0);
        Assert.Equal("Portfolio", driver.FindElement(By.TagName("h1")).Text);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("svg.spark polyline")));
        Save(driver, "dashboard-portfolio.png");

        driver.FindElement(By.LinkText("shop")).Click();
        wait.Until(d => d.FindElement(By.TagName("h1")).Text == "shop");
        var chart = driver.FindElement(By.CssSelector("svg[aria-label='Score per domain against target']"));
        Assert.True(chart.Size.Width > 300, $"domain chart is {chart.Size}");
        Assert.Equal(2, driver.FindElements(By.CssSelector("svg[aria-label='Overall score per scan'] circle")).Count);
        Save(driver, "dashboard-repository.png");

        driver.FindElements(By.CssSelector("select[name=from] option"))[1].Click();
        driver.FindElements(By.CssSelector("select[name=to] option"))[0].Click();
        driver.FindElement(By.CssSelector("form.diff button")).Click();
        wait.Until(d => d.FindElement(By.TagName("h1")).Text.StartsWith("What changed", StringComparison.Ordinal));
        var closed = driver.FindElement(By.CssSelector("section.change-closed"));
        Assert.Contains("Automated backups", closed.Text, StringComparison.Ordinal);
        Assert.Contains("missing", closed.Text, StringComparison.Ordinal);
        Assert.Contains("present", closed.Text, StringComparison.Ordinal);
        Save(driver, "dashboard-diff.png");

        driver.FindElement(By.CssSelector("form.logout button")).Click();
        wait.Until(d => d.Url.Contains("/login", StringComparison.Ordinal));
        driver.Navigate().GoToUrl(new Uri(server.Address, "/owners"));
        Assert.Contains("/login", driver.Url, StringComparison.Ordinal);
    }

    private static void Save(ChromeDriver driver, string name)
    {
        var shots = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        driver.GetScreenshot().SaveAsFile(Path.Combine(shots, name));
    }

    private static ChromeDriver StartChromium()
    {
        Skip.If(!File.Exists("/usr/bin/chromium") && Environment.GetEnvironmentVariable("CI") is not { Length: > 0 }, "Debian chromium is not installed (.ci/run installs it).");
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1800",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "gaplens-chromium-" + Guid.NewGuid().ToString("N")));
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
