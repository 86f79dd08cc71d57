using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>
/// The real host (<c>Program</c>) with Slack configured, a real SQLite file in a temp folder, a fake
/// clock, and the Slack Web API pointed at a <see cref="FakeSlackApi"/>. The scheduler is off, so
/// tests send the outbox themselves with <see cref="DispatchOutboxAsync"/>.
/// </summary>
public sealed class SlackApp : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";

    /// <summary>A Wednesday, 10:00 in New York: the report day is Tuesday 17 Nov.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 18, 15, 0);

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _folder;

    private SlackApp(WebApplicationFactory<Program> factory, string folder, FakeClock clock, FakeTimeProvider time)
    {
        _factory = factory;
        _folder = folder;
        Clock = clock;
        Time = time;
        Requests = new SlackRequests(SigningSecret, () => time.GetUtcNow());
    }

    private HttpClient? _client;

    /// <summary>The client to the host; the host starts on first use.</summary>
    public HttpClient Client => _client ??= _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public IServiceProvider Services => _factory.Services;

    public FakeClock Clock { get; }

    public FakeTimeProvider Time { get; }

    public SlackRequests Requests { get; }

    /// <summary>The host's SQLite file, to compare its contents before and after.</summary>
    public string DatabasePath => Path.Combine(_folder, "salesbot.db");

    /// <summary>Starts the host with the given settings over the defaults, and any extra test services.</summary>
    public static Task<SlackApp> StartAsync(FakeSlackApi api, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-slack-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Slack:BotToken"] = BotToken,
            ["Slack:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "salesbot.db"),
            ["Scheduling:Enabled"] = "false",
            ["Demo:Seed"] = "false",
            ["Playground:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var clock = new FakeClock(Now);
        var time = new FakeTimeProvider(Now.ToDateTimeOffset());
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            foreach (var (key, value) in configuration)
            {
                host.UseSetting(key, value);
            }

            host.ConfigureTestServices(services =>
            {
                services.AddSingleton<IClock>(clock);
                services.AddSingleton<TimeProvider>(time);
                testServices?.Invoke(services);
            });
        });
        return Task.FromResult(new SlackApp(factory, folder, clock, time));
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    /// <summary>Waits (bounded) until the work Slack requests left behind has finished.</summary>
    public Task WhenIdleAsync() => Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Runs the outbox dispatcher once, as the scheduler would (bounded in time).</summary>
    public async Task<int> DispatchOutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
