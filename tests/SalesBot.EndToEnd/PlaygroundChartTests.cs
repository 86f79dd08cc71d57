using Microsoft.Playwright;
using SalesBot.Testing.Web;

namespace SalesBot.EndToEnd;

/// <summary>The manager's week in Web Chat: the chart is an image the browser loads from the Host over loopback.</summary>
public sealed class PlaygroundChartTests() : PlaygroundSession<SalesBotAppFactory>(new SalesBotAppFactory())
{
    [Fact]
    public async Task The_manager_asks_for_the_week_and_sees_the_chart_drawn_by_the_host()
    {
        var page = await OpenPlaygroundAsync("demo-morgan");
        var chat = page.Locator("#chat");
        await chat.GetByText("Hi Morgan Lee").WaitForAsync();
        var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("status week");
        await sendBox.PressAsync("Enter");

        var card = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Northwind Sales · week of" });
        var chart = card.Locator("img[src*='/charts/']");
        await chart.WaitForAsync();
        // Loaded and decoded by the browser: a picture of the size the Host draws, not a broken image.
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await chart.ElementHandleAsync());
        var size = await chart.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");

        Assert.Equal([800, 400], size);
        Assert.Contains("Lead metrics vs target", await chart.GetAttributeAsync("alt") ?? string.Empty, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("SALESBOT_CHART_OUT") is { Length: > 0 } folder)
        {
            await chart.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(folder, "playground-week.png") });
        }
    }
}
