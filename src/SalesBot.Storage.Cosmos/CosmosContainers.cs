namespace SalesBot.Storage.Cosmos;

/// <summary>
/// The containers SalesBot keeps in its Cosmos DB database. <c>infra/</c> declares the same names,
/// partition key paths and TTL settings; a test compares the two, so they cannot drift.
/// </summary>
public static class CosmosContainers
{
    /// <summary>Every container's partition key property: a string the store composes per document type.</summary>
    public const string PartitionKeyPath = "/pk";

    /// <summary>Organizations (<c>org|{id}</c>) and teams with their members (<c>team|{id}</c>): a roster is one partition.</summary>
    public static readonly CosmosContainer Directory = new("directory", PartitionKeyPath, DefaultTimeToLiveSeconds: null);

    /// <summary>Small documents found by a natural key (channel account, workspace, conversation, installation); partition = id.</summary>
    public static readonly CosmosContainer Lookups = new("lookups", PartitionKeyPath, DefaultTimeToLiveSeconds: null);

    /// <summary>One member's check-ins, wins and reflections; partition = member id.</summary>
    public static readonly CosmosContainer History = new("history", PartitionKeyPath, DefaultTimeToLiveSeconds: null);

    /// <summary>Posts and prompts waiting to be sent, spread over a few shards (<c>outbox|{n}</c>); sent ones expire.</summary>
    public static readonly CosmosContainer Outbox = new("outbox", PartitionKeyPath, DefaultTimeToLiveSeconds: -1);

    /// <summary>Claims and done marks of inbound events (dedupe); every mark expires. Partition = id.</summary>
    public static readonly CosmosContainer Events = new("events", PartitionKeyPath, DefaultTimeToLiveSeconds: -1);

    /// <summary>Who is due when: members by time zone (<c>zone|{tz}</c>), so the prompt sweep reads only due zones.</summary>
    public static readonly CosmosContainer Schedule = new("schedule", PartitionKeyPath, DefaultTimeToLiveSeconds: null);

    public static IReadOnlyList<CosmosContainer> All { get; } = [Directory, Lookups, History, Outbox, Events, Schedule];
}

/// <summary>
/// One container. <paramref name="DefaultTimeToLiveSeconds"/>: null = TTL off; -1 = on, each item
/// sets its own <c>ttl</c>.
/// </summary>
public sealed record CosmosContainer(string Name, string PartitionKeyPath, int? DefaultTimeToLiveSeconds);
