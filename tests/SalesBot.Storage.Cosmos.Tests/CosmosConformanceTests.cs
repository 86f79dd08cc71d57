using SalesBot.Testing.Cosmos;
using SalesBot.Storage.Conformance;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>The store contract against a real Cosmos SQL-API server, each test in its own database.</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosConformanceTests(CosmosServer server) : StoreConformanceTests
{
    private TestDatabase? _db;

    protected override async Task<StoreSet> CreateStoresAsync()
    {
        _db = await server.CreateDatabaseAsync();
        var db = new CosmosDatabase(_db.Database, _db.Options);
        return new StoreSet(
            new CosmosStoreWriter(db), new CosmosOrganizationStore(db), new CosmosMemberStore(db), new CosmosCheckInStore(db), new CosmosWinStore(db),
            new CosmosReflectionStore(db), new CosmosConversationReferenceStore(db), new CosmosOutbox(db), new CosmosEventLog(db),
            new CosmosScheduleIndex(db), new CosmosInstallationStore(db), new CosmosOutbox(db), new CosmosRollups(db))
        {
            Kudos = new CosmosKudosStore(db),
        };
    }

    protected override async Task DisposeStoresAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
