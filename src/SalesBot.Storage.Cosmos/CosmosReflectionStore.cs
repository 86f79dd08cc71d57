using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Reflections;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosReflectionStore(CosmosDatabase db) : IReflectionStore
{
    public async Task<Reflection?> GetAsync(string memberId, YearMonth month, CancellationToken cancellationToken = default) =>
        (await CosmosItems.ReadAsync<Reflection>(db.History, CosmosKeys.ReflectionId(month), CosmosKeys.HistoryPk(memberId), cancellationToken))?.Body;
}
