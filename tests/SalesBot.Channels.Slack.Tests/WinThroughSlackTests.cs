using System.Text.Json.Nodes;
using SalesBot.Channels.Slack.Tests.Infrastructure;

namespace SalesBot.Channels.Slack.Tests;

public sealed class WinThroughSlackTests : SlackAppTest
{
    [Fact]
    public async Task A_win_is_posted_to_the_team_channel_with_mentions_and_links_escaped()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED"));
        await App.WhenIdleAsync();

        await App.SendAsync(App.Requests.Command("/win", "moved <!channel> Acme to <http://x|proposal> & more"));
        await App.WhenIdleAsync();
        Assert.Equal(1, await App.DispatchOutboxAsync());

        var posts = Api.CallsTo("chat.postMessage");
        var post = posts[^1];
        Assert.Equal(SlackRequests.TeamChannel, post.Arg("channel"));
        var payload = post.Args.ToJsonString();
        Assert.DoesNotContain("<!channel>", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("<http", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", payload, StringComparison.OrdinalIgnoreCase);
        Golden.Verify("win-post", new JsonObject { ["text"] = post.Args["text"]!.DeepClone(), ["blocks"] = post.Args["blocks"]!.DeepClone() });
    }

    [Fact]
    public async Task The_bot_joining_a_channel_greets_it_and_makes_it_the_teams_win_channel()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED2"));
        await App.WhenIdleAsync();

        var hello = Assert.Single(Api.CallsTo("chat.postMessage"));
        Assert.Equal(SlackRequests.TeamChannel, hello.Arg("channel"));
        Assert.Contains("celebrate your wins here", hello.Arg("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_joining_the_channel_is_not_the_bots_business()
    {
        var joined = SlackRequests.BotJoinedTeamChannel();
        joined["user"] = "U0SOMEONE";

        await App.SendAsync(App.Requests.Event(joined, "Ev0OTHERJOIN"));
        await App.WhenIdleAsync();

        Assert.Empty(Api.Calls);
    }
}
