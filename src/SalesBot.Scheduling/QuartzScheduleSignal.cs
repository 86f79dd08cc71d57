using Microsoft.Extensions.Logging;
using Quartz;
using SalesBot.Conversations.Scheduling;

namespace SalesBot.Scheduling;

/// <summary>A schedule changed: the plan is read again from the store, now rather than at the next run.</summary>
public sealed partial class QuartzScheduleSignal(SchedulePlan plan, ISchedulerFactory schedulers, ILogger<QuartzScheduleSignal> logger) : IScheduleSignal
{
    public void SchedulesChanged()
    {
        plan.Invalidate();
        _ = TriggerAsync();
    }

    // A run that reads nothing but the zone list, then sets the next trigger to the new earliest time.
    public void NextDueMoved() => _ = TriggerAsync();

    private async Task TriggerAsync()
    {
        if (await JobTrigger.FireAsync(schedulers, ScheduleJob.Key) is { } refused)
        {
            LogTriggerFailed(logger, refused);
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Could not trigger the schedule job; its next run will replan")]
    private static partial void LogTriggerFailed(ILogger logger, Exception exception);
}
