using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

public sealed class CosmosInstallationStore(CosmosDatabase db) : IInstallationStore
{
    public async Task<ChannelInstallation?> FindAsync(string channel, string workspaceId, CancellationToken cancellationToken = default)
    {
        var id = CosmosKeys.Installation(channel, workspaceId);
        return (await CosmosItems.ReadAsync<ChannelInstallation>(db.Lookups, id, id, cancellationToken))?.Body;
    }
}
