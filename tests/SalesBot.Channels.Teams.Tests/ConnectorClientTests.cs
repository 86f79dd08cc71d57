using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Channels.Teams.Tests.Infrastructure;

namespace SalesBot.Channels.Teams.Tests;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero));
    private LocalConnector _connector = null!;
    private ServiceProvider _services = null!;
    private ConnectorClient _client = null!;

    public async Task InitializeAsync()
    {
        _connector = await LocalConnector.StartNewAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _client = new ConnectorClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            new FixedToken(),
            new ConversationRateLimiter(_time),
            _time,
            Options.Create(new TeamsOptions { MaxInlineRetryDelay = TimeSpan.FromSeconds(5), MaxAttempts = 4, TrustedServiceUrlHosts = ["127.0.0.1"] }),
            NullLogger<ConnectorClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task A_short_throttle_is_waited_out_in_process_honouring_retry_after()
    {
        _connector.Throttle(retryAfterSeconds: 2);

        var send = _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        var waited = await AdvanceUntilAsync(send, () => _connector.Calls.Count >= 1);

        var result = await send;
        Assert.True(result.IsOk);
        Assert.Equal(2, _connector.Calls.Count);
        Assert.True(waited >= TimeSpan.FromSeconds(2), $"retried after {waited}");
        Assert.Equal("Bearer fixed-token", _connector.Calls[1].Authorization);
    }

    [Fact]
    public async Task A_long_throttle_is_handed_back_with_its_retry_after()
    {
        _connector.Throttle(retryAfterSeconds: 45);

        var result = await _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(45), result.RetryAfter);
        Assert.Single(_connector.Calls);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(408)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(412)]
    public async Task Transient_failures_are_retried_with_backoff(int status)
    {
        _connector.Answer(status, "{}");

        var send = _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        await AdvanceUntilAsync(send, () => _connector.Calls.Count >= 1);

        Assert.True((await send).IsOk);
        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_server_error_that_outlasts_the_inline_retries_goes_back_to_the_outbox_instead_of_failing_the_post()
    {
        for (var i = 0; i < 20; i++)
        {
            _connector.Answer(500, "{}");
        }

        var send = _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        await AdvanceUntilAsync(send, () => _connector.Calls.Count >= 1);
        var result = await send;

        Assert.Equal(ConnectorOutcome.RetryLater, result.Outcome);
        Assert.Contains("500", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(400)]
    public async Task An_error_no_retry_can_change_is_rejected_at_once(int status)
    {
        _connector.Answer(status, "{}");

        var result = await _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Rejected, result.Outcome);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_blocked_conversation_is_rejected_without_retrying()
    {
        _connector.Answer(403, "{\"error\":{\"code\":\"MessageWritesBlocked\"}}");

        var result = await _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Rejected, result.Outcome);
        Assert.Contains("MessageWritesBlocked", result.Error, StringComparison.Ordinal);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task Update_and_delete_address_the_activity_and_escape_the_conversation_id()
    {
        var update = await _client.UpdateAsync(_connector.ServiceUrl, "19:abc@thread.tacv2;messageid=1", "act/9", Message("edited"), CancellationToken.None);
        var delete = await _client.DeleteAsync(_connector.ServiceUrl, "a:1", "act-9", CancellationToken.None);

        Assert.True(update.IsOk && delete.IsOk);
        Assert.Equal("PUT", _connector.Calls[0].Method);
        Assert.Equal("v3/conversations/19:abc@thread.tacv2;messageid=1/activities/act%2F9", _connector.Calls[0].Path);
        Assert.Equal("act/9", (string?)_connector.Calls[0].Body!["id"]);
        Assert.Equal("DELETE", _connector.Calls[1].Method);
        Assert.Equal("v3/conversations/a:1/activities/act-9", _connector.Calls[1].Path);
    }

    [Theory]
    [InlineData("https://evil.example.com/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.example.com/")]
    [InlineData("http://localhost:9/")]
    public async Task The_bot_token_is_never_sent_to_an_untrusted_service_url(string serviceUrl)
    {
        var result = await _client.SendAsync(serviceUrl, "a:1", Message("hello"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Rejected, result.Outcome);
        Assert.Contains("not trusted", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("https://botframework.com.evil.example/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    public void Default_trusted_service_url_hosts_are_the_teams_and_bot_framework_ones(string serviceUrl, bool trusted) =>
        Assert.Equal(trusted, new TeamsOptions().IsTrustedServiceUrl(new Uri(serviceUrl)));

    [Fact]
    public void The_rate_limiter_keeps_a_conversation_within_teams_limits()
    {
        var limiter = new ConversationRateLimiter(_time);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            Assert.True(limiter.TryReserve("a:1", TimeSpan.FromSeconds(5), out var wait));
            waits.Add(wait);
        }

        // 7 per second go at once; the 8th waits for the first to leave the 1-second window.
        Assert.All(waits.Take(7), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(TimeSpan.FromSeconds(1), waits[7]);

        // The 9th: 8 per 2 seconds allows nothing before the first send is 2 seconds old.
        Assert.True(limiter.TryReserve("a:1", TimeSpan.FromSeconds(5), out var ninth));
        Assert.Equal(TimeSpan.FromSeconds(2), ninth);

        // Another conversation is not affected.
        Assert.True(limiter.TryReserve("a:2", TimeSpan.Zero, out var other));
        Assert.Equal(TimeSpan.Zero, other);
    }

    [Fact]
    public void The_rate_limiter_refuses_when_the_wait_would_be_too_long_and_enforces_60_per_30_seconds()
    {
        var limiter = new ConversationRateLimiter(_time);
        var sent = 0;
        for (var second = 0; second < 30; second++)
        {
            if (second > 0)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            while (limiter.TryReserve("a:1", TimeSpan.Zero, out _))
            {
                sent++;
            }
        }

        Assert.Equal(60, sent);
        Assert.False(limiter.TryReserve("a:1", TimeSpan.Zero, out var wait));
        Assert.True(wait > TimeSpan.Zero);
    }

    /// <summary>Moves fake time on in small steps once the first call is in, until the call completes; returns the fake time it took.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Task call, Func<bool> started)
    {
        var begin = _time.GetUtcNow();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!call.IsCompleted && DateTime.UtcNow < deadline)
        {
            if (started())
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
            }

            await Task.WhenAny(call, Task.Delay(5));
        }

        Assert.True(call.IsCompleted, "the call did not finish");
        return _time.GetUtcNow() - begin;
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private sealed class FixedToken : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("fixed-token");
    }
}
