using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// The "👏 Kudos" button on a win's post in the team channel, end to end: signed <c>block_actions</c>
/// in, <c>chat.update</c> of the post (or an ephemeral refusal) out, against the fake Slack Web API.
/// </summary>
public sealed class KudosThroughSlackTests : SlackAppTest
{
    private const string Ben = "U0BEN";

    private async Task<(JsonObject Button, string PostTs)> PostAWinAsync()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED"));
        await App.WhenIdleAsync();
        await App.SendAsync(App.Requests.Command("/win", "moved Acme to proposal"));
        await App.WhenIdleAsync();
        Assert.Equal(1, await App.DispatchOutboxAsync());

        var post = Api.CallsTo("chat.postMessage")[^1];
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        var button = post.Args["blocks"]!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => (string?)e!["text"]!["text"] == "👏 Kudos")!.AsObject();
        var ts = await App.InScopeAsync(async sp =>
        {
            var outbox = sp.GetRequiredService<IOutbox>();
            var value = JsonNode.Parse(button["value"]!.ToString())!;
            return (await outbox.GetAsync("win:" + (string)value["d"]!["win"]!))!.Sent!.MessageId!;
        });
        return (button, ts);
    }

    private JsonObject Press(JsonObject button, string user, string ts, string channel = SlackRequests.TeamChannel)
    {
        var press = App.Requests.ButtonPress(button, channel, ts);
        press["user"]!["id"] = user;
        return press;
    }

    private async Task SendAsync(JsonObject press)
    {
        var response = await App.SendAsync(App.Requests.Interaction(press));
        Assert.True(response.IsSuccessStatusCode);
        await App.WhenIdleAsync();
    }

    [Fact]
    public async Task A_teammates_press_updates_the_post_in_place_with_chat_update()
    {
        var (button, ts) = await PostAWinAsync();

        await SendAsync(Press(button, Ben, ts));

        var update = Assert.Single(Api.CallsTo("chat.update"));
        Assert.Equal(SlackRequests.TeamChannel, update.Arg("channel"));
        Assert.Equal(ts, update.Arg("ts"));
        var blocks = update.Args["blocks"]!.ToJsonString();
        Assert.Contains("\\uD83D\\uDC4F 1 \\u2014 Ana", blocks, StringComparison.Ordinal); // "👏 1 — Ana" (the fake names everyone Ana)
        Assert.Contains("win.kudos", blocks, StringComparison.Ordinal); // the button stays
        Assert.Empty(Api.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task A_second_press_changes_nothing_and_is_answered_to_the_presser_alone()
    {
        var (button, ts) = await PostAWinAsync();
        await SendAsync(Press(button, Ben, ts));

        await SendAsync(Press(button, Ben, ts));

        Assert.Single(Api.CallsTo("chat.update"));
        var ephemeral = Assert.Single(Api.CallsTo("chat.postEphemeral"));
        Assert.Equal(Ben, ephemeral.Arg("user"));
        Assert.Equal(SlackRequests.TeamChannel, ephemeral.Arg("channel"));
        Assert.Contains("already given", ephemeral.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rep_cannot_give_kudos_to_their_own_win()
    {
        var (button, ts) = await PostAWinAsync();

        await SendAsync(Press(button, SlackRequests.User, ts));

        Assert.Empty(Api.CallsTo("chat.update"));
        Assert.Contains("your own win", Assert.Single(Api.CallsTo("chat.postEphemeral")).Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_press_naming_another_message_or_channel_is_refused()
    {
        var (button, ts) = await PostAWinAsync();

        await SendAsync(Press(button, Ben, "1700000000.999999"));
        await SendAsync(Press(button, Ben, ts, channel: "C0ELSEWHERE"));

        Assert.Empty(Api.CallsTo("chat.update"));
        var refusals = Api.CallsTo("chat.postEphemeral");
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Contains("can't find that win", r.Arg("text"), StringComparison.Ordinal));

        // Still one kudos to give: the refused presses counted for nothing.
        await SendAsync(Press(button, Ben, ts));
        Assert.Single(Api.CallsTo("chat.update"));
    }

    [Fact]
    public async Task The_post_with_kudos_matches_the_golden_block_kit_message()
    {
        var (button, ts) = await PostAWinAsync();

        await SendAsync(Press(button, Ben, ts));

        var update = Assert.Single(Api.CallsTo("chat.update"));
        Golden.Verify("win-post-kudos", new JsonObject { ["text"] = update.Args["text"]!.DeepClone(), ["blocks"] = update.Args["blocks"]!.DeepClone() });
    }
}
