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
public sealed class CosmosOutbox(CosmosDatabase db) : IOutbox, IOutboxAdmin
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
        return await TryReplaceAsync(db, outcome, lease.Version, cancellationToken) is not null;
    }

    /// <summary>One <c>COUNT</c> query per status and shard (the server has no cross-partition query and no <c>GROUP BY</c> we rely on).</summary>
    public async Task<OutboxCounts> CountAsync(string? teamId, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<OutboxStatus, long>();
        var sql = "SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.status = @status" + (teamId is null ? string.Empty : " AND c.team = @team");
        for (var shard = 0; shard < db.OutboxShards; shard++)
        {
            foreach (var status in Enum.GetValues<OutboxStatus>())
            {
                var count = await CosmosQuery.ListAsync<long>(db.Outbox, CosmosKeys.OutboxShardPk(shard), sql, cancellationToken, Parameters(status, teamId));
                counts[status] = counts.GetValueOrDefault(status) + count.Sum();
            }
        }

        return new OutboxCounts(counts);
    }

    /// <summary>Per shard and status, the newest <paramref name="max"/> (TOP, ORDER BY created DESC), merged.</summary>
    public async Task<IReadOnlyList<Stored<OutboxMessage>>> ListRecentAsync(
        IReadOnlyCollection<OutboxStatus> statuses, string? teamId, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, IOutboxAdmin.MaxList);
        var sql = $"SELECT TOP {max.ToString(System.Globalization.CultureInfo.InvariantCulture)} * FROM c WHERE c.pk = @pk AND c.status = @status"
                  + (teamId is null ? string.Empty : " AND c.team = @team") + " ORDER BY c.created DESC";
        var recent = new List<CosmosDocument<OutboxMessage>>();
        for (var shard = 0; shard < db.OutboxShards; shard++)
        {
            foreach (var status in statuses.Distinct())
            {
                recent.AddRange(await CosmosQuery.ListAsync<CosmosDocument<OutboxMessage>>(
                    db.Outbox, CosmosKeys.OutboxShardPk(shard), sql, cancellationToken, Parameters(status, teamId)));
            }
        }

        return [.. recent
            .OrderByDescending(d => d.Body.CreatedAt).ThenByDescending(d => d.Body.Key, StringComparer.Ordinal)
            .Take(max)
            .Select(d => new Stored<OutboxMessage>(d.Body, d.ETag!))];
    }

    public async Task<OutboxRetryResult> RetryAsync(string key, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = await CosmosItems.ReadStoredAsync<OutboxMessage>(db.Outbox, CosmosKeys.OutboxId(key), CosmosKeys.OutboxPk(key, db.OutboxShards), cancellationToken);
        if (stored is null)
        {
            return new OutboxRetryResult(OutboxRetryOutcome.NotFound, $"No post has the key '{key}'.");
        }

        if (OutboxRetries.RefusalReason(stored.Value, now) is { } refusal)
        {
            return new OutboxRetryResult(OutboxRetryOutcome.Refused, refusal);
        }

        return await TryRetryAsync(db, stored, now, cancellationToken)
            ? new OutboxRetryResult(OutboxRetryOutcome.Retried, "Queued to be sent again now.")
            : new OutboxRetryResult(OutboxRetryOutcome.Changed, "It changed while being retried; look again.");
    }

    /// <summary>The retry write (a replace on the ETag read), also used by <see cref="CosmosStoreWriter"/>: false when the post changed since.</summary>
    internal static async Task<bool> TryRetryAsync(CosmosDatabase db, Stored<OutboxMessage> stored, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stored);
        return await TryReplaceAsync(db, OutboxRetries.Retried(stored.Value, now), stored.Version, cancellationToken) is not null;
    }

    /// <summary>Replaces the post if it is still at <paramref name="etag"/>; its new ETag, or null when it changed or is gone.</summary>
    private static async Task<string?> TryReplaceAsync(CosmosDatabase db, OutboxMessage message, string etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await db.Outbox.ReplaceItemAsync(Document(message, db.OutboxShards), CosmosKeys.OutboxId(message.Key),
                new PartitionKey(CosmosKeys.OutboxPk(message.Key, db.OutboxShards)),
                new ItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false }, cancellationToken);
            return response.ETag;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static (string Name, object Value)[] Parameters(OutboxStatus status, string? teamId) =>
        teamId is null ? [("@status", status.ToString())] : [("@status", status.ToString()), ("@team", teamId)];

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
            Team = OutboxTeams.TeamOf(message),
            Created = message.CreatedAt.ToUnixTimeMilliseconds(),
            Body = message,
        };
    }

    private async Task<OutboxLease?> TryLeaseAsync(CosmosDocument<OutboxMessage> document, string owner, Instant leaseUntil, CancellationToken cancellationToken)
    {
        var leased = document.Body with { LeaseOwner = owner, NextAttemptAt = leaseUntil, Attempts = document.Body.Attempts + 1 };
        return await TryReplaceAsync(db, leased, document.ETag!, cancellationToken) is { } etag ? new OutboxLease(leased, etag) : null;
    }
}
