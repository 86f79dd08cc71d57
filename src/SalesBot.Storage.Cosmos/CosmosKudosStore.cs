using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Storage.Cosmos;

/// <summary>Kudos on a win: one item beside the win in the rep's history partition, read with a point read.</summary>
public sealed class CosmosKudosStore(CosmosDatabase db) : IKudosStore
{
    public Task<Stored<WinKudos>?> GetAsync(string memberId, string winId, CancellationToken cancellationToken = default) =>
        CosmosItems.ReadStoredAsync<WinKudos>(db.History, CosmosKeys.KudosId(winId), CosmosKeys.HistoryPk(memberId), cancellationToken);
}
