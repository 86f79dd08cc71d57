using Microsoft.Extensions.DependencyInjection;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Conversations.Outbox;
using NodaTime;

namespace SalesBot.Channels.Slack.Tests;

public sealed class OutboxThroughSlackTests : IAsyncLifetime
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
    public async Task A_win_post_throttled_with_429_is_sent_once_after_its_retry_after()
    {
        await _app.SendAsync(_app.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOIN"));
        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win closed Initech"), "Ev0WIN"));
        await _app.WhenIdleAsync();
        var before = _api.CallsTo("chat.postMessage").Count;
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 40);

        Assert.Equal(0, await _app.DispatchOutboxAsync());
        Assert.Equal(0, await _app.DispatchOutboxAsync()); // not due yet
        _app.Clock.Advance(Duration.FromSeconds(40));
        _app.Time.Advance(TimeSpan.FromSeconds(40)); // the Web API client paces on the same clock
        Assert.Equal(1, await _app.DispatchOutboxAsync());

        var posts = _api.CallsTo("chat.postMessage").Skip(before).ToList();
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(SlackRequests.TeamChannel, p.Arg("channel")));
        var stored = await _app.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync("win:slack:Ev0WIN"));
        Assert.Equal(OutboxStatus.Sent, stored!.Status);
    }
}
