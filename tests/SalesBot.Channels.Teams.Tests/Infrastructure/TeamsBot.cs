using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Conversations;
using SalesBot.Conversations.Outbox;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>
/// The bot on Kestrel (127.0.0.1, free port) with the Teams channel, the conversation engine and a
/// real SQLite file in a temp folder, talking to a local issuer and a local connector. Clocks are fake.
/// </summary>
public sealed class TeamsBot : IAsyncDisposable
{
    public const string AppId = "5b0b3a1e-0000-4000-8000-00000000b0b0";
    public const string AppTenantId = "72f988bf-0000-4000-8000-00000000c0de";
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 14, 0);

    private readonly string _folder;
    private IAsyncDisposable _host = null!;

    private TeamsBot(string folder, LocalIssuer issuer, LocalConnector connector)
    {
        _folder = folder;
        Issuer = issuer;
        Connector = connector;
        Activities = new TeamsActivities(connector.ServiceUrl, AppId);
    }

    public LocalIssuer Issuer { get; }
    public LocalConnector Connector { get; }
    public TeamsActivities Activities { get; }
    public FakeClock Clock { get; } = new(Start);
    public FakeTimeProvider Time { get; } = new(Start.ToDateTimeOffset());
    public HttpClient Http { get; private set; } = null!;
    public IServiceProvider Services { get; private set; } = null!;
    public string DatabasePath => Path.Combine(_folder, "salesbot.db");

    /// <summary>The Teams channel on its own Kestrel app, composed like the Host composes it.</summary>
    public static Task<TeamsBot> StartAsync(Dictionary<string, string?>? settings = null, string environment = "Production") =>
        StartAsync(settings, environment, (bot, s) => bot.StartAppAsync(s, environment));

    /// <summary>The real Host (<c>Program</c>) through <see cref="WebApplicationFactory{TEntryPoint}"/>.</summary>
    public static Task<TeamsBot> StartHostAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null) =>
        StartAsync(settings, "Production", (bot, s) => bot.StartWithFactoryAsync(s, testServices));

    private static async Task<TeamsBot> StartAsync(Dictionary<string, string?>? settings, string environment, Func<TeamsBot, Dictionary<string, string?>, Task> start)
    {
        var folder = Path.Combine(Path.GetTempPath(), "salesbot-teams-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var issuer = await LocalIssuer.StartNewAsync();
        var connector = await LocalConnector.StartNewAsync();
        var bot = new TeamsBot(folder, issuer, connector);
        var merged = bot.DefaultSettings();
        foreach (var (key, value) in settings ?? [])
        {
            merged[key] = value;
        }

        await start(bot, merged);
        return bot;
    }

    private Task StartWithFactoryAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? testServices)
    {
        settings["Scheduling:Enabled"] = "false"; // the tests drive the outbox dispatcher themselves
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureLogging(l => l.ClearProviders());
            web.ConfigureTestServices(services =>
            {
                ConfigureTestDoubles(services);
                testServices?.Invoke(services);
            });
        });
        Http = factory.CreateClient();
        Services = factory.Services;
        _host = factory;
        return Task.CompletedTask;
    }

    public Dictionary<string, string?> DefaultSettings() => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "local-secret",
        ["MicrosoftAppTenantId"] = AppTenantId,
        ["Teams:OpenIdMetadataUrl"] = Issuer.BotFrameworkMetadata.ToString(),
        ["Teams:EntraOpenIdMetadataUrl"] = Issuer.EntraMetadata.ToString(),
        ["Teams:TrustedServiceUrlHosts:0"] = "127.0.0.1",
        ["Storage:Sqlite:Path"] = DatabasePath,
    };

    private async Task StartAppAsync(Dictionary<string, string?> settings, string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        ConfigureServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        app.MapSalesBotTeams();
        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        Services = app.Services;
        _host = app;
    }

    /// <summary>What the Host registers, with fake clocks and MSAL pointed at the local issuer.</summary>
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSalesBotConversations();
        services.AddSalesBotSqlite(configuration);
        services.AddSalesBotTeams(configuration);
        ConfigureTestDoubles(services);
    }

    public void ConfigureTestDoubles(IServiceCollection services)
    {
        services.RemoveAll<IClock>();
        services.AddSingleton<IClock>(Clock);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Time);
        services.AddHttpClient(TeamsHttpClients.Identity).ConfigurePrimaryHttpMessageHandler(() => new RedirectToLoopbackHandler(Issuer.BaseUrl));
    }

    public string ValidToken(Func<TokenSpec, TokenSpec>? spoil = null)
    {
        var now = Time.GetUtcNow();
        var spec = new TokenSpec { Audience = AppId, NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(59), ServiceUrl = Connector.ServiceUrl };
        return Issuer.Token(spoil is null ? spec : spoil(spec));
    }

    /// <summary>Posts an activity to /api/messages with a valid token (or the given one; empty string = none).</summary>
    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? token = null) =>
        PostRawAsync(activity.ToJsonString(), token ?? ValidToken());

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public async Task<int> DispatchOutboxAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_host is WebApplication app)
        {
            await app.StopAsync();
        }

        await _host.DisposeAsync();
        await Issuer.DisposeAsync();
        await Connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean.
        }
    }
}
