using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Builds, once, the month rollups of history written before SalesBot kept them: every member found
/// through the schedule index (single-partition reads only), each month that has check-ins or wins
/// but no rollup. A marker in <c>lookups</c> records that it ran, so later start-ups cost one point
/// read. It only ever creates a missing month, so it is safe beside live writes and a second instance.
/// </summary>
public sealed partial class CosmosRollupBackfill(CosmosDatabase db, IScheduleIndex index, ILogger<CosmosRollupBackfill> logger) : IHostedService
{
    public const string MarkerId = "migration|month-rollups-v1";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var built = await RunAsync(cancellationToken);
        if (built is { } count)
        {
            LogBackfilled(logger, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The number of months built, or null when the backfill had run before.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        if (await CosmosItems.ReadAsync<bool>(db.Lookups, MarkerId, MarkerId, cancellationToken) is not null)
        {
            return null;
        }

        var rollups = new CosmosRollups(db);
        var built = 0;
        foreach (var zone in await index.ListTimeZonesAsync(cancellationToken))
        {
            foreach (var member in await index.ListMembersInZoneAsync(zone, cancellationToken))
            {
                foreach (var month in await rollups.MissingMonthsAsync(member.MemberId, cancellationToken))
                {
                    built += await rollups.BackfillAsync(member.MemberId, month, cancellationToken) ? 1 : 0;
                }
            }
        }

        await CosmosItems.CreateIfAbsentAsync(db.Lookups, CosmosStoreWriter.Lookup(MarkerId, "migration", true), cancellationToken);
        return built;
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Information, Message = "Built {Count} month rollups from history kept before rollups existed")]
    private static partial void LogBackfilled(ILogger logger, int count);
}
