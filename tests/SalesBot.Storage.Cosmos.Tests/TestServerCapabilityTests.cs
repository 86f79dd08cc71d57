using SalesBot.Testing.Cosmos;
using System.Net;
using Microsoft.Azure.Cosmos;
using SalesBot.Storage.Cosmos.Tests.Infrastructure;

namespace SalesBot.Storage.Cosmos.Tests;

/// <summary>
/// What the store relies on, checked against the test server with the real SDK: if a server
/// upgrade changes one of these, this class says which before the conformance suite gets confusing.
/// </summary>
[Collection(CosmosCollection.Name)]
public sealed class TestServerCapabilityTests(CosmosServer server) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public sealed record Probe(string Id, string Pk, int N, string Sort, int? Ttl = null);

    private Container Container => _db.Container(CosmosContainers.Events);

    public async Task InitializeAsync() => _db = await server.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_container_is_created_with_its_partition_key_and_ttl_setting()
    {
        foreach (var expected in CosmosContainers.All)
        {
            ContainerProperties actual = await _db.Container(expected).ReadContainerAsync();
            Assert.Equal(expected.PartitionKeyPath, actual.PartitionKeyPath);
            Assert.Equal(expected.DefaultTimeToLiveSeconds, actual.DefaultTimeToLive);
        }
    }

    [Fact]
    public async Task A_count_query_reaches_a_container_in_a_database_created_after_many_others()
    {
        // The server numbers databases in order; the 63rd would encode to an id with "/" unless start.js skips it.
        var databases = new List<TestDatabase>();
        for (var i = 0; i < 70; i++)
        {
            databases.Add(await server.CreateDatabaseAsync());
        }

        foreach (var db in databases.TakeLast(10))
        {
            var container = db.Container(CosmosContainers.Events);
            var count = await CosmosQuery.ListAsync<long>(container, "p", "SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk", CancellationToken.None);
            Assert.Equal(0, count.Sum());
        }
    }

    [Fact]
    public async Task A_missing_item_reads_as_not_found()
    {
        using var response = await Container.ReadItemStreamAsync("missing", new PartitionKey("p"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_id_in_the_same_partition_conflicts()
    {
        await Container.CreateItemAsync(new Probe("a", "p", 1, "1"));

        var error = await Assert.ThrowsAsync<CosmosException>(() => Container.CreateItemAsync(new Probe("a", "p", 2, "1")));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
    }

    [Fact]
    public async Task A_replace_with_a_stale_etag_is_refused_and_a_current_one_accepted()
    {
        var created = await Container.CreateItemAsync(new Probe("a", "p", 1, "1"));
        var replaced = await Container.ReplaceItemAsync(new Probe("a", "p", 2, "1"), "a", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = created.ETag });

        var stale = await Assert.ThrowsAsync<CosmosException>(() =>
            Container.ReplaceItemAsync(new Probe("a", "p", 3, "1"), "a", new PartitionKey("p"), new ItemRequestOptions { IfMatchEtag = created.ETag }));

        Assert.NotEqual(created.ETag, replaced.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task A_patch_increments_in_place()
    {
        await Container.CreateItemAsync(new Probe("a", "p", 1, "1"));

        var patched = await Container.PatchItemAsync<Probe>("a", new PartitionKey("p"), [PatchOperation.Increment("/n", 4)]);

        Assert.Equal(5, patched.Resource.N);
    }

    [Fact]
    public async Task A_single_partition_query_filters_sorts_and_takes_the_top_in_one_request()
    {
        foreach (var i in Enumerable.Range(0, 6))
        {
            await Container.UpsertItemAsync(new Probe($"q{i}", "p", i, $"s{i}"));
        }

        await Container.UpsertItemAsync(new Probe("other", "elsewhere", 9, "s9"));
        using var log = CosmosOperationCounter.Measure();

        var found = await CosmosQuery.ListAsync<Probe>(
            Container, "p", "SELECT TOP 2 * FROM c WHERE c.pk = @pk AND c.sort >= @from ORDER BY c.sort DESC", CancellationToken.None, ("@from", "s2"));

        Assert.Equal(["q5", "q4"], found.Select(p => p.Id));
        Assert.Equal(1, log.ItemOperations.Count(o => o.Kind == CosmosOperationKind.Query));
    }

    [Fact]
    public async Task Item_ttl_is_stored_but_the_server_never_expires_items()
    {
        await Container.CreateItemAsync(new Probe("t", "p", 1, "1", Ttl: 1));

        var read = await Container.ReadItemAsync<Probe>("t", new PartitionKey("p"));

        // Cosmos DB would hide it after a second; the stores therefore also check expiry times themselves.
        Assert.Equal(1, read.Resource.Ttl);
    }
}
