using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Testing.Web;

namespace SalesBot.EndToEnd;

/// <summary>
/// A form with date inputs in the playground: Web Chat shows <c>Input.Date</c> as a browser date input,
/// and the picked date reaches the flow as <c>yyyy-MM-dd</c>. The form comes from a test flow.
/// </summary>
public sealed class PlaygroundDateInputTests() : PlaygroundSession<PlaygroundDateInputTests.DateFormApp>(new DateFormApp())
{
    [Fact]
    public async Task A_date_picked_in_web_chat_reaches_the_flow_as_yyyy_MM_dd()
    {
        var page = await OpenPlaygroundAsync("demo-ava");

        var chat = page.Locator("#chat");
        var sendBox = chat.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(DateFormFlow.Command);
        await sendBox.PressAsync("Enter");

        var card = chat.Locator(".ac-adaptiveCard").Filter(new LocatorFilterOptions { HasText = "Away from" }).Last;
        var dates = card.Locator("input[type=date]");
        await dates.First.WaitForAsync();
        // Web Chat re-renders while the transcript settles; wait for it so typed values are not lost.
        await page.WaitForTimeoutAsync(1000);

        Assert.Equal(2, await dates.CountAsync());
        Assert.Equal("2026-11-23", await dates.Nth(0).InputValueAsync());
        Assert.Equal("2026-11-20", await dates.Nth(0).GetAttributeAsync("min"));
        await dates.Nth(0).FillAsync("2026-11-24");
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save time away" }).ClickAsync();

        await chat.GetByText("Away from 2026-11-24, back on (none)").First.WaitForAsync();
        var submission = Assert.Single(App.Flow.Submissions);
        Assert.Equal("2026-11-24", submission.Value("from"));
        Assert.True(string.IsNullOrEmpty(submission.Value("back")));
    }

    public sealed class DateFormApp : SalesBotAppFactory
    {
        public DateFormFlow Flow { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddScoped<IFlow>(_ => Flow));
        }
    }

    public sealed class DateFormFlow : IFlow
    {
        public const string Command = "test dates";
        private const string Verb = "test.dates.submit";

        public ConcurrentQueue<FormSubmission> Submissions { get; } = new();

        public IReadOnlyList<string> Commands { get; } = [Command];

        public IReadOnlyList<string> Verbs { get; } = [Verb];

        public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
            Task.FromResult(TurnResult.Reply(new OutboundMessage
            {
                Text = "Time away",
                Blocks = [new Heading("Time away")],
                Form = new Form(Verb, "Time away", [
                    new DateInput("from", "Away from", Value: "2026-11-23", Min: "2026-11-20"),
                    new DateInput("back", "Back on", Required: false),
                ], "Save time away"),
            }));

        public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
        {
            Submissions.Enqueue(submission);
            var back = submission.Value("back") is { Length: > 0 } b ? b : "(none)";
            return Task.FromResult(TurnResult.Reply($"Away from {submission.Value("from")}, back on {back}"));
        }
    }
}
