using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

public sealed class DirectLineCheckInTests : IClassFixture<SalesBotAppFactory>
{
    private readonly SalesBotAppFactory _app;

    public DirectLineCheckInTests(SalesBotAppFactory app) => _app = app;

    [Fact]
    public async Task A_demo_rep_checks_in_through_direct_line_and_the_check_in_is_stored()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-ava", "check in");
        var form = Assert.Single(await chat.BotRepliesAsync());
        var card = DirectLineClient.Card(form)!;
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        var inputs = card["body"]!.AsArray().Where(e => e!["type"]!.GetValue<string>() == "Input.Number").Select(e => e!["id"]!.GetValue<string>());
        Assert.Equal(["calls", "meetings", "proposals"], inputs);
        var submit = card["actions"]![0]!["data"]!.AsObject();

        var value = new JsonObject { ["calls"] = "34", ["meetings"] = "3", ["proposals"] = "2", ["plan"] = "Call Contoso\nPrep Fabrikam demo", ["blockers"] = "" };
        foreach (var (k, v) in submit)
        {
            value[k] = v!.DeepClone();
        }

        await chat.SubmitAsync("demo-ava", value);
        var reply = Assert.Single(await chat.BotRepliesAsync());

        Assert.Contains("Check-in saved for Fri 20 Nov", DirectLineClient.Words(reply), StringComparison.Ordinal);
        Assert.Contains("34 / 30 ✅", DirectLineClient.Words(reply), StringComparison.Ordinal);
        var stored = (await _app.Services.GetRequiredService<ICheckInStore>().GetAsync("demo-ava", TestData.Friday))?.Value;
        Assert.Equal(34, stored!.Values["calls"]);
        Assert.Equal(["Call Contoso", "Prep Fabrikam demo"], stored.Plan);
    }

    [Fact]
    public async Task A_demo_rep_logs_a_stage_advance_through_the_teams_own_stages_and_sees_their_quota_progress()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-diego", "win moved Wingtip to demo");
        var logged = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));
        await chat.SayAsync("demo-diego", "win moved Wingtip to discovery");
        var refused = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));
        await chat.SayAsync("demo-ava", "status me");
        var status = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));

        Assert.Contains("You moved Wingtip from Qualified to Demo.", logged, StringComparison.Ordinal);
        Assert.Contains("Lead → Qualified → Demo → Proposal → Negotiation → Closed won", refused, StringComparison.Ordinal);
        Assert.Contains("November 2026 quota: 1 of 4 deals (25%) · $12,000 of $40,000 (30%)", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_manager_can_send_the_days_coaching_alert_now()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-morgan", "alerts");
        var settings = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));
        await chat.SayAsync("demo-morgan", "run alerts");
        var words = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));

        Assert.Contains("Coaching alerts · Northwind Sales", settings, StringComparison.Ordinal);
        Assert.Contains("Sending today's coaching alerts to Morgan Lee", words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_manager_sees_the_seeded_team_status()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-morgan", "status");
        var words = DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync()));

        Assert.Contains("Northwind Sales", words, StringComparison.Ordinal);
        Assert.Contains("Ben Okafor", words, StringComparison.Ordinal);
        Assert.Contains("Not yet:", words, StringComparison.Ordinal);
        Assert.Contains("Diego Alvarez", words, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logged_win_appears_in_the_team_channel_conversation()
    {
        var channel = new DirectLineClient(_app.CreateClient());
        await channel.StartAsync(teamId: "demo-team");
        await channel.BotRepliesAsync();
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-ben", "win moved Litware to negotiation");
        using (var scope = _app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Conversations.Outbox.OutboxDispatcher>().DispatchDueAsync();
        }

        var post = Assert.Single(await channel.BotRepliesAsync());
        Assert.Contains("Ben Okafor moved Litware from Proposal to Negotiation", DirectLineClient.Words(post), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_storage_healthy()
    {
        var response = await _app.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class PlaygroundGreetingTests : IClassFixture<SalesBotAppFactory>
{
    private readonly SalesBotAppFactory _app;

    public PlaygroundGreetingTests(SalesBotAppFactory app) => _app = app;

    [Fact]
    public async Task Opening_a_chat_greets_the_person_by_name_and_remembers_where_to_reach_them()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        (await chat.PostAsync(new JsonObject { ["type"] = "event", ["name"] = "webchat/join", ["from"] = new JsonObject { ["id"] = "demo-chloe" } }))
            .EnsureSuccessStatusCode();

        Assert.Contains("Hi Chloe Martin", DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync())), StringComparison.Ordinal);
        var reference = await _app.Services.GetRequiredService<IConversationReferenceStore>().FindAsync(RecipientKind.Member, "demo-chloe");
        Assert.Equal(chat.ConversationId, reference!.ConversationId);
    }

    [Fact]
    public async Task Typing_and_other_events_are_accepted_without_a_reply()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        (await chat.PostAsync(new JsonObject { ["type"] = "typing", ["from"] = new JsonObject { ["id"] = "demo-chloe" } })).EnsureSuccessStatusCode();

        Assert.Empty(await chat.BotRepliesAsync());
    }
}
