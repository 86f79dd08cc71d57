using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Conversations.Outbox;
using SalesBot.Testing;
using SalesBot.Testing.Faults;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>
/// The Teams connector down, slow, throttling and failing, through the real Host: a win post waits in
/// the outbox, goes out exactly once when the fault clears, and each fault leaves one warning in the log.
/// One attempt per call (no inline retries), so each dispatch meets the fault once.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly FaultSwitch _network = new();
    private readonly RecordingLoggerProvider _logs = new();
    private TeamsBot _bot = null!;

    public async Task InitializeAsync() => _bot = await TeamsBot.StartHostAsync(
        new()
        {
            ["Teams:MaxAttempts"] = "1",
            ["Teams:AttemptTimeout"] = AttemptTimeout.ToString(),
        },
        services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddHttpClient(Channels.Teams.Auth.TeamsHttpClients.Connector).AddHttpMessageHandler(() => _network);
        });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    public static TheoryData<string> ConnectorFaults => ["connection refused", "slow", "429 with Retry-After", "500"];

    [Theory]
    [MemberData(nameof(ConnectorFaults))]
    public async Task A_win_post_held_up_by_the_connector_goes_out_once_when_it_recovers_with_one_warning(string fault)
    {
        await _bot.PostAsync(_bot.Activities.BotAddedToTeam());
        await _bot.PostAsync(_bot.Activities.PersonalMessage("win booked a demo with Initech"));
        var key = (await SqliteRows.QueryAsync(_bot.DatabasePath, "SELECT key FROM outbox WHERE key LIKE 'win:%'")).Single()[0];
        _bot.Connector.Clear();
        var logged = _logs.Entries.Count;

        Assert.Equal(0, await DispatchDuringAsync(fault));

        var warning = Assert.Single(_logs.Since(logged));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("v3/conversations", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Reason(fault), warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OutboxStatus.Pending, (await OutboxAsync(key))!.Status);

        _network.Refusing = false;
        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _bot.DispatchOutboxAsync());
        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _bot.DispatchOutboxAsync());

        var posts = _bot.Connector.Calls.Where(c => c.Path == $"v3/conversations/{TeamsActivities.ChannelConversation}/activities").ToList();
        var reachedTheConnector = fault == "connection refused" ? 0 : 1;
        Assert.Equal(reachedTheConnector + 1, posts.Count); // the failed attempt (if it got through) and one post
        Assert.All(posts, p => Assert.Contains("booked a demo with Initech", p.Card!.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync(key))!.Status);
        Assert.Equal(1, await SqliteRows.CountAsync(_bot.DatabasePath, "wins"));
    }

    private async Task<int> DispatchDuringAsync(string fault)
    {
        switch (fault)
        {
            case "connection refused":
                _network.Refusing = true;
                return await _bot.DispatchOutboxAsync();
            case "slow":
                _bot.Connector.Hang();
                var dispatching = _bot.DispatchOutboxAsync();
                // The attempt's timeout is armed before the request goes out: pass it once the connector has it.
                await _bot.Connector.WhenCalledAsync(1);
                _bot.Time.Advance(AttemptTimeout);
                return await dispatching.WaitAsync(TimeSpan.FromSeconds(10));
            case "429 with Retry-After":
                _bot.Connector.Throttle(retryAfterSeconds: 120);
                return await _bot.DispatchOutboxAsync();
            default:
                _bot.Connector.Answer(500, "{\"error\":{\"code\":\"ServiceError\"}}");
                return await _bot.DispatchOutboxAsync();
        }
    }

    /// <summary>What the one warning says about each fault.</summary>
    private static string Reason(string fault) => fault switch
    {
        "connection refused" => "refused",
        "slow" => "timeout",
        "429 with Retry-After" => "429",
        _ => "500",
    };

    private void Advance(TimeSpan by)
    {
        _bot.Clock.Advance(Duration.FromTimeSpan(by));
        _bot.Time.Advance(by);
    }

    private Task<OutboxMessage?> OutboxAsync(string key) => _bot.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync(key));
}
