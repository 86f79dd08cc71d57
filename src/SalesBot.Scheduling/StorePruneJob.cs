using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using SalesBot.Conversations.Ports;

namespace SalesBot.Scheduling;

/// <summary>
/// Hourly, removes event marks and finished posts past their retention, so the store stays bounded on
/// SQLite (Cosmos DB expires them itself by TTL). Safe on every instance: deleting twice deletes nothing more.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class StorePruneJob(IStoreMaintenance maintenance, IClock clock, ILogger<StorePruneJob> logger) : IJob
{
    public static readonly JobKey Key = new("store-prune", "salesbot");

    public async Task Execute(IJobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var removed = await maintenance.PruneAsync(clock.GetCurrentInstant(), context.CancellationToken);
        if (removed > 0)
        {
            LogPruned(logger, removed);
        }
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Pruned {Count} expired records from the store")]
    private static partial void LogPruned(ILogger logger, int count);
}
