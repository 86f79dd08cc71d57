namespace SalesBot.Storage.Cosmos;

/// <summary>One request to Cosmos DB as the <see cref="CosmosOperationCounter"/> saw it.</summary>
/// <param name="Container">The container addressed, or empty for account and database requests.</param>
public sealed record CosmosOperation(CosmosOperationKind Kind, string Container, int StatusCode, double RequestCharge);

/// <summary>What a request did, in the terms Cosmos DB bills by.</summary>
public enum CosmosOperationKind
{
    PointRead,
    Create,
    Replace,
    Upsert,
    Patch,
    Delete,
    Query,
    ChangeFeed,
    Batch,

    /// <summary>Account, database, container and partition-map requests (the SDK caches most of them).</summary>
    Metadata,
}
