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
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher, SchedulingOptions options) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "salesbot");
    public static readonly TriggerKey RetryRun = new("outbox-retry", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Keep draining while full batches come back, so a burst does not wait for the next tick.
        while (await dispatcher.DispatchDueAsync(context.CancellationToken) > 0 && !context.CancellationToken.IsCancellationRequested)
        {
        }

        if (dispatcher.NextRetryAt is { } retry && RetryDelay(retry.ToDateTimeOffset(), DateTimeOffset.UtcNow, options) is { } wait)
        {
            var trigger = TriggerBuilder.Create().WithIdentity(RetryRun).ForJob(Key).StartAt(DateTimeOffset.UtcNow + wait).Build();
            if (await context.Scheduler.CheckExists(RetryRun, context.CancellationToken))
            {
                await context.Scheduler.RescheduleJob(RetryRun, trigger, context.CancellationToken);
            }
            else
            {
                await context.Scheduler.ScheduleJob(trigger, context.CancellationToken);
            }
        }
    }

    /// <summary>How long until <paramref name="retry"/>, when that is sooner than the next sweep; at least 100 ms.</summary>
    public static TimeSpan? RetryDelay(DateTimeOffset retry, DateTimeOffset now, SchedulingOptions options)
    {
        var wait = retry - now;
        return wait >= TimeSpan.FromSeconds(options.OutboxSweepSeconds) ? null
            : wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait;
    }
}
