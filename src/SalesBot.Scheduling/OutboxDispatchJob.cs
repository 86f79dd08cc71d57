using NodaTime;
using Quartz;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

/// <summary>
/// Sends due outbox messages (win posts, proactive prompts). Runs every few seconds and on demand
/// after a turn queued something; never two at once in one process, and the outbox lease keeps two
/// instances from sending the same message. When it put messages back for a moment (a 429's
/// <c>Retry-After</c>, a rate-limit wait), it runs again when the first of them is due, not at the next sweep.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, OutboxWakeTimes wakes, SchedulingOptions options, IClock clock) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Keep draining while full batches come back, so a burst does not wait for the next tick.
        Instant lastClaim;
        do
        {
            lastClaim = clock.GetCurrentInstant();
        }
        while (await dispatcher.DispatchDueAsync(context.CancellationToken) > 0 && !context.CancellationToken.IsCancellationRequested);

        wakes.Add(dispatcher.PutBack);
        if (wakes.NextAfter(lastClaim) is { } retry && RetryDelay(retry.ToDateTimeOffset(), clock.GetCurrentInstant().ToDateTimeOffset(), options) is { } wait)
        {
            // A one-off trigger of its own: several may be pending, each runs the job once.
            await context.Scheduler.ScheduleJob(TriggerBuilder.Create().ForJob(Key).StartAt(DateTimeOffset.UtcNow + wait).Build(), context.CancellationToken);
        }
    }

    /// <summary>How long until <paramref name="retry"/>, when that is sooner than the next sweep; at least 100 ms.</summary>
    public static TimeSpan? RetryDelay(DateTimeOffset retry, DateTimeOffset now, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wait = retry - now;
        return wait >= TimeSpan.FromSeconds(options.OutboxSweepSeconds) ? null
            : wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait;
    }
}

/// <summary>
/// When messages put back by the outbox job come due again, kept between its runs: a run woken for the first
/// of them does not see the others, and must still wake for them.
/// </summary>
public sealed class OutboxWakeTimes
{
    private readonly Lock _lock = new();
    private readonly SortedSet<Instant> _times = [];

    public void Add(IEnumerable<Instant> times)
    {
        ArgumentNullException.ThrowIfNull(times);
        lock (_lock)
        {
            _times.UnionWith(times);
        }
    }

    /// <summary>
    /// The earliest time after <paramref name="claimedAt"/> (the last claim, which took everything due until then),
    /// forgetting the ones before it; null when none is left.
    /// </summary>
    public Instant? NextAfter(Instant claimedAt)
    {
        lock (_lock)
        {
            _times.RemoveWhere(t => t <= claimedAt);
            return _times.Count == 0 ? null : _times.Min;
        }
    }
}
