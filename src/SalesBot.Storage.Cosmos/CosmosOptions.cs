namespace SalesBot.Storage.Cosmos;

/// <summary>Configuration section <c>Storage:Cosmos</c>. Checked at start-up by <see cref="CosmosOptionsValidator"/>.</summary>
public sealed class CosmosOptions
{
    public const string Section = "Storage:Cosmos";

    /// <summary>An account connection string (key auth): local test server or a dev account. Secret: never in the repo.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account endpoint, reached with a managed identity (production). Exclusive with <see cref="ConnectionString"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A user-assigned identity's client id; empty = <c>DefaultAzureCredential</c> (system identity, az login, ...).</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string Database { get; set; } = "salesbot";

    public CosmosThroughput Throughput { get; set; } = CosmosThroughput.Serverless;

    /// <summary>Shared autoscale maximum of the database when <see cref="Throughput"/> is provisioned (≥ 1000, a multiple of 1000).</summary>
    public int? AutoscaleMaxThroughput { get; set; }

    /// <summary>Trust any server certificate and use gateway mode: only for the local test server's self-signed certificate.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>Partitions the outbox is spread over; more shards = more parallel claimers, more reads per sweep.</summary>
    public int OutboxShards { get; set; } = 8;
}

/// <summary>How the database pays for request units.</summary>
public enum CosmosThroughput
{
    /// <summary>Per-RU billing, no throughput to manage: the default for a bot's bursty, mostly idle load.</summary>
    Serverless,

    /// <summary>Autoscale throughput shared by all containers of the database.</summary>
    Provisioned,
}
