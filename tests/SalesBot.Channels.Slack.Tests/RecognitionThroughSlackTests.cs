using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Testing;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>Fair recognition through Slack: the round-up posted with chat.postMessage, posts off, and the settings message.</summary>
public sealed class RecognitionThroughSlackTests : SlackAppTest
{
    private async Task<Stored<OutboxMessage>> PendingRoundUpAsync() =>
        (await App.InScopeAsync(sp => sp.GetRequiredService<IOutboxAdmin>().ListRecentAsync([OutboxStatus.Pending], null, 10)))
            .Single(m => m.Value.Key.StartsWith("roundup:", StringComparison.Ordinal));

    [Fact]
    public async Task Past_the_cap_a_win_waits_for_the_evening_round_up_which_is_posted_once_to_the_channel()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED"));
        await App.WhenIdleAsync();
        await App.SendAsync(App.Requests.Command("/salesbot", "posts cap 0"));
        await App.WhenIdleAsync();
        Assert.Contains(Api.CallsTo("chat.postMessage"), c => (c.Arg("text") ?? string.Empty).Contains("at most 0 posts a day", StringComparison.Ordinal));

        await App.SendAsync(App.Requests.Command("/win", "moved <!here> Acme to proposal"));
        await App.WhenIdleAsync();
        await App.DispatchOutboxAsync();
        Assert.DoesNotContain(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == SlackRequests.TeamChannel && (c.Arg("text") ?? string.Empty).Contains("Acme", StringComparison.Ordinal));

        App.Clock.Reset((await PendingRoundUpAsync()).Value.NextAttemptAt);
        await App.DispatchOutboxAsync();
        App.Clock.Advance(NodaTime.Duration.FromDays(1));
        await App.DispatchOutboxAsync();

        var post = Assert.Single(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == SlackRequests.TeamChannel && (c.Arg("text") ?? string.Empty).Contains("More wins", StringComparison.Ordinal));
        Assert.DoesNotContain("<!here>", post.Args.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("moved", post.Arg("text"), StringComparison.Ordinal);
        Golden.Verify("win-roundup-post", new JsonObject { ["text"] = post.Args["text"]!.DeepClone(), ["blocks"] = post.Args["blocks"]!.DeepClone() });
    }

    [Fact]
    public async Task With_posts_off_a_win_is_kept_out_of_the_channel_and_the_reply_says_so()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOINED"));
        await App.WhenIdleAsync();
        await App.SendAsync(App.Requests.Command("/salesbot", "posts off"));
        await App.WhenIdleAsync();

        await App.SendAsync(App.Requests.Command("/win", "booked a demo with Globex"));
        await App.WhenIdleAsync();
        await App.DispatchOutboxAsync();

        Assert.Contains(Api.CallsTo("chat.postMessage"), c => (c.Arg("text") ?? string.Empty).Contains("Your posts are off", StringComparison.Ordinal));
        Assert.DoesNotContain(Api.CallsTo("chat.postMessage"), c => c.Arg("channel") == SlackRequests.TeamChannel && (c.Arg("text") ?? string.Empty).Contains("Globex", StringComparison.Ordinal));
    }

    [Fact]
    public void A_round_up_of_many_long_wins_stays_within_slacks_limits()
    {
        var lines = Enumerable.Range(1, 25).Select(i => $"Rep {i}: " + new string('x', WinRoundUp.MaxWinText)).ToList();

        var rendered = BlockKitMessageRenderer.Message(WinRoundUp.Message(lines));

        Assert.InRange(rendered["blocks"]!.AsArray().Count, 1, BlockKitLimits.MessageBlocks);
        Assert.InRange(rendered["text"]!.GetValue<string>().Length, 1, BlockKitLimits.MessageText);
        Assert.All(rendered["blocks"]!.AsArray(), b => Assert.InRange(b!.ToJsonString().Length, 1, BlockKitLimits.SectionText));
        Assert.EndsWith("; and 15 more.", rendered["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_posts_settings_message_renders() =>
        Golden.Verify("posts-settings-message", BlockKitMessageRenderer.Message(
            PostsFlow.Show(MemberBuilder.AManager().Build(), TestData.Team with { Recognition = new() { DailyPostCap = 3 } },
                "Done: at most 3 posts a day in Test Sales's channel; more fold into the evening round-up.")));
}
