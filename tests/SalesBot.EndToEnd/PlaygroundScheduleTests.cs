using Microsoft.Playwright;
using SalesBot.Testing.Web;

namespace SalesBot.EndToEnd;

/// <summary>
/// A person in the Development playground moves the clock and watches the schedule happen in Ava's
/// 1:1 chat: the morning prompt, the one o'clock reminder, a snoozed prompt an hour later, nothing
/// on a day away, and the monthly reflection on the first working day of December.
/// </summary>
public sealed class PlaygroundScheduleTests() : PlaygroundSession<SalesBotAppFactory>(new SalesBotAppFactory { MovablePlaygroundClock = true })
{
    [Fact]
    public async Task Moving_the_clock_shows_the_prompt_the_reminder_a_snoozed_prompt_nothing_while_away_and_the_monthly_reflection()
    {
        // Ava's browser is in New York: Web Chat tells the bot its zone, as Teams does.
        var page = await OpenPlaygroundAsync("demo-ava", "America/New_York");
        var chat = page.Locator("#chat");
        await chat.GetByText("Hi Ava Patel").First.WaitForAsync();
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Mon 23 Nov, 09:00");

        async Task ClickAsync(string button)
        {
            var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/playground/api/clock", StringComparison.Ordinal) && r.Request.Method == "POST");
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();
            Assert.True((await response).Ok);
        }

        async Task SayAsync(string text, string answer)
        {
            var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
            await sendBox.FillAsync(text);
            await sendBox.PressAsync("Enter");
            await chat.GetByText(answer).Last.WaitForAsync();
        }

        await ClickAsync("Next scheduled ⏭");
        await chat.GetByText("Good morning Ava Patel!").First.WaitForAsync();

        // Step until Ava's 13:00 reminder: other demo members' scheduled messages may come first.
        var reminderText = chat.GetByText("A quick reminder, Ava Patel").First;
        for (var step = 0; step < 4 && !await reminderText.IsVisibleAsync(); step++)
        {
            await ClickAsync("Next scheduled ⏭");
            try
            {
                await reminderText.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Not yet: that step delivered someone else's message.
            }
        }

        await reminderText.WaitForAsync();
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("13:00");

        var reminder = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "still open" }).Last;
        await reminder.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remind me in 1 hour" }).ClickAsync();
        await chat.GetByText("OK, I'll ask again at 14:00").First.WaitForAsync();
        await ClickAsync("+1 h");
        await chat.GetByText("Here's your snoozed check-in, Ava Patel").First.WaitForAsync();

        await SayAsync("off tomorrow", "Got it: you're away Tue 24 Nov");
        await ClickAsync("+1 day");
        // Anything delivered by the move is in the transcript before the answer to "help" (the second help card).
        var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("help");
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "here's what I can do" })).ToHaveCountAsync(2);
        Assert.Equal(1, await chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Good morning Ava Patel!" }).CountAsync());

        for (var day = 0; day < 7; day++)
        {
            await ClickAsync("+1 day"); // Tuesday 1 December, 14:00 in New York
        }

        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Tue 1 Dec");
        var reflection = chat.GetByText("It's a new month, Ava Patel: time to reflect on November 2026.").First;
        for (var i = 0; i < 5 && !await ArrivesAsync(reflection); i++)
        {
            await ClickAsync("Next scheduled ⏭"); // 15:00 in New York is one of the next few things due
        }

        await Assertions.Expect(reflection).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Tue 1 Dec, 15:00");
        if (Environment.GetEnvironmentVariable("SALESBOT_SCHEDULE_SCREENSHOT") is { Length: > 0 } shot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        }
    }

    private static async Task<bool> ArrivesAsync(ILocator message)
    {
        try
        {
            await message.WaitForAsync(new LocatorWaitForOptions { Timeout = 3000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
