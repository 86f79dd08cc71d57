using Microsoft.Playwright;
using SalesBot.Testing.Web;

namespace SalesBot.EndToEnd;

/// <summary>The whole Host on a loopback port and Debian's Chromium, started before a test class and stopped after it.</summary>
public abstract class PlaygroundSession<TApp>(TApp app) : IAsyncLifetime
    where TApp : SalesBotAppFactory
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = "";

    protected TApp App { get; } = app;

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        _baseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>The playground as <paramref name="memberId"/>, in a browser whose time zone is <paramref name="timeZoneId"/> (UTC if null).</summary>
    protected async Task<IPage> OpenPlaygroundAsync(string memberId, string? timeZoneId = null)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, TimezoneId = timeZoneId });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{_baseUrl}/playground/?as={memberId}");
        return page;
    }
}
