using System.Net;
using Microsoft.Azure.Cosmos;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Sets the owner's reference on one channel with a patch of that one entry (one write, no read);
/// the owner's first reference creates the item.
/// </summary>
internal sealed class CosmosConversationWrites(CosmosDatabase db)
{
    public async Task PutAsync(ConversationReference reference, CancellationToken ct)
    {
        var id = CosmosKeys.Conversations(reference.OwnerKind, reference.OwnerId);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await TryPatchAsync(id, reference, ct))
            {
                return;
            }

            var created = CosmosStoreWriter.Lookup(id, "conversations", new Dictionary<string, ConversationReference> { [reference.Channel] = reference });
            if (await CosmosItems.CreateIfAbsentAsync(db.Lookups, created, ct))
            {
                return;
            }
        }

        throw new StoreConflictException($"The conversation references of {reference.OwnerKind} {reference.OwnerId} kept changing; try again.");
    }

    private async Task<bool> TryPatchAsync(string id, ConversationReference reference, CancellationToken ct)
    {
        try
        {
            await db.Lookups.PatchItemAsync<CosmosDocument<Dictionary<string, ConversationReference>>>(
                id, new PartitionKey(id), [PatchOperation.Set($"/body/{JsonPointer(reference.Channel)}", reference)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, ct);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static string JsonPointer(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
