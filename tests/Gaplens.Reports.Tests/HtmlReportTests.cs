using Gaplens.Reports;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Gaplens.Tests;

/// <summary>
/// The HTML report in a real headless Chromium (Debian chromium and chromium-driver, installed by .ci/run). Without
/// them the browser test is skipped with a message on a developer's machine, and fails in CI (GAPLENS_REQUIRE_BROWSER=1).
/// </summary>
public sealed class HtmlReportTests
{
    [Fact]
    public void Report_is_self_contained_and_escapes_hostile_names()
    {
        using var tree = HostileTree();
        var html = HtmlReportWriter.Write(Reports.For(tree.Root));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
        // Self-contained: no attribute or style loads anything from the network (the text may mention http:// URLs).
        Assert.DoesNotMatch(@"(src|href|action)\s*=\s*""?(https?:)?//|url\(\s*['""]?(https?:)?//", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal));
    }

    [BrowserFact]
    public void Report_loads_offline_shows_the_chart_and_renders_hostile_names_as_text()
    {
        using var tree = HostileTree();
        var html = HtmlReportWriter.Write(Reports.For(tree.Root));
        var file = Path.Combine(tree.Root, "report.html");
        File.WriteAllText(file, html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
        // Self-contained: no attribute or style loads anything from the network (the text may mention http:// URLs).
        Assert.DoesNotMatch(@"(src|href|action)\s*=\s*""?(https?:)?//|url\(\s*['""]?(https?:)?//", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", string.Empty, StringComparison.Ordinal));

        using var driver = StartChromium();
        driver.Navigate().GoToUrl(new Uri(file).AbsoluteUri);

        var chart = driver.FindElement(By.Id("score-chart"));
        Assert.True(chart.Displayed);
        Assert.True(chart.Size.Width > 300 && chart.Size.Height > 100, $"chart is {chart.Size}");
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#score-chart rect.bar")));
        Assert.Throws<NoAlertPresentException>(() => driver.SwitchTo().Alert());
        var text = driver.FindElement(By.TagName("body")).Text;
        Assert.Contains("<script>alert('pkg')</script>", text, StringComparison.Ordinal);
        Assert.Contains("Executive summary", text, StringComparison.Ordinal);

        var screenshot = ((ITakesScreenshot)driver).GetScreenshot();
        var shots = Path.Combine(RepositoryPaths.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        var shot = Path.Combine(shots, "html-report.png");
        screenshot.SaveAsFile(shot);
        Assert.True(new FileInfo(shot).Length > 10_000, "the screenshot is empty");
    }

    private static FixtureCopy HostileTree() => FixtureCopy.Empty()
        .With("package.json", "{ \"name\": \"<script>alert('pkg')</script>\", \"scripts\": { \"start\": \"node server.js\" }, \"dependencies\": { \"express\": \"4\" } }\n")
        .With("<svg onload=alert(1)>.js", "const express = require('express'); const app = express(); app.get('/x', (q, r) => r.json({})); app.listen(3000);\n")
        .With("Dockerfile", "FROM node:latest\nCOPY . .\n");

    private static ChromeDriver StartChromium()
    {
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,2000",
            "--user-data-dir=" + Path.Combine(Path.GetTempPath(), "gaplens-chromium-" + Guid.NewGuid().ToString("N")));
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!, Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
