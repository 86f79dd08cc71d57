using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;
using SalesBot.Testing.Web;

namespace SalesBot.EndToEnd;

/// <summary>A rep opens the playground in a real browser, fills the check-in card, submits, and reads the reply.</summary>
public sealed class PlaygroundBrowserTests() : PlaygroundSession<SalesBotAppFactory>(new SalesBotAppFactory())
{
    [Fact]
    public async Task A_rep_fills_the_check_in_card_in_web_chat_and_sees_the_reply()
    {
        var page = await OpenPlaygroundAsync("demo-ava");

        var chat = page.Locator("#chat");
        var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("check in");
        await sendBox.PressAsync("Enter");

        var card = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Daily check-in" }).Last;
        await card.Locator("input[type=number]").First.WaitForAsync();
        // Web Chat re-renders while the transcript settles; wait for it so typed values are not lost.
        await page.WaitForTimeoutAsync(1000);

        var numbers = card.Locator("input[type=number]");
        Assert.Equal(3, await numbers.CountAsync());
        await numbers.Nth(0).FillAsync("33");
        await numbers.Nth(1).FillAsync("4");
        await numbers.Nth(2).FillAsync("1");
        await card.Locator("textarea").First.FillAsync("Call Contoso about the pilot");
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Submit check-in" }).ClickAsync();

        var reply = chat.GetByText("Check-in saved for Fri 20 Nov");
        await reply.WaitForAsync();
        await Assertions.Expect(chat.GetByText("33 / 30 ✅")).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("SALESBOT_SCREENSHOT") is { Length: > 0 } shot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        }

        var stored = (await App.Services.GetRequiredService<ICheckInStore>().GetAsync("demo-ava", TestData.Friday))?.Value;
        Assert.Equal(33, stored!.Values["calls"]);
        Assert.Equal(["Call Contoso about the pilot"], stored.Plan);
    }

    [Fact]
    public async Task The_manager_asks_for_status_and_sees_the_team_table()
    {
        var page = await OpenPlaygroundAsync("demo-morgan");

        var chat = page.Locator("#chat");
        await chat.GetByText("Hi Morgan Lee").WaitForAsync();
        var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("status");
        await sendBox.PressAsync("Enter");

        var card = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "check-ins for Fri 20 Nov" });
        await card.WaitForAsync();
        await Assertions.Expect(card.GetByText("Numbers vs target")).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByText("Ben Okafor").First).ToBeVisibleAsync();
        // Buttons move to the week, the month and each rep.
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Week" })).ToBeVisibleAsync();
        await Assertions.Expect(card.GetByText("not checked in").First).ToBeVisibleAsync();
        if (Environment.GetEnvironmentVariable("SALESBOT_STATUS_SCREENSHOT") is { Length: > 0 } shot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        }
    }

    [Fact]
    public async Task Status_asked_in_the_team_channel_shows_no_numbers_there_and_answers_in_the_1to1_chat()
    {
        var page = await OpenPlaygroundAsync("demo-morgan");
        var chat = page.Locator("#chat");
        await chat.GetByText("Hi Morgan Lee").WaitForAsync();

        var channel = page.Locator("#channel");
        var sendBox = channel.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("status");
        await sendBox.PressAsync("Enter");

        await channel.GetByText("answered you in our 1:1 chat").First.WaitForAsync();
        // The answer goes through the outbox; the test host runs no schedule, so deliver it here.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SalesBot.Conversations.Outbox.OutboxDispatcher>().DispatchDueAsync();
        }

        var card = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "check-ins for Fri 20 Nov" });
        await card.WaitForAsync();
        await Assertions.Expect(card.GetByText("Numbers vs target")).ToBeVisibleAsync();
        await Assertions.Expect(channel.GetByText("Numbers vs target")).ToHaveCountAsync(0);
        await Assertions.Expect(channel.GetByText("Ben Okafor")).ToHaveCountAsync(0);
    }
}
