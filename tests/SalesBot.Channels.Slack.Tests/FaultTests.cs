using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Testing;
using SalesBot.Testing.Faults;
using SalesBot.Testing.Hostile;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>
/// The Slack Web API down, slow, throttling and failing, and the store briefly unavailable, through the
/// real host: a win post waits in the outbox, goes out exactly once when the fault clears, and each fault
/// leaves one warning in the log. Inline retries are off so that each dispatch is one attempt.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private const string WinKey = "win:slack:Ev0WIN";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly FaultSwitch _network = new();
    private readonly RecordingLoggerProvider _logs = new();
    private FailingStoreWriter _store = null!;
    private FakeSlackApi _api = null!;
    private SlackApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        _app = await SlackApp.StartAsync(_api, new Dictionary<string, string?>
        {
            ["Slack:MaxRateLimitRetries"] = "0",
            ["Slack:AttemptTimeout"] = AttemptTimeout.ToString(),
        }, services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddHttpClient(SlackApiClient.HttpClientName).AddHttpMessageHandler(() => _network);
            services.Decorate<IStoreWriter>(inner => _store = new FailingStoreWriter(inner));
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    public static TheoryData<string> WebApiFaults => ["connection refused", "slow", "429 with Retry-After", "500"];

    [Theory]
    [MemberData(nameof(WebApiFaults))]
    public async Task A_win_post_held_up_by_the_web_api_goes_out_once_when_it_recovers_with_one_warning(string fault)
    {
        await LogAWinAsync();
        var attempts = _api.CallsTo("chat.postMessage").Count;
        var logged = _logs.Entries.Count;

        var failed = await DispatchDuringAsync(fault);

        Assert.Equal(0, failed);
        var warning = Assert.Single(_logs.Since(logged));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("chat.postMessage", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Reason(fault), warning.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OutboxStatus.Pending, (await OutboxAsync())!.Status);

        _network.Refusing = false;
        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await _app.DispatchOutboxAsync());
        Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _app.DispatchOutboxAsync());

        var toChannel = _api.CallsTo("chat.postMessage").Skip(attempts).Where(c => c.Arg("channel") == SlackRequests.TeamChannel).ToList();
        var refusedBeforeReachingSlack = fault == "connection refused" ? 0 : 1;
        Assert.Equal(refusedBeforeReachingSlack + 1, toChannel.Count); // the failed attempt (if it got through) and one post
        Assert.All(toChannel, c => Assert.Contains("booked a demo with Initech", c.Args.ToJsonString(), StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync())!.Status);
        Assert.Equal(1, await SqliteRows.CountAsync(_app.DatabasePath, "wins"));
    }

    [Fact]
    public async Task A_store_that_is_briefly_locked_loses_nothing_and_doubles_nothing()
    {
        await _app.SendAsync(_app.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOIN"));
        await _app.WhenIdleAsync();
        var logged = _logs.Entries.Count;
        _store.FailNext(1);

        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Initech"), "Ev0WIN"));
        await _app.WhenIdleAsync();

        var warning = Assert.Single(_logs.Since(logged));
        Assert.Contains("could not be committed", warning.Message, StringComparison.Ordinal);
        Assert.Equal(0, await SqliteRows.CountAsync(_app.DatabasePath, "wins"));
        var posts = _api.CallsTo("chat.postMessage");
        var apology = posts[^1];
        Assert.Contains("couldn't save that just now", apology.Arg("text"), StringComparison.Ordinal);

        // Slack's retry of the same event (or the rep sending it again) is handled, once.
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Initech"), "Ev0WIN", retryNum: 1));
        await _app.WhenIdleAsync();
        _app.Time.Advance(TimeSpan.FromMinutes(5));
        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Initech"), "Ev0WIN", retryNum: 2));
        await _app.WhenIdleAsync();
        Assert.Equal(1, await _app.DispatchOutboxAsync());

        Assert.Equal(1, await SqliteRows.CountAsync(_app.DatabasePath, "wins"));
        Assert.Single(_api.CallsTo("chat.postMessage"), c => c.Arg("channel") == SlackRequests.TeamChannel && c.Args.ToJsonString().Contains("booked a demo with Initech", StringComparison.Ordinal));
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync())!.Status);
    }

    private async Task LogAWinAsync()
    {
        await _app.SendAsync(_app.Requests.Event(SlackRequests.BotJoinedTeamChannel(), "Ev0JOIN"));
        await _app.SendAsync(_app.Requests.Event(SlackRequests.DirectMessage("win booked a demo with Initech"), "Ev0WIN"));
        await _app.WhenIdleAsync();
    }

    private async Task<int> DispatchDuringAsync(string fault)
    {
        switch (fault)
        {
            case "connection refused":
                _network.Refusing = true;
                return await _app.DispatchOutboxAsync();
            case "slow":
                var before = _api.CallsTo("chat.postMessage").Count;
                _api.HangNext("chat.postMessage");
                var dispatching = _app.DispatchOutboxAsync();
                // The attempt's timeout is armed before the request goes out: pass it once Slack has the request.
                await _api.WhenCalledAsync("chat.postMessage", before + 1);
                _app.Time.Advance(AttemptTimeout);
                return await dispatching;
            case "429 with Retry-After":
                _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 120);
                return await _app.DispatchOutboxAsync();
            default:
                _api.AnswerNext("chat.postMessage", 500);
                return await _app.DispatchOutboxAsync();
        }
    }

    /// <summary>What the one warning says about each fault.</summary>
    private static string Reason(string fault) => fault switch
    {
        "connection refused" => "refused",
        "slow" => "timeout",
        "429 with Retry-After" => "rate limited",
        _ => "500",
    };

    private void Advance(TimeSpan by)
    {
        _app.Clock.Advance(Duration.FromTimeSpan(by));
        _app.Time.Advance(by);
    }

    private Task<OutboxMessage?> OutboxAsync() => _app.InScopeAsync(sp => sp.GetRequiredService<IOutbox>().GetAsync(WinKey));
}
