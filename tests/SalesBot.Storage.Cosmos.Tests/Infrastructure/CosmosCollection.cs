using SalesBot.Testing.Cosmos;

namespace SalesBot.Storage.Cosmos.Tests.Infrastructure;

/// <summary>Every Cosmos test shares one server (starting node takes seconds); each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class CosmosCollection : ICollectionFixture<CosmosServer>
{
    public const string Name = "Cosmos DB test server";
}
