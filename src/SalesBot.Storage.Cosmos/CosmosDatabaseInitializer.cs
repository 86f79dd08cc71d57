using System.Collections.ObjectModel;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SalesBot.Storage.Cosmos;

/// <summary>
/// Creates the database and every container of <see cref="CosmosContainers.All"/> when missing,
/// before the app takes requests. Existing ones are left as they are: Bicep owns production
/// settings, this makes a fresh account or the local test server usable.
/// </summary>
public sealed class CosmosDatabaseInitializer(CosmosClient client, IOptions<CosmosOptions> options, ILogger<CosmosDatabaseInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(client, options.Value, cancellationToken);
        logger.LogInformation("Cosmos DB database {Database} has its {Count} containers", options.Value.Database, CosmosContainers.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<Database> EnsureCreatedAsync(CosmosClient client, CosmosOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var throughput = options.Throughput == CosmosThroughput.Provisioned
            ? ThroughputProperties.CreateAutoscaleThroughput(options.AutoscaleMaxThroughput!.Value)
            : null;
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.Database, throughput, cancellationToken: cancellationToken);
        foreach (var container in CosmosContainers.All)
        {
            await database.CreateContainerIfNotExistsAsync(Properties(container), cancellationToken: cancellationToken);
        }

        return database;
    }

    public static ContainerProperties Properties(CosmosContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        return new ContainerProperties(container.Name, container.PartitionKeyPath)
        {
            DefaultTimeToLive = container.DefaultTimeToLiveSeconds,
            IndexingPolicy = IndexingPolicy(),
        };
    }

    /// <summary>
    /// Index only what single-partition queries filter or sort on: a smaller index makes every write
    /// cheaper. Point reads need no index at all.
    /// </summary>
    private static IndexingPolicy IndexingPolicy()
    {
        var policy = new IndexingPolicy { Automatic = true, IndexingMode = IndexingMode.Consistent };
        foreach (var path in IndexedPaths)
        {
            policy.IncludedPaths.Add(new IncludedPath { Path = path });
        }

        policy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        return policy;
    }

    /// <summary>The envelope properties store queries filter and sort on (see <see cref="CosmosDocument{T}"/>).</summary>
    public static ReadOnlyCollection<string> IndexedPaths { get; } = new(["/pk/?", "/type/?", "/sort/?", "/due/?", "/status/?", "/team/?", "/created/?"]);
}
