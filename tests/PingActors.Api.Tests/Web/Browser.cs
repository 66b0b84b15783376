using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace PingActors.Api.Tests.Web;

/// <summary>
/// A headless Debian Chromium driven through chromedriver, with a profile of its own, on the web client. Its waits
/// watch the page for what a person would see, and fail the test only if it never shows.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(30);
    private readonly string _profile = Directory.CreateTempSubdirectory("pingactors-chromium-").FullName;
    private readonly ChromeDriver _driver;

    public Browser(Uri site, int width = 1280, int height = 900)
    {
        var options = new ChromeOptions { BinaryLocation = Locate("chromium") };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", $"--user-data-dir={_profile}", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Locate("chromedriver")), "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _driver = new ChromeDriver(service, options, _patience);
        _driver.Navigate().GoToUrl(site);
    }

    /// <summary>The text of the first shown element matching <paramref name="css"/>, once there is one.</summary>
    public string TextOf(string css) => Wait(d => Shown(d, css, "")?.Text);

    /// <summary>Waits until an element matching <paramref name="css"/> shows <paramref name="text"/>, and returns its whole text.</summary>
    public string Shows(string css, string text) => Wait(d => Shown(d, css, text)?.Text);

    public void Type(string css, string text) => Wait(d => Shown(d, css, "") is { } input ? Do(() => { input.Clear(); input.SendKeys(text); }) : null);

    /// <summary>Clicks the first shown element matching <paramref name="css"/> whose text contains <paramref name="text"/>.</summary>
    public void Click(string css, string text = "") => Wait(d => Shown(d, css, text) is { } target ? Do(target.Click) : null);

    /// <summary>A screenshot of the whole page, laid out <paramref name="width"/> pixels wide (as a phone's or a laptop's screen).</summary>
    public void SaveFullPage(string path, int width)
    {
        Emulate(width, 800);
        var height = Convert.ToInt32(_driver.ExecuteScript("return document.documentElement.scrollHeight"), System.Globalization.CultureInfo.InvariantCulture);
        Emulate(width, Math.Max(height, 600));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _driver.GetScreenshot().SaveAsFile(path);
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
        Directory.Delete(_profile, recursive: true);
    }

    private T Wait<T>(Func<IWebDriver, T?> condition) where T : class
    {
        try
        {
            // The page redraws lists as items arrive: an element found a moment ago may be gone, so look again.
            var wait = new WebDriverWait(_driver, _patience);
            wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException));
            return wait.Until(d => condition(d))!;
        }
        catch (WebDriverTimeoutException timeout)
        {
            // What the page shows says more than the selector that never matched.
            throw new WebDriverTimeoutException($"{timeout.Message} The page shows:\n{_driver.FindElement(By.TagName("body")).Text}", timeout);
        }
    }

    // The window of a headless browser is bounded by its virtual screen; the page's own viewport is not.
    private void Emulate(int width, int height) => _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
    {
        ["width"] = width,
        ["height"] = height,
        ["deviceScaleFactor"] = 1,
        ["mobile"] = width < 640,
    });

    private static IWebElement? Shown(IWebDriver driver, string css, string text) =>
        driver.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed && e.Text.Contains(text, StringComparison.Ordinal));

    private static object Do(Action action)
    {
        action();
        return action;
    }

    private static string Locate(string program) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{program} is not installed: .ci/run installs Debian's chromium and chromium-driver.");
}
