using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Azure.Cosmos;
using SalesBot.Storage.Cosmos;
using SalesBot.Testing;
using SalesBot.Testing.Cosmos;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

[CollectionDefinition(Name)]
public sealed class CosmosHostCollection : ICollectionFixture<CosmosServer>
{
    public const string Name = "Host on the Cosmos DB test server";
}

/// <summary>The whole Host with <c>Storage:Provider=Cosmos</c>: configuration alone moves it from SQLite to Cosmos DB.</summary>
[Collection(CosmosHostCollection.Name)]
public sealed class HostOnCosmosTests(CosmosServer server) : IAsyncLifetime
{
    private readonly string _database = $"host{Guid.NewGuid():N}";
    private readonly SalesBotAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.Settings["Storage:Provider"] = "Cosmos";
        _app.Settings["Storage:Cosmos:ConnectionString"] = server.ConnectionString;
        _app.Settings["Storage:Cosmos:Database"] = _database;
        _app.Settings["Storage:Cosmos:AcceptAnyServerCertificate"] = "true";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try
        {
            await server.Client.GetDatabase(_database).DeleteAsync();
        }
        catch (CosmosException)
        {
            // The in-memory server is discarded after the run anyway.
        }
    }

    [Fact]
    public async Task The_playground_checks_in_a_demo_rep_into_the_cosmos_history_container()
    {
        var chat = new DirectLineClient(_app.CreateClient());
        await chat.StartAsync();

        await chat.SayAsync("demo-ava", "calls 31, meetings 3, proposals 1");
        var reply = Assert.Single(await chat.BotRepliesAsync());

        Assert.Contains("Check-in saved for Fri 20 Nov", DirectLineClient.Words(reply), StringComparison.Ordinal);
        var history = server.Client.GetContainer(_database, CosmosContainers.History.Name);
        var item = await history.ReadItemAsync<JsonObject>(CosmosKeys.CheckInId(TestData.Friday), new PartitionKey(CosmosKeys.HistoryPk("demo-ava")));
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Contains("31", item.Resource.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_cosmos_store()
    {
        var response = await _app.CreateClient().GetStringAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Contains("\"storage\":\"Healthy\"", response, StringComparison.Ordinal);
    }
}
