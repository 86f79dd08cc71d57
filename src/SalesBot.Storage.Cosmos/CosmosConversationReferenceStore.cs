using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>One lookup document per owner holding their reference on each channel: a point read finds the latest.</summary>
public sealed class CosmosConversationReferenceStore(CosmosDatabase db) : IConversationReferenceStore
{
    public async Task<ConversationReference?> FindAsync(RecipientKind ownerKind, string ownerId, CancellationToken cancellationToken = default)
    {
        var id = CosmosKeys.Conversations(ownerKind, ownerId);
        var document = await CosmosItems.ReadAsync<Dictionary<string, ConversationReference>>(db.Lookups, id, id, cancellationToken);
        return document?.Body.Values
            .OrderByDescending(r => r.UpdatedAt)
            .ThenBy(r => r.Channel, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
