using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Conversations.Outbox;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class UndeliverablePostTests
{
    private const int DeadLetteredEvent = 1102;

    [Fact]
    public async Task A_win_post_for_a_team_with_no_channel_is_dead_lettered_after_the_policy_wait_with_one_log_line()
    {
        var log = new RecordingLogger<OutboxDispatcher>();
        await using var bot = await TestBot.StartAsync(configure: s => s.AddSingleton<ILogger<OutboxDispatcher>>(log));
        await bot.WithMembersAsync(MemberBuilder.ARep());
        var policy = bot.Get<DeliveryPolicy>();
        await bot.SayAsync("win moved Acme to proposal", eventId: "evt-lonely");
        const string key = "win:test:evt-lonely";

        // Dispatching every minute until the wait is over: the post waits quietly.
        var waited = NodaTime.Duration.Zero;
        for (; waited < policy.UndeliverableAfter; waited += NodaTime.Duration.FromMinutes(1))
        {
            Assert.Equal(0, await bot.DispatchOutboxAsync());
            Assert.Equal(OutboxStatus.Pending, (await bot.Get<IOutbox>().GetAsync(key))!.Status);
            bot.Clock.AdvanceMinutes(1);
        }

        await bot.DispatchOutboxAsync();
        var deadLettered = await bot.Get<IOutbox>().GetAsync(key);
        Assert.Equal(OutboxStatus.DeadLettered, deadLettered!.Status);
        Assert.Contains("no channel", deadLettered.LastError, StringComparison.Ordinal);

        // Hours later, it has not been tried again and was logged once.
        for (var hour = 0; hour < 6; hour++)
        {
            bot.Clock.AdvanceHours(1);
            Assert.Equal(0, await bot.DispatchOutboxAsync());
        }

        Assert.Equal(deadLettered.Attempts, (await bot.Get<IOutbox>().GetAsync(key))!.Attempts);
        Assert.Single(log.Entries, e => e.EventId.Id == DeadLetteredEvent);
        Assert.Empty(bot.Messenger.Sent);
    }
}
