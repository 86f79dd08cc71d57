using SalesBot.Testing.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Storage.Conformance;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>Two instances on one Cosmos database, each with its own client, as two App Service instances would have.</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosTwoInstanceTests(CosmosServer server) : TwoInstanceTests
{
    private readonly List<CosmosClient> _clients = [];
    private TestDatabase? _db;

    protected override async Task CreateSharedStoreAsync() => _db = await server.CreateDatabaseAsync();

    protected override void AddStores(IServiceCollection services)
    {
        var client = CosmosClientFactory.Create(_db!.Options, new CosmosOperationCounter());
        _clients.Add(client);
        services.AddSingleton(new CosmosDatabase(client.GetDatabase(_db.Options.Database), _db.Options)).AddSalesBotCosmosStores();
    }

    protected override async Task DisposeSharedStoreAsync()
    {
        _clients.ForEach(c => c.Dispose());
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
