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
        // The app clock decides what is due; Quartz waits in real time for the same distance.
        var sweep = TimeSpan.FromMinutes(options.SweepMinutes);
        var wait = nextDue is { } due ? (due - clock.GetCurrentInstant()).ToTimeSpan() : sweep;
        wait = wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > sweep ? sweep : wait;
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

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Queued {Count} scheduled messages")]
    private static partial void LogQueued(ILogger logger, int count);
}
