using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

public sealed class EventsTests : IAsyncLifetime
{
    private FakeSlackApi _api = null!;
    private SlackApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _app = await SlackApp.StartAsync(_api);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        var body = new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" };

        var response = await _app.SendAsync(_app.Requests.SignedRequest("/slack/events", body.ToJsonString(), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_with_the_members_time_zone_from_users_info()
    {
        var response = await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0HELP"));
        await _app.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(_api.CallsTo("chat.postMessage"));
        Assert.Equal(FakeSlackApi.DirectChannel, post.Arg("channel"));
        Assert.Equal("Bearer " + SlackApp.BotToken, post.Authorization);
        Assert.Contains("here's what I can do", post.Args["blocks"]![0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
        var member = await _app.InScopeAsync(sp => sp.GetRequiredService<IMemberStore>()
            .FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User)));
        Assert.Equal("America/New_York", member!.TimeZoneId);
        Assert.Equal("Ana", member.DisplayName);
    }

    [Fact]
    public async Task An_event_delivered_twice_by_slack_is_answered_once()
    {
        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Globex"), "Ev0TWICE"));
        await _app.WhenIdleAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(1)); // Slack's retry comes later, freshly signed
        var retry = await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Globex"), "Ev0TWICE", retryNum: 1));
        await _app.WhenIdleAsync();
        await _app.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Messages_from_bots_including_itself_are_never_answered()
    {
        var fromBot = SlackRequests.DirectMessage("Check-in saved");
        fromBot["bot_id"] = "B0BOT";
        var edited = SlackRequests.DirectMessage("help");
        edited["subtype"] = "message_changed";

        await _app.SendAsync(_app.Requests.Event(fromBot, "Ev0BOT"));
        await _app.SendAsync(_app.Requests.Event(edited, "Ev0EDIT"));
        await _app.WhenIdleAsync();

        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_in_its_thread_without_the_bots_name()
    {
        var mention = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = SlackRequests.User,
            ["channel"] = SlackRequests.TeamChannel,
            ["text"] = $"<@{SlackRequests.Bot}> help",
            ["ts"] = "1700000000.000300",
        };

        await _app.SendAsync(_app.Requests.Event(mention, "Ev0MENTION"));
        await _app.WhenIdleAsync();

        var post = Assert.Single(_api.CallsTo("chat.postMessage"));
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        Assert.Equal("1700000000.000300", post.Arg("thread_ts"));
        Assert.Contains("here's what I can do", post.Args["blocks"]![0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_app_home_the_first_time_says_hello_in_the_dm_and_publishes_the_home_tab()
    {
        var opened = new JsonObject { ["type"] = "app_home_opened", ["user"] = SlackRequests.User, ["channel"] = FakeSlackApi.DirectChannel, ["tab"] = "home" };

        await _app.SendAsync(_app.Requests.Event(opened, "Ev0HOME1"));
        await _app.WhenIdleAsync();

        Assert.Single(_api.CallsTo("chat.postMessage"));
        var publish = Assert.Single(_api.CallsTo("views.publish"));
        Assert.Equal(SlackRequests.User, publish.Arg("user_id"));
        Golden.Verify("app-home-new-member", publish.Args["view"]!);
    }
}
