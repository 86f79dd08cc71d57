using System.Net;
using Microsoft.Azure.Cosmos;
using NodaTime;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Posts waiting to be sent, spread over <see cref="CosmosDatabase.OutboxShards"/> partitions by key.
/// A claim queries each shard for due posts and leases each with a replace on its ETag carrying the
/// owner and the lease's end; a post another dispatcher leased first fails that replace and is skipped.
/// </summary>
public sealed class CosmosOutbox(CosmosDatabase db) : IOutbox
{
    public async Task<OutboxMessage?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await CosmosItems.ReadAsync<OutboxMessage>(db.Outbox, CosmosKeys.OutboxId(key), CosmosKeys.OutboxPk(key, db.OutboxShards), cancellationToken))?.Body;

    public async Task<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, string owner, Instant leaseUntil, int max, CancellationToken cancellationToken = default)
    {
        var leases = new List<OutboxLease>();
        // Start at a random shard so that concurrent dispatchers spread out instead of racing for the same posts.
        var first = Random.Shared.Next(db.OutboxShards);
        for (var i = 0; i < db.OutboxShards && leases.Count < max; i++)
        {
            var pk = CosmosKeys.OutboxShardPk((first + i) % db.OutboxShards);
            var due = await CosmosQuery.ListAsync<CosmosDocument<OutboxMessage>>(
                db.Outbox, pk,
                $"SELECT TOP {(max - leases.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)} * FROM c WHERE c.pk = @pk AND c.status = 'Pending' AND c.due <= @now ORDER BY c.due",
                cancellationToken, ("@now", now.ToUnixTimeMilliseconds()));
            foreach (var document in due)
            {
                if (await TryLeaseAsync(document, owner, leaseUntil, cancellationToken) is { } lease)
                {
                    leases.Add(lease);
                }
            }
        }

        return leases;
    }

    public async Task<bool> CompleteAsync(OutboxLease lease, OutboxMessage outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        try
        {
            await db.Outbox.ReplaceItemAsync(Document(outcome, db.OutboxShards), CosmosKeys.OutboxId(outcome.Key),
                new PartitionKey(CosmosKeys.OutboxPk(outcome.Key, db.OutboxShards)),
                new ItemRequestOptions { IfMatchEtag = lease.Version, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The item for a post; finished ones expire after <see cref="Retention.FinishedPosts"/>.</summary>
    public static CosmosDocument<OutboxMessage> Document(OutboxMessage message, int shards)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new CosmosDocument<OutboxMessage>
        {
            Id = CosmosKeys.OutboxId(message.Key),
            Pk = CosmosKeys.OutboxPk(message.Key, shards),
            Type = "post",
            Status = message.Status.ToString(),
            Due = message.NextAttemptAt.ToUnixTimeMilliseconds(),
            Ttl = message.IsFinished ? (int)Retention.FinishedPosts.TotalSeconds : null,
            Body = message,
        };
    }

    private async Task<OutboxLease?> TryLeaseAsync(CosmosDocument<OutboxMessage> document, string owner, Instant leaseUntil, CancellationToken cancellationToken)
    {
        var leased = document.Body with { LeaseOwner = owner, NextAttemptAt = leaseUntil, Attempts = document.Body.Attempts + 1 };
        try
        {
            var response = await db.Outbox.ReplaceItemAsync(Document(leased, db.OutboxShards), document.Id, new PartitionKey(document.Pk),
                new ItemRequestOptions { IfMatchEtag = document.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
            return new OutboxLease(leased, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
