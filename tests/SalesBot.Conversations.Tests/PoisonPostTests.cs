using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class PoisonPostTests
{
    [Fact]
    public async Task A_post_whose_sending_kills_the_process_every_time_is_dead_lettered_not_retried_forever()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("poison", bot.Clock.GetCurrentInstant())));
        var lease = bot.Get<DeliveryPolicy>().Lease;

        // Each "crash": a dispatcher leases the post and dies before it records an outcome.
        for (var crash = 0; crash < OutboxDispatcher.MaxAttempts; crash++)
        {
            var now = bot.Clock.GetCurrentInstant();
            Assert.Single(await bot.Get<IOutbox>().ClaimDueAsync(now, $"dying-{crash}", now + lease, 10));
            bot.Clock.Advance(lease);
        }

        Assert.Equal(0, await bot.DispatchOutboxAsync());

        Assert.Empty(bot.Messenger.Sent);
        var post = await bot.Get<IOutbox>().GetAsync("poison");
        Assert.Equal(OutboxStatus.DeadLettered, post!.Status);
        Assert.Contains("crashed", post.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_that_survives_fewer_crashes_than_the_limit_is_still_sent()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("survivor", bot.Clock.GetCurrentInstant())));
        var now = bot.Clock.GetCurrentInstant();
        Assert.Single(await bot.Get<IOutbox>().ClaimDueAsync(now, "dying", now + Duration.FromMinutes(2), 10));
        bot.Clock.Advance(Duration.FromMinutes(2));

        Assert.Equal(1, await bot.DispatchOutboxAsync());

        Assert.Equal((OutboxStatus.Sent, 2), ((await bot.Get<IOutbox>().GetAsync("survivor"))!.Status, (await bot.Get<IOutbox>().GetAsync("survivor"))!.Attempts));
    }

    [Fact]
    public async Task A_post_sent_on_its_first_lease_tells_the_messenger_its_key_and_that_it_was_never_sent_before()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("first-try", bot.Clock.GetCurrentInstant())));

        Assert.Equal(1, await bot.DispatchOutboxAsync());

        var delivery = Assert.Single(bot.Messenger.Deliveries);
        Assert.Equal(("first-try", false), (delivery.Key, delivery.MayHaveBeenSent));
    }

    [Fact]
    public async Task A_post_leased_again_after_a_crash_tells_the_messenger_it_may_already_have_been_sent()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("crashed-once", bot.Clock.GetCurrentInstant())));
        var now = bot.Clock.GetCurrentInstant();
        Assert.Single(await bot.Get<IOutbox>().ClaimDueAsync(now, "dying", now + Duration.FromMinutes(2), 10));
        bot.Clock.Advance(Duration.FromMinutes(2));

        Assert.Equal(1, await bot.DispatchOutboxAsync());

        var delivery = Assert.Single(bot.Messenger.Deliveries);
        Assert.Equal(("crashed-once", true), (delivery.Key, delivery.MayHaveBeenSent));
    }
}
