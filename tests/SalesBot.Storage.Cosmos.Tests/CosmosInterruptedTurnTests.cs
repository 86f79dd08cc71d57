using Microsoft.Extensions.DependencyInjection;
using SalesBot.Storage.Conformance;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;
using SalesBot.Testing.Cosmos;

namespace SalesBot.Storage.Cosmos.Tests;

[Collection(CosmosCollection.Name)]
public sealed class CosmosInterruptedTurnTests(CosmosServer server) : InterruptedTurnTests
{
    protected override async Task AddFreshStoresAsync(IServiceCollection services)
    {
        var db = await server.CreateDatabaseAsync();
        services.AddSingleton(new CosmosDatabase(db.Database, db.Options)).AddSalesBotCosmosStores();
    }
}
