using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Outbox;
using NodaTime;

namespace SalesBot.Channels.Slack.Tests;

public sealed class OutboxThroughSlackTests : SlackAppTest
{
    [Fact]
    public async Task A_win_post_throttled_with_429_is_sent_once_after_its_retry_after()
    {
        await App.SendAsync(App.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOIN"));
        await App.SendAsync(App.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Initech"), "Ev0WIN"));
        await App.WhenIdleAsync();
        var before = Api.CallsTo("chat.postMessage").Count;
        Api.RateLimitNext("chat.postMessage", retryAfterSeconds: 40);

        Assert.Equal(0, await App.DispatchOutboxAsync());
        Assert.Equal(0, await App.DispatchOutboxAsync()); // not due yet
        App.Clock.Advance(Duration.FromSeconds(40));
        App.Time.Advance(TimeSpan.FromSeconds(40)); // the Web API client paces on the same clock
        Assert.Equal(1, await App.DispatchOutboxAsync());

        var posts = Api.CallsTo("chat.postMessage").Skip(before).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(SlackRequests.TeamChannel, p.Arg("channel")));
        var stored = await App.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync("win:slack:Ev0WIN"));
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
    }
}
