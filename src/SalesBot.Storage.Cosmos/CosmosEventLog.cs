using System.Net;
using Microsoft.Azure.Cosmos;
using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Event claims and done marks, one item per event key (partition = id). A claim is a create (409 =
/// someone has it); taking over an expired claim is a replace on the ETag read. Every mark carries
/// a <c>ttl</c>, and its expiry is also checked here because not every server enforces TTL.
/// </summary>
public sealed class CosmosEventLog(CosmosDatabase db) : IEventLog
{
    public async Task<EventClaim> TryClaimAsync(string key, Instant now, Duration hold, CancellationToken cancellationToken = default)
    {
        var claim = Mark(key, done: false, now, until: now + hold);
        if (await CosmosItems.CreateIfAbsentAsync(db.Events, claim, cancellationToken))
        {
            return EventClaim.Claimed;
        }

        var existing = await CosmosItems.ReadAsync<bool>(db.Events, claim.Id, claim.Pk, cancellationToken);
        if (existing is null)
        {
            // Released or expired between our create and read: try once more.
            return await CosmosItems.CreateIfAbsentAsync(db.Events, claim, cancellationToken) ? EventClaim.Claimed : EventClaim.InProgress;
        }

        if (existing.Due > now.ToUnixTimeMilliseconds())
        {
            return existing.Body ? EventClaim.Done : EventClaim.InProgress;
        }

        // An expired claim (its turn died) or an expired done mark: take it over unless someone else does first.
        try
        {
            await db.Events.ReplaceItemAsync(claim, claim.Id, new PartitionKey(claim.Pk),
                new ItemRequestOptions { IfMatchEtag = existing.ETag, EnableContentResponseOnWrite = false }, cancellationToken);
            return EventClaim.Claimed;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return EventClaim.InProgress;
        }
    }

    public async Task ReleaseAsync(string key, CancellationToken cancellationToken = default)
    {
        var id = CosmosKeys.EventId(key);
        var existing = await CosmosItems.ReadAsync<bool>(db.Events, id, id, cancellationToken);
        if (existing is null || existing.Body)
        {
            return;
        }

        // Only our unfinished claim goes; a done mark written meanwhile stays (the ETag would differ).
        using var response = await db.Events.DeleteItemStreamAsync(id, new PartitionKey(id),
            new ItemRequestOptions { IfMatchEtag = existing.ETag }, cancellationToken);
    }

    /// <summary>The item for a claim (<paramref name="done"/> false) or a done mark; <c>due</c> is when it lapses.</summary>
    public static CosmosDocument<bool> Mark(string key, bool done, Instant now, Instant until)
    {
        var id = CosmosKeys.EventId(key);
        return new CosmosDocument<bool>
        {
            Id = id,
            Pk = id,
            Type = "event",
            Due = until.ToUnixTimeMilliseconds(),
            Ttl = Seconds(until - now),
            Body = done,
        };
    }

    private static int Seconds(Duration duration) => (int)Math.Clamp(Math.Ceiling(duration.TotalSeconds), 1, int.MaxValue);
}
