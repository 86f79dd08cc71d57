using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Channels.Slack.Tests;

public sealed class EventsTests : SlackAppTest
{
    [Fact]
    public async Task Url_verification_echoes_the_challenge()
    {
        var body = new JsonObject { ["token"] = "x", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" };

        var response = await App.SendAsync(App.Requests.SignedRequest("/slack/events", body.ToJsonString(), "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_dm_with_the_members_time_zone_from_users_info()
    {
        var response = await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("help"), "Ev0HELP"));
        await App.WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var post = Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Equal(FakeSlackApi.DirectChannel, post.Arg("channel"));
        Assert.Equal("Bearer " + SlackApp.BotToken, post.Authorization);
        Assert.Contains("here's what I can do", post.Args["blocks"]![0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
        var member = await App.InScopeAsync(sp => sp.GetRequiredService<IMemberStore>()
            .FindByChannelAccountAsync(new ChannelAccount("slack", SlackRequests.Team, SlackRequests.User)));
        Assert.Equal("America/New_York", member!.Value.TimeZoneId);
        Assert.Equal("Ana", member.Value.DisplayName);
    }

    [Fact]
    public async Task An_event_delivered_twice_by_slack_is_answered_once()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Globex"), "Ev0TWICE"));
        await App.WhenIdleAsync();
        App.Time.Advance(TimeSpan.FromMinutes(1)); // Slack's retry comes later, freshly signed
        var retry = await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Globex"), "Ev0TWICE", retryNum: 1));
        await App.WhenIdleAsync();
        await App.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(Api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Messages_from_bots_including_itself_are_never_answered()
    {
        var fromBot = SlackRequests.DirectMessage("Check-in saved");
        fromBot["bot_id"] = "B0BOT";
        var edited = SlackRequests.DirectMessage("help");
        edited["subtype"] = "message_changed";

        await App.SendAsync(App.Requests.Event(fromBot, "Ev0BOT"));
        await App.SendAsync(App.Requests.Event(edited, "Ev0EDIT"));
        await App.WhenIdleAsync();

        Assert.Empty(Api.Calls);
    }

    [Fact]
    public async Task A_mention_in_a_channel_is_answered_to_the_sender_alone_without_the_bots_name()
    {
        var mention = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = SlackRequests.User,
            ["channel"] = SlackRequests.TeamChannel,
            ["text"] = $"<@{SlackRequests.Bot}> help",
            ["ts"] = "1700000000.000300",
        };

        await App.SendAsync(App.Requests.Event(mention, "Ev0MENTION"));
        await App.WhenIdleAsync();

        Assert.Empty(Api.CallsTo("chat.postMessage"));
        var post = Assert.Single(Api.CallsTo("chat.postEphemeral"));
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        Assert.Equal(SlackRequests.User, post.Arg("user"));
        Assert.Contains("here's what I can do", post.Args["blocks"]![0]!["text"]!["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_app_home_the_first_time_says_hello_in_the_dm_and_publishes_the_home_tab()
    {
        var opened = new JsonObject { ["type"] = "app_home_opened", ["user"] = SlackRequests.User, ["channel"] = FakeSlackApi.DirectChannel, ["tab"] = "home" };

        await App.SendAsync(App.Requests.Event(opened, "Ev0HOME1"));
        await App.WhenIdleAsync();

        Assert.Single(Api.CallsTo("chat.postMessage"));
        var publish = Assert.Single(Api.CallsTo("views.publish"));
        Assert.Equal(SlackRequests.User, publish.Arg("user_id"));
        Golden.Verify("app-home-new-member", publish.Args["view"]!);
    }
}
