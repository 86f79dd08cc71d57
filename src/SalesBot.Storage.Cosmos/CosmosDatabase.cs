using Microsoft.Azure.Cosmos;

namespace SalesBot.Storage.Cosmos;

/// <summary>The containers of SalesBot's database, for the stores (one instance per process).</summary>
public sealed class CosmosDatabase(Database database, CosmosOptions options)
{
    public Container Directory { get; } = database.GetContainer(CosmosContainers.Directory.Name);

    public Container Lookups { get; } = database.GetContainer(CosmosContainers.Lookups.Name);

    public Container History { get; } = database.GetContainer(CosmosContainers.History.Name);

    public Container Outbox { get; } = database.GetContainer(CosmosContainers.Outbox.Name);

    public Container Events { get; } = database.GetContainer(CosmosContainers.Events.Name);

    public Container Schedule { get; } = database.GetContainer(CosmosContainers.Schedule.Name);

    public int OutboxShards { get; } = options.OutboxShards;
}
