using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SalesBot.Storage.Cosmos;
using SalesBot.Testing;
using SalesBot.Testing.Cosmos;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// Cosmos DB answering 429 (request rate too large) with <c>x-ms-retry-after-ms</c>, injected between the
/// SDK and the test server: a short burst is waited out by the SDK and the check-in is saved once; a
/// burst that outlasts the SDK's retries fails the turn politely with one error line, stores nothing,
/// and the rep's next try is saved once.
/// </summary>
[Collection(CosmosHostCollection.Name)]
public sealed class CosmosThrottlingTests(CosmosServer server) : IAsyncLifetime
{
    private readonly string _database = $"throttle{Guid.NewGuid():N}";
    private readonly SalesBotAppFactory _app = new();
    private readonly CosmosThrottle _throttle = new();
    private readonly RecordingLoggerProvider _logs = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host = null!;

    public Task InitializeAsync()
    {
        _app.Settings["Storage:Provider"] = "Cosmos";
        _app.Settings["Storage:Cosmos:ConnectionString"] = server.ConnectionString;
        _app.Settings["Storage:Cosmos:Database"] = _database;
        _app.Settings["Storage:Cosmos:AcceptAnyServerCertificate"] = "true";
        _host = _app.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.RemoveAll<CosmosClient>();
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<CosmosOptions>>().Value;
                var clientOptions = CosmosClientFactory.ClientOptions(options, sp.GetRequiredService<CosmosOperationCounter>());
                clientOptions.HttpClientFactory = () => new HttpClient(new CosmosThrottle.Over(_throttle, new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                }));
                return new CosmosClient(options.ConnectionString, clientOptions);
            });
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
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
    public async Task A_short_burst_of_429s_is_waited_out_and_the_check_in_is_saved_once()
    {
        var chat = new DirectLineClient(_host.CreateClient());
        await chat.StartAsync();
        var logged = _logs.Entries.Count;
        _throttle.Next(3);

        await chat.SayAsync("demo-ava", "calls 31, meetings 3, proposals 1");

        Assert.Contains("Check-in saved for Fri 20 Nov", DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync())), StringComparison.Ordinal);
        Assert.Equal(3, _throttle.Answered);
        Assert.Contains("31", await CheckInAsync(), StringComparison.Ordinal);
        Assert.Empty(_logs.Since(logged));
    }

    [Fact]
    public async Task A_burst_that_outlasts_the_sdks_retries_fails_the_turn_politely_once_and_the_next_try_is_saved_once()
    {
        var chat = new DirectLineClient(_host.CreateClient());
        await chat.StartAsync();
        var logged = _logs.Entries.Count;
        _throttle.Next(1000);

        var response = await chat.PostAsync(new JsonObject { ["type"] = "message", ["from"] = new JsonObject { ["id"] = "demo-ava" }, ["text"] = "calls 31, meetings 3, proposals 1" });

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"Answered {response.StatusCode}");
        var apology = Assert.Single(await chat.BotRepliesAsync());
        Assert.Contains("Sorry", DirectLineClient.Words(apology), StringComparison.Ordinal);
        var line = Assert.Single(_logs.Since(logged));
        Assert.Contains(HttpStatusCode.TooManyRequests, Causes(line.Exception).OfType<CosmosException>().Select(e => e.StatusCode));
        _throttle.Next(0);
        Assert.Null(await CheckInOrNullAsync());

        await chat.SayAsync("demo-ava", "calls 31, meetings 3, proposals 1");

        Assert.Contains("Check-in saved for Fri 20 Nov", DirectLineClient.Words(Assert.Single(await chat.BotRepliesAsync())), StringComparison.Ordinal);
        Assert.Contains("31", await CheckInAsync(), StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private async Task<string> CheckInAsync() => await CheckInOrNullAsync() ?? throw new InvalidOperationException("No check-in stored.");

    private async Task<string?> CheckInOrNullAsync()
    {
        try
        {
            var item = await server.Client.GetContainer(_database, CosmosContainers.History.Name)
                .ReadItemAsync<JsonObject>(CosmosKeys.CheckInId(TestData.Friday), new PartitionKey(CosmosKeys.HistoryPk("demo-ava")));
            return item.Resource.ToJsonString();
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Answers the next writes and queries of documents with 429 and a 1 ms <c>x-ms-retry-after-ms</c>, as a throttled account does.</summary>
    private sealed class CosmosThrottle
    {
        private int _remaining;
        private int _answered;

        public int Answered => Volatile.Read(ref _answered);

        public void Next(int requests)
        {
            Interlocked.Exchange(ref _remaining, requests);
            Interlocked.Exchange(ref _answered, 0);
        }

        private bool Take()
        {
            while (Volatile.Read(ref _remaining) is var left and > 0)
            {
                if (Interlocked.CompareExchange(ref _remaining, left - 1, left) == left)
                {
                    return true;
                }
            }

            return false;
        }

        public sealed class Over(CosmosThrottle throttle, HttpMessageHandler inner) : DelegatingHandler(inner)
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                // Writes only (a query is a POST too, marked as one): reads and queries go through.
                var isWrite = request.Method != HttpMethod.Get && !request.Headers.Contains("x-ms-documentdb-isquery");
                if (isWrite && request.RequestUri!.AbsolutePath.Contains("/docs", StringComparison.Ordinal) && throttle.Take())
                {
                    Interlocked.Increment(ref throttle._answered);
                    var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
                    {
                        RequestMessage = request,
                        Content = new StringContent("""{"code":"429","message":"Request rate is large."}"""),
                    };
                    throttled.Headers.Add("x-ms-retry-after-ms", "1");
                    throttled.Headers.Add("x-ms-substatus", "3200");
                    return Task.FromResult(throttled);
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }
}
