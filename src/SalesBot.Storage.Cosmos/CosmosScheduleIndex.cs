using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Members by time zone: one small item per member in partition <c>zone|{tz}</c>, and a catalogue item
/// listing the zones in use, so the sweep never queries across partitions.
/// </summary>
public sealed class CosmosScheduleIndex(CosmosDatabase db) : IScheduleIndex
{
    public async Task<IReadOnlyList<string>> ListTimeZonesAsync(CancellationToken cancellationToken = default) =>
        (await CosmosItems.ReadAsync<List<string>>(db.Schedule, CosmosKeys.ZoneCatalogue, CosmosKeys.ZoneCatalogue, cancellationToken))?.Body ?? [];

    public async Task<IReadOnlyList<MemberKey>> ListMembersInZoneAsync(string timeZoneId, CancellationToken cancellationToken = default)
    {
        var documents = await CosmosQuery.ListAsync<CosmosDocument<MemberKey>>(
            db.Schedule, CosmosKeys.ZonePk(timeZoneId), "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'due' ORDER BY c.sort", cancellationToken);
        return [.. documents.Select(d => d.Body)];
    }
}
