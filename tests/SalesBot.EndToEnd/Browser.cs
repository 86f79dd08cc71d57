using Microsoft.Playwright;

namespace SalesBot.EndToEnd;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser). The path comes from
/// <c>SALESBOT_CHROMIUM</c> or defaults to <c>/usr/bin/chromium</c>; .ci/run installs it.
/// </summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("SALESBOT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}. Install Debian's chromium (apt-get install chromium) or set SALESBOT_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }
}
