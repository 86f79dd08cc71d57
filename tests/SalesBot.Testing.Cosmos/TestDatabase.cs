using Microsoft.Azure.Cosmos;
using SalesBot.Storage.Cosmos;

namespace SalesBot.Testing.Cosmos;

/// <summary>One test's own database; dropped afterwards so the in-memory server stays small.</summary>
public sealed class TestDatabase(Database database, CosmosOptions options) : IAsyncDisposable
{
    public Database Database { get; } = database;

    public CosmosOptions Options { get; } = options;

    public Container Container(CosmosContainer container) => Database.GetContainer(container.Name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Database.DeleteAsync();
        }
        catch (CosmosException)
        {
            // Best effort: the server is discarded after the run anyway.
        }
    }
}
