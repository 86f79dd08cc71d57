using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using NodaTime.Testing;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Channels.Teams.Hosting;
using SalesBot.Channels.Teams.Tests.Infrastructure;
using SalesBot.Channels.Http;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Teams.Tests;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero));
    private LocalConnector _connector = null!;
    private ServiceProvider _services = null!;
    private ConnectorClient _client = null!;
    private TeamsMessenger _messenger = null!;

    public async Task InitializeAsync()
    {
        _connector = await LocalConnector.StartNewAsync();
        var options = Options.Create(new TeamsOptions { TrustedServiceUrlHosts = ["127.0.0.1"] });
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddSingleton(options);
        TeamsServiceCollectionExtensions.AddConnectorHttpClient(services);
        _services = services.BuildServiceProvider();
        _client = new ConnectorClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            new FixedToken(),
            new TeamsRateLimits(_time, Options.Create(new DeliveryOptions())),
            _time,
            options,
            NullLogger<ConnectorClient>.Instance);
        _messenger = new TeamsMessenger(_client, null!, options, new FakeClock(Instant.FromDateTimeOffset(_time.GetUtcNow())));
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
        Assert.Equal(3, _connector.Calls.Count); // the first attempt and two short inline retries
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
    public async Task A_proactive_send_still_failing_with_500_after_the_inline_retries_is_retried_later_by_the_outbox_never_rejected()
    {
        for (var i = 0; i < 3; i++)
        {
            _connector.Answer(500, "{}");
        }

        var send = _messenger.SendAsync(Delivery());
        await AdvanceUntilAsync(send, () => _connector.Calls.Count >= 1);
        var result = await send;

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Contains("500", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proactive_send_throttled_for_longer_than_an_inline_wait_goes_back_to_the_outbox_with_the_servers_retry_after()
    {
        _connector.Throttle(retryAfterSeconds: 45);

        var result = await _messenger.SendAsync(Delivery());

        Assert.Equal((DeliveryStatus.RetryLater, Duration.FromSeconds(45)), (result.Status, result.RetryAfter));
        Assert.Single(_connector.Calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_proactive_send_refused_for_good_is_rejected_without_retrying(int status)
    {
        _connector.Answer(status, "{\"error\":{\"code\":\"ConversationNotFound\"}}");

        var result = await _messenger.SendAsync(Delivery());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Single(_connector.Calls);
    }

    [Fact]
    public async Task A_connector_that_refuses_connections_is_retried_briefly_then_handed_back_as_retry_later()
    {
        var closedPort = ClosedLoopbackPort();

        var send = _client.SendProactiveAsync($"http://127.0.0.1:{closedPort}/amer/", "a:1", Message("hello"), CancellationToken.None);
        await AdvanceUntilAsync(send, () => true);
        var result = await send;

        Assert.Equal(ConnectorOutcome.RetryLater, result.Outcome);
    }

    [Fact]
    public async Task A_connector_that_never_answers_times_out_each_attempt_and_is_handed_back_as_retry_later()
    {
        for (var i = 0; i < 3; i++)
        {
            _connector.Hang();
        }

        var send = _client.SendProactiveAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        await AdvanceUntilAsync(send, () => _connector.Calls.Count >= 1);
        var result = await send;

        Assert.Equal(ConnectorOutcome.RetryLater, result.Outcome);
        Assert.Equal(3, _connector.Calls.Count);
    }

    [Fact]
    public async Task The_callers_cancellation_stops_a_call_at_once_instead_of_being_taken_for_a_timeout()
    {
        _connector.Hang();
        using var cancel = new CancellationTokenSource();

        var send = _client.SendProactiveAsync(_connector.ServiceUrl, "a:1", Message("hello"), cancel.Token);
        await _connector.WhenCalledAsync(1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_turn_reply_and_a_proactive_send_both_wait_briefly_for_the_conversations_rate_limit()
    {
        for (var i = 0; i < 7; i++)
        {
            Assert.True((await _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None)).IsOk);
        }

        // A fan-out's prompt waits its turn in-process (Teams:MaxProactiveLimiterWait) rather than going back to the outbox.
        var proactive = _client.SendProactiveAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        var waited = await AdvanceUntilAsync(proactive, () => true);
        Assert.True((await proactive).IsOk);
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"sent after {waited}");

        var reply = _client.SendAsync(_connector.ServiceUrl, "a:1", Message("hello"), CancellationToken.None);
        await AdvanceUntilAsync(reply, () => true);
        Assert.True((await reply).IsOk);
        Assert.Equal(9, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_proactive_send_that_would_wait_longer_than_allowed_for_a_permit_goes_back_to_the_outbox_unattempted()
    {
        var options = Options.Create(new TeamsOptions { TrustedServiceUrlHosts = ["127.0.0.1"], MaxProactiveLimiterWait = TimeSpan.Zero });
        var client = new ConnectorClient(_services.GetRequiredService<IHttpClientFactory>(), new FixedToken(),
            new TeamsRateLimits(_time, Options.Create(new DeliveryOptions())), _time, options, NullLogger<ConnectorClient>.Instance);
        var messenger = new TeamsMessenger(client, null!, options, new FakeClock(Instant.FromDateTimeOffset(_time.GetUtcNow())));
        var conversation = Delivery().To.ConversationId;
        for (var i = 0; i < 7; i++)
        {
            Assert.True((await client.SendAsync(_connector.ServiceUrl, conversation, Message("hello"), CancellationToken.None)).IsOk);
        }

        var result = await messenger.SendAsync(Delivery());

        // Nothing left the process: the outbox waits the second out without using up one of the post's attempts.
        Assert.Equal((DeliveryStatus.RetryLater, true, Duration.FromSeconds(1)), (result.Status, result.NotAttempted, result.RetryAfter));
        Assert.Equal(7, _connector.Calls.Count);
    }

    [Fact]
    public async Task A_proactive_send_throttled_by_teams_is_not_resent_inline_so_that_its_resend_takes_a_rate_limit_permit()
    {
        _connector.Throttle(retryAfterSeconds: 1);

        var result = await _messenger.SendAsync(Delivery());

        // A reply would be resent a second later in-process; a paced send goes back to the outbox and counts as an attempt.
        Assert.Equal((DeliveryStatus.RetryLater, false, Duration.FromSeconds(1)), (result.Status, result.NotAttempted, result.RetryAfter));
        Assert.Single(_connector.Calls);
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private OutboxDelivery Delivery() => new(
        new ConversationReference
        {
            OwnerKind = RecipientKind.Team,
            OwnerId = "team-1",
            Channel = Conversations.Messages.Channels.Teams,
            TenantId = "tenant-1",
            ConversationId = "19:sales@thread.tacv2",
            Scope = ConversationScope.Channel,
            UpdatedAt = Instant.FromDateTimeOffset(_time.GetUtcNow()),
            Properties = new Dictionary<string, string> { [ActivityMapper.ServiceUrlProperty] = _connector.ServiceUrl },
        },
        OutboundMessage.Plain("🎉 Ana: closed Acme"),
        "win:w-1",
        MayHaveBeenSent: false);

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

    [Fact]
    public async Task An_untrusted_service_url_is_refused_before_any_token_is_asked_for()
    {
        var tokens = new CountingToken();
        var client = new ConnectorClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            tokens,
            new TeamsRateLimits(_time, Options.Create(new DeliveryOptions())),
            _time,
            Options.Create(new TeamsOptions { TrustedServiceUrlHosts = ["127.0.0.1"] }),
            NullLogger<ConnectorClient>.Instance);

        var result = await client.SendAsync("https://evil.example.com/amer/", "a:1", Message("hello"), CancellationToken.None);

        Assert.Equal(ConnectorOutcome.Rejected, result.Outcome);
        Assert.Equal(0, tokens.Requests);
        Assert.Empty(_connector.Calls);
    }

    private sealed class CountingToken : IBotTokenProvider
    {
        public int Requests { get; private set; }

        public Task<string?> GetTokenAsync(CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult<string?>("counted-token");
        }
    }

    private sealed class FixedToken : IBotTokenProvider
    {
        public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>("fixed-token");
    }
}
