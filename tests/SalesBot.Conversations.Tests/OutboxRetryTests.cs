using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class OutboxRetryTests
{
    [Fact]
    public async Task A_transient_failure_waits_the_servers_retry_after_or_else_the_outboxs_backoff_and_is_then_sent()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        var start = bot.Clock.GetCurrentInstant();
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("flaky", start)));
        bot.Messenger.NextResults.Enqueue(DeliveryResult.Retry(null, "500 Internal Server Error"));
        bot.Messenger.NextResults.Enqueue(DeliveryResult.Retry(Duration.FromMinutes(2), "429 Too Many Requests"));

        await bot.DispatchOutboxAsync();
        Assert.Equal(start + OutboxDispatcher.Backoff(1), (await bot.Get<IOutbox>().GetAsync("flaky"))!.NextAttemptAt);

        bot.Clock.Advance(OutboxDispatcher.Backoff(1));
        await bot.DispatchOutboxAsync();
        var throttled = await bot.Get<IOutbox>().GetAsync("flaky");
        Assert.Equal((OutboxStatus.Pending, bot.Clock.GetCurrentInstant() + Duration.FromMinutes(2)), (throttled!.Status, throttled.NextAttemptAt));

        bot.Clock.AdvanceMinutes(2);
        Assert.Equal(1, await bot.DispatchOutboxAsync());
        Assert.Equal((OutboxStatus.Sent, 3), ((await bot.Get<IOutbox>().GetAsync("flaky"))!.Status, (await bot.Get<IOutbox>().GetAsync("flaky"))!.Attempts));
    }
}
