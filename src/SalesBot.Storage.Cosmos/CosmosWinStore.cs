using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosWinStore(CosmosDatabase db) : IWinStore
{
    public async Task<Win?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default) =>
        (await CosmosItems.ReadAsync<Win>(db.History, CosmosKeys.WinId(winId), CosmosKeys.HistoryPk(memberId), cancellationToken))?.Body;

    public async Task<IReadOnlyList<Win>> ListForMemberAsync(string memberId, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var documents = await CosmosQuery.ListAsync<CosmosDocument<Win>>(
            db.History, CosmosKeys.HistoryPk(memberId),
            "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'win' AND c.due >= @from AND c.due < @to ORDER BY c.due",
            cancellationToken, ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds()));
        // Ties on the instant are ordered by id here rather than by a composite index.
        return [.. documents.Select(d => d.Body).OrderBy(w => w.At).ThenBy(w => w.Id, StringComparer.Ordinal)];
    }
}
