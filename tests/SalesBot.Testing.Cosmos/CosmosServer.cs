using Microsoft.Azure.Cosmos;
using SalesBot.Storage.Cosmos;

namespace SalesBot.Testing.Cosmos;

/// <summary>
/// The Cosmos DB server the tests talk to: the one at <c>SALESBOT_COSMOS_ENDPOINT</c> (CI starts it),
/// else <c>tools/cosmos-test-server</c> started here on a free loopback port. If neither works the
/// tests fail with the reason: a store that was never exercised must not look green.
/// </summary>
public sealed class CosmosServer : IAsyncLifetime
{
    public const string EndpointVariable = "SALESBOT_COSMOS_ENDPOINT";

    /// <summary>The emulator's published key; the test server accepts any key, Cosmos itself never this one.</summary>
    public const string WellKnownKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private CosmosTestServerProcess? _process;

    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"AccountEndpoint={Endpoint.AbsoluteUri};AccountKey={WellKnownKey};";

    /// <summary>Counts what <see cref="Client"/> sends; tests measure their own calls with <see cref="CosmosOperationCounter.Measure"/>.</summary>
    public CosmosOperationCounter Counter { get; } = new();

    /// <summary>One client for all tests, as one per process in the app.</summary>
    public CosmosClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EndpointVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            _process = await CosmosTestServerProcess.StartAsync(TimeSpan.FromSeconds(60));
            Endpoint = _process.Endpoint;
        }
        else
        {
            Endpoint = Uri.TryCreate(configured, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{EndpointVariable}='{configured}' is not an absolute URI.");
        }

        Client = CosmosClientFactory.Create(Options("unused"), Counter);
        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Options for a store over database <paramref name="database"/> on this server.</summary>
    public CosmosOptions Options(string database) => new()
    {
        ConnectionString = ConnectionString,
        Database = database,
        AcceptAnyServerCertificate = true,
    };

    /// <summary>A database no other test uses, with every SalesBot container; deleted when disposed.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var options = Options($"t{Guid.NewGuid():N}");
        var database = await CosmosDatabaseInitializer.EnsureCreatedAsync(Client, options);
        return new TestDatabase(database, options);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                await Client.ReadAccountAsync();
                return;
            }
            catch (Exception e) when (e is CosmosException or HttpRequestException)
            {
                last = e;
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            }
        }

        throw new InvalidOperationException($"The Cosmos DB test server at {Endpoint} did not answer within {timeout.TotalSeconds:0} s: {last?.Message}", last);
    }
}
