using System.Net;
using Microsoft.Azure.Cosmos;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>Point reads and the writes an <see cref="Expect"/> asks for, in Cosmos DB's terms.</summary>
public static class CosmosItems
{
    /// <summary>A point read (1 RU per KB); null when the item does not exist.</summary>
    public static async Task<CosmosDocument<T>?> ReadAsync<T>(Container container, string id, string pk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            return (await container.ReadItemAsync<CosmosDocument<T>>(id, new PartitionKey(pk), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<Stored<T>?> ReadStoredAsync<T>(Container container, string id, string pk, CancellationToken cancellationToken) =>
        await ReadAsync<T>(container, id, pk, cancellationToken) is { } doc ? new Stored<T>(doc.Body, doc.ETag!) : null;

    /// <summary>
    /// Any = upsert; Absent = create (409 = someone was first); Version = replace if the ETag still
    /// matches (412, or 404 when it was deleted, = someone changed it).
    /// </summary>
    public static async Task WriteAsync<T>(Container container, CosmosDocument<T> document, Expect expect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(expect);
        var pk = new PartitionKey(document.Pk);
        var item = document with { ETag = null };
        try
        {
            _ = expect.Kind switch
            {
                ExpectKind.Any => await container.UpsertItemAsync(item, pk, NoContent, cancellationToken),
                ExpectKind.Absent => await container.CreateItemAsync(item, pk, NoContent, cancellationToken),
                _ => await container.ReplaceItemAsync(item, item.Id, pk, new ItemRequestOptions { IfMatchEtag = expect.ExpectedVersion, EnableContentResponseOnWrite = false }, cancellationToken),
            };
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            throw new StoreConflictException(
                $"{document.Type} {document.Id} was not {(expect.Kind == ExpectKind.Absent ? "absent" : $"at version {expect.ExpectedVersion}")}: another writer saved first.", e);
        }
    }

    /// <summary>Creates the item unless one with its id exists; true when this call created it.</summary>
    public static async Task<bool> CreateIfAbsentAsync<T>(Container container, CosmosDocument<T> document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            await container.CreateItemAsync(document, new PartitionKey(document.Pk), NoContent, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public static async Task DeleteIfExistsAsync(Container container, string id, string pk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(pk), cancellationToken: cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Writes need no echo of the item: less response payload, same RU.</summary>
    private static ItemRequestOptions NoContent { get; } = new() { EnableContentResponseOnWrite = false };
}
