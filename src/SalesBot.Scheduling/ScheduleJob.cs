using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Scheduling;

namespace SalesBot.Scheduling;

/// <summary>
/// Queues what the stored schedules say is due (prompts, reminders, reflections, digests, roll-ups),
/// wakes the outbox, and sets its own next run for the moment the next thing comes due, so prompts go
/// out on the minute. A periodic sweep backs it up. Safe on every instance: outbox keys send each once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class ScheduleJob(
    ScheduledPrompts prompts,
    IOutboxSignal outboxSignal,
    IClock clock,
    SchedulingOptions options,
    ILogger<ScheduleJob> logger) : IJob
{
    public static readonly JobKey Key = new("schedule", "salesbot");
    public static readonly TriggerKey NextRun = new("schedule-next", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ScheduleRun? run = null;
        try
        {
            run = await prompts.RunDueAsync(context.CancellationToken);
            if (run.Queued > 0)
            {
                outboxSignal.Notify();
                LogQueued(logger, run.Queued);
            }
        }
        finally
        {
            await PlanNextRunAsync(context.Scheduler, run?.NextDue);
        }
    }

    private async Task PlanNextRunAsync(IScheduler scheduler, Instant? nextDue)
    {
        var wait = NextRunDelay(nextDue, clock.GetCurrentInstant(), TimeSpan.FromMinutes(options.SweepMinutes));
        var trigger = TriggerBuilder.Create().WithIdentity(NextRun).ForJob(Key).StartAt(DateTimeOffset.UtcNow + wait).Build();
        if (await scheduler.CheckExists(NextRun))
        {
            await scheduler.RescheduleJob(NextRun, trigger);
        }
        else
        {
            await scheduler.ScheduleJob(trigger);
        }
    }

    /// <summary>
    /// How long until the next run: the distance to <paramref name="nextDue"/> on the app clock (Quartz waits in
    /// real time for the same distance), a little past it, because Quartz may fire a couple of milliseconds early
    /// and a run that finds nothing due yet would wait again; at least 100 ms, at most the sweep.
    /// </summary>
    public static TimeSpan NextRunDelay(Instant? nextDue, Instant now, TimeSpan sweep)
    {
        var wait = nextDue is { } due ? (due - now).ToTimeSpan() + EarlyFireMargin : sweep;
        return wait < MinimumWait ? MinimumWait : wait > sweep ? sweep : wait;
    }

    private static readonly TimeSpan EarlyFireMargin = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Queued {Count} scheduled messages")]
    private static partial void LogQueued(ILogger logger, int count);
}
