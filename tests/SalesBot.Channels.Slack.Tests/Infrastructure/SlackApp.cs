using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations;
using SalesBot.Conversations.Outbox;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Channels.Slack.Tests.Infrastructure;

/// <summary>
/// The bot with its Slack channel, on a test server, with a real SQLite file in a temp folder, a
/// fake clock, and the Web API pointed at a <see cref="FakeSlackApi"/>.
/// </summary>
public sealed class SlackApp : IAsyncDisposable
{
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string BotToken = "xoxb-test-token";

    /// <summary>A Wednesday, 10:00 in New York: the report day is Tuesday 17 Nov.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 18, 15, 0);

    private readonly WebApplication _app;
    private readonly string _folder;

    private SlackApp(WebApplication app, string folder, FakeClock clock, FakeTimeProvider time)
    {
        _app = app;
        _folder = folder;
        Clock = clock;
        Time = time;
        Client = app.GetTestClient();
        Requests = new SlackRequests(SigningSecret, () => time.GetUtcNow());
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public FakeClock Clock { get; }

    public FakeTimeProvider Time { get; }

    public SlackRequests Requests { get; }

    public static async Task<SlackApp> StartAsync(FakeSlackApi api, IDictionary<string, string?>? settings = null)
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
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var clock = new FakeClock(Now);
        var time = new FakeTimeProvider(Now.ToDateTimeOffset());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = folder });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSalesBotConversations();
        builder.Services.AddSalesBotSqlite(builder.Configuration);
        builder.Services.AddSalesBotSlack(builder.Configuration);
        var app = builder.Build();
        app.MapSalesBotSlack();
        await app.StartAsync();
        return new SlackApp(app, folder, clock, time);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Client.SendAsync(request);

    /// <summary>Waits (bounded) until the work Slack requests left behind has finished.</summary>
    public Task WhenIdleAsync() => Services.GetRequiredService<SlackBackgroundWork>().WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Runs the outbox dispatcher once, as the scheduler would.</summary>
    public async Task<int> DispatchOutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
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
        await _app.StopAsync();
        await _app.DisposeAsync();
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
