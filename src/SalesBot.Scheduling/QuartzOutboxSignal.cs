using Microsoft.Extensions.Logging;
using Quartz;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

/// <summary>Wakes the outbox job now instead of at its next tick.</summary>
public sealed partial class QuartzOutboxSignal(ISchedulerFactory schedulers, ILogger<QuartzOutboxSignal> logger) : IOutboxSignal
{
    public void Notify() => _ = TriggerAsync();

    private async Task TriggerAsync()
    {
        if (await JobTrigger.FireAsync(schedulers, OutboxDispatchJob.Key) is { } refused)
        {
            LogTriggerFailed(logger, refused);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Could not trigger the outbox job; the next tick will send")]
    private static partial void LogTriggerFailed(ILogger logger, Exception exception);
}
