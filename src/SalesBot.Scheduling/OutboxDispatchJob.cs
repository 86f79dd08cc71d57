using Quartz;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

/// <summary>
/// Sends due outbox messages (win posts, proactive prompts). Runs every few seconds and on demand
/// after a turn queued something; never two at once in one process, and the outbox lease keeps two
/// instances from sending the same message.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(OutboxDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Keep draining while full batches come back, so a burst does not wait for the next tick.
        while (await dispatcher.DispatchDueAsync(context.CancellationToken) > 0 && !context.CancellationToken.IsCancellationRequested)
        {
        }
    }
}
