using Quartz;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

/// <summary>
/// Every few minutes, queues the check-in prompts that have come due in each rep's own time zone,
/// then wakes the outbox so they go out now. Safe to run on every instance: the outbox key makes
/// one prompt per rep per day.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CheckInPromptJob(CheckInPrompts prompts, IOutboxSignal outboxSignal) : IJob
{
    public static readonly JobKey Key = new("checkin-prompts", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await prompts.QueueDueAsync(context.CancellationToken) > 0)
        {
            outboxSignal.Notify();
        }
    }
}
