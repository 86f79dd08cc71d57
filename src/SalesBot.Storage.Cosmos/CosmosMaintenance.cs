using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>Nothing to prune: finished posts and event marks carry a <c>ttl</c> and Cosmos DB deletes them with spare RUs.</summary>
public sealed class CosmosMaintenance : IStoreMaintenance
{
    public Task<int> PruneAsync(Instant now, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
