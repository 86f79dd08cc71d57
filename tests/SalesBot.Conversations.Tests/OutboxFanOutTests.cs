using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Conversations.Scheduling;
using SalesBot.Testing;

namespace SalesBot.Conversations.Tests;

/// <summary>A morning's fan-out: many posts due at once, paced by the channel's rate limits.</summary>
public class OutboxFanOutTests
{
    [Fact]
    public async Task The_dispatcher_keeps_as_many_sends_in_flight_as_the_policy_allows_and_sends_every_post_once()
    {
        var gate = new GatedMessenger(inFlightToRelease: 4, total: 10);
        await using var bot = await TestBot.StartAsync(configure: s => s
            .RemoveAll<IChannelMessenger>().AddSingleton<IChannelMessenger>(gate)
            .RemoveAll<DeliveryPolicy>().AddSingleton(new DeliveryPolicy { MaxConcurrentSends = 4 }));
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        var now = bot.Clock.GetCurrentInstant();
        await bot.CommitAsync(c =>
        {
            foreach (var i in Enumerable.Range(0, 10))
            {
                c.Enqueue(TestRecords.TeamPost($"post-{i}", now));
            }
        });

        // Each send waits until four are in flight together: one at a time, this would never finish.
        Assert.Equal(10, await bot.DispatchOutboxAsync());

        Assert.Equal(4, gate.MostInFlight);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"post-{i}").Order(), gate.Keys.Order());
    }

    [Fact]
    public async Task Waiting_for_a_rate_limit_permit_never_uses_up_a_posts_attempts()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("busy", bot.Clock.GetCurrentInstant())));
        // More waits than a post has attempts: a long fan-out must not fail the posts at the back of the queue.
        foreach (var _ in Enumerable.Range(0, OutboxDispatcher.MaxAttempts + 4))
        {
            bot.Messenger.NextResults.Enqueue(DeliveryResult.Throttled(Duration.FromSeconds(1), "Teams rate limit reached."));
        }

        var putBack = await bot.InScopeAsync<OutboxDispatcher, IReadOnlyList<Instant>>(async d => { await d.DispatchDueAsync(); return d.PutBack; });
        var waiting = await bot.Get<IOutbox>().GetAsync("busy");
        Assert.Equal((OutboxStatus.Pending, 0), (waiting!.Status, waiting.Attempts));
        Assert.Equal(bot.Clock.GetCurrentInstant() + Duration.FromSeconds(1), waiting.NextAttemptAt);
        Assert.Equal([waiting.NextAttemptAt], putBack);

        for (var i = 0; i < OutboxDispatcher.MaxAttempts + 4; i++)
        {
            bot.Clock.Advance(Duration.FromSeconds(1));
            await bot.DispatchOutboxAsync();
        }

        var sent = await bot.Get<IOutbox>().GetAsync("busy");
        Assert.Equal((OutboxStatus.Sent, 1), (sent!.Status, sent.Attempts));
        Assert.Single(bot.Messenger.Sent);
    }

    [Fact]
    public async Task A_dispatcher_that_put_nothing_back_has_no_retry_to_wake_for()
    {
        await using var bot = await TestBot.StartAsync();
        await bot.RememberConversationAsync(RecipientKind.Team, TestData.TeamId, "channel-1");
        await bot.CommitAsync(c => c.Enqueue(TestRecords.TeamPost("once", bot.Clock.GetCurrentInstant())));

        var putBack = await bot.InScopeAsync<OutboxDispatcher, IReadOnlyList<Instant>>(async d => { await d.DispatchDueAsync(); return d.PutBack; });

        Assert.Empty(putBack);
        Assert.Single(bot.Messenger.Sent);
    }

    [Fact]
    public async Task A_schedule_run_wakes_the_outbox_as_each_hundred_members_are_committed_not_only_at_the_end()
    {
        var signal = new CountingSignal();
        // Monday 23 Nov 2026, 09:00 in New York.
        await using var bot = await (await TestBot.StartAsync(Instant.FromUtc(2026, 11, 23, 14, 0), s => s
            .RemoveAll<IOutboxSignal>().AddSingleton<IOutboxSignal>(signal)))
            .WithMembersAsync([.. Enumerable.Range(0, 250).Select(i => MemberBuilder.ARep($"rep-{i:D3}").InZone("America/New_York").Build())]);

        var run = await bot.InScopeAsync<ScheduledPrompts, ScheduleRun>(p => p.RunDueAsync());

        Assert.Equal(250, run.Queued);
        Assert.Equal(3, signal.Count); // after 100, after 200, after the last 50
    }

    private sealed class CountingSignal : IOutboxSignal
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Notify() => Interlocked.Increment(ref _count);
    }

    /// <summary>Holds every send until <c>inFlightToRelease</c> are waiting together (or the last ones have started).</summary>
    private sealed class GatedMessenger(int inFlightToRelease, int total) : IChannelMessenger
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _started;

        public List<string> Keys { get; } = [];

        public int MostInFlight { get; private set; }

        public string Channel => TestData.Channel;

        public async Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
        {
            Task wait;
            lock (_lock)
            {
                Keys.Add(delivery.Key);
                _inFlight++;
                _started++;
                MostInFlight = Math.Max(MostInFlight, _inFlight);
                wait = _gate.Task;
                if (_inFlight == inFlightToRelease || _started == total)
                {
                    _gate.SetResult();
                    _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            await wait;
            lock (_lock)
            {
                _inFlight--;
            }

            return DeliveryResult.Sent;
        }
    }
}
