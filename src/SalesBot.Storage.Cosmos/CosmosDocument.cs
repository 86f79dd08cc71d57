using System.Text.Json.Serialization;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Every item SalesBot writes: a deterministic <c>id</c>, the partition <c>pk</c>, a <c>type</c>, the few
/// envelope fields queries use, and the domain record unchanged in <c>body</c> (serialized by the
/// stores' <see cref="CosmosJson"/> rules, as SQLite stores it).
/// </summary>
public sealed record CosmosDocument<T>
{
    public required string Id { get; init; }

    public required string Pk { get; init; }

    public required string Type { get; init; }

    /// <summary>A string sort key within the partition (ISO date, member id).</summary>
    public string? Sort { get; init; }

    /// <summary>An instant as Unix milliseconds: a number sorts correctly where ISO strings of varying precision would not.</summary>
    public long? Due { get; init; }

    public string? Status { get; init; }

    /// <summary>The team a record belongs to where a team's view queries by it (outbox posts).</summary>
    public string? Team { get; init; }

    /// <summary>When the record was made, as Unix milliseconds, where views list the newest first (outbox posts).</summary>
    public long? Created { get; init; }

    /// <summary>Seconds until Cosmos DB deletes the item (container TTL on); absent = keep.</summary>
    public int? Ttl { get; init; }

    public required T Body { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
