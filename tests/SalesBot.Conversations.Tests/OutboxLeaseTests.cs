using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

public class OutboxLeaseTests
{
    [Fact]
    public async Task Posts_whose_lease_would_run_out_before_they_could_be_sent_are_handed_back_unsent_and_go_out_once_next_run()
    {
        SlowMessenger? slow = null;
        await using var bot = await TestBot.StartAsync(configure: s => s.RemoveAll<IChannelMessenger>().AddSingleton<IChannelMessenger>(sp =>
            slow = new SlowMessenger((FakeClock)sp.GetRequiredService<IClock>(), Duration.FromMinutes(2))));
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        var now = bot.Clock.GetCurrentInstant();
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("a", now)).Enqueue(TestRecords.TeamPost("b", now)).Enqueue(TestRecords.TeamPost("c", now)));

        // Each send takes two minutes of a five-minute lease: the third would start with one minute left.
        Assert.Equal(2, await bot.DispatchOutboxAsync());
        var handedBack = await bot.Get<IOutbox>().GetAsync("c");
        Assert.Equal((OutboxStatus.Pending, 0, null), (handedBack!.Status, handedBack.Attempts, handedBack.LeaseOwner));

        Assert.Equal(1, await bot.DispatchOutboxAsync());
        Assert.Equal(["a", "b", "c"], slow!.Keys);
    }

    [Fact]
    public async Task A_dispatcher_whose_lease_ran_out_mid_send_cannot_record_its_result_over_the_new_owner()
    {
        await using var bot = await TestBot.StartAsync();
        var now = bot.Clock.GetCurrentInstant();
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("slow", now)));
        var outbox = bot.Get<IOutbox>();
        var old = Assert.Single(await outbox.ClaimDueAsync(now, "old", now + Duration.FromMinutes(5), 10));

        bot.Clock.AdvanceMinutes(6);
        var taken = Assert.Single(await outbox.ClaimDueAsync(bot.Clock.GetCurrentInstant(), "new", bot.Clock.GetCurrentInstant() + Duration.FromMinutes(5), 10));

        Assert.False(await outbox.CompleteAsync(old, old.Message with { Status = OutboxStatus.Sent, LeaseOwner = null }));
        Assert.Equal("new", (await outbox.GetAsync("slow"))!.LeaseOwner);
        Assert.True(await outbox.CompleteAsync(taken, taken.Message with { Status = OutboxStatus.Sent, LeaseOwner = null }));
    }

    private sealed class SlowMessenger(FakeClock clock, Duration perSend) : IChannelMessenger
    {
        public List<string> Keys { get; } = [];

        public string Channel => TestData.Channel;

        public Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
        {
            Keys.Add(delivery.Key);
            clock.Advance(perSend);
            return Task.FromResult(DeliveryResult.Sent);
        }
    }
}
