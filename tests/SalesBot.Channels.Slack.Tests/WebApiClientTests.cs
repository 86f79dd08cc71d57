using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Http;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Tests;

public sealed class WebApiClientTests : IAsyncLifetime
{
    private readonly SignallingTimeProvider _time = new(SlackApp.Now.ToDateTimeOffset());
    private readonly InMemoryInstallations _installations = new();
    private readonly List<ServiceProvider> _services = [];
    private FakeSlackApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }

        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_retry_after_and_the_post_then_succeeds()
    {
        var client = Client();
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 3);

        var posting = client.PostMessageAsync("T0TEAM", "C0SALES", new JsonObject { ["text"] = "hello" });
        await _time.WhenWaitingAsync(TimeSpan.FromSeconds(3));
        Assert.False(posting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3));
        var ts = await posting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotEmpty(ts);
        Assert.Equal(2, _api.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task Repeated_429s_give_up_after_the_retry_budget_with_the_retry_after()
    {
        var client = Client(maxRetries: 0);
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 20);

        var ex = await Assert.ThrowsAsync<SlackRateLimitedException>(() => client.PostMessageAsync("T0TEAM", "C0SALES", new JsonObject { ["text"] = "hello" }));

        Assert.Equal(TimeSpan.FromSeconds(20), ex.RetryAfter);
        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Slacks_ok_false_is_surfaced_with_its_error_code()
    {
        _api.FailNext("chat.postMessage", "channel_not_found");

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("T0TEAM", "C0GONE", new JsonObject { ["text"] = "hello" }));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.Equal("chat.postMessage", ex.Method);
        Assert.True(ex.IsPermanent);
    }

    [Fact]
    public async Task Users_info_gives_the_members_iana_time_zone()
    {
        _api.UserTimeZone = "Australia/Lord_Howe";

        var user = await Client().GetUserAsync("T0TEAM", "U0ANA");

        Assert.Equal("Australia/Lord_Howe", user.TimeZone);
        Assert.Equal("Ana", user.Name);
        Assert.Equal("U0ANA", Assert.Single(_api.CallsTo("users.info")).Arg("user"));
    }

    [Fact]
    public async Task Each_workspace_uses_its_own_installed_token_and_others_the_configured_one()
    {
        _installations.Add(new ChannelInstallation(Conversations.Messages.Channels.Slack, "T0OTHER", "Other Co", "xoxb-other", "U0BOT2", "A0APP", _time.GetUtcNow()));
        var client = Client();

        await client.AuthTestAsync("T0OTHER");
        await client.AuthTestAsync("T0TEAM");

        Assert.Equal(["Bearer xoxb-other", "Bearer xoxb-configured"], _api.CallsTo("auth.test").Select(c => c.Authorization));
    }

    [Fact]
    public async Task The_messenger_hands_a_429_back_to_the_outbox_as_retry_later()
    {
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 7);
        var messenger = Messenger();

        var result = await messenger.SendAsync(Delivery(OutboundMessage.Plain("🎉 Ana: closed Acme")));

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(Duration.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task The_messenger_gives_up_on_a_channel_that_is_gone()
    {
        _api.FailNext("chat.postMessage", "is_archived");

        var result = await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Equal("is_archived", result.Error);
    }

    private static OutboxDelivery Delivery(OutboundMessage message, string key = "win:w-1", bool mayHaveBeenSent = false) =>
        new(TeamChannel(), message, key, mayHaveBeenSent);

    [Fact]
    public async Task A_429_asking_for_longer_than_an_inline_wait_is_not_waited_out_but_handed_back_with_its_retry_after()
    {
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 30);

        var ex = await Assert.ThrowsAsync<SlackRateLimitedException>(() => Client().PostMessageAsync("T0TEAM", "C0SALES", new JsonObject { ["text"] = "hello" }));

        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Slacks_http_200_ratelimited_answer_is_retried_like_a_429()
    {
        _api.FailNext("chat.postMessage", "ratelimited");

        var result = await new SlackMessenger(Client(), _time, NullLogger<SlackMessenger>.Instance).SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(2, _api.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_post_then_goes_out()
    {
        _api.AnswerNext("chat.postMessage", 500);

        var result = await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal(DeliveryStatus.Sent, result.Status);
        Assert.Equal(2, _api.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_server_error_every_time_goes_back_to_the_outbox_as_retry_later_never_rejected()
    {
        for (var i = 0; i < 3; i++)
        {
            _api.AnswerNext("chat.postMessage", 503, retryAfterSeconds: i == 2 ? 120 : null);
        }

        var result = await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal((DeliveryStatus.RetryLater, Duration.FromSeconds(120), "http_503"), (result.Status, result.RetryAfter, result.Error));
        Assert.Equal(3, _api.CallsTo("chat.postMessage").Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task An_http_error_no_retry_can_change_is_rejected_at_once(int status)
    {
        _api.AnswerNext("chat.postMessage", status);

        var result = await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal((DeliveryStatus.Rejected, $"http_{status}"), (result.Status, result.Error));
        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Slack_refusing_connections_goes_back_to_the_outbox_as_retry_later()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closed = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/api/");
        listener.Stop();

        var result = await Messenger(Client(apiBaseUrl: closed)).SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal((DeliveryStatus.RetryLater, SlackApiException.RequestFailed), (result.Status, result.Error));
    }

    [Fact]
    public async Task A_post_that_times_out_goes_back_to_the_outbox_as_retry_later()
    {
        _api.HangNext("chat.postMessage");
        var messenger = Messenger(Client(maxRetries: 0, attemptTimeout: TimeSpan.FromSeconds(1)));

        var sending = messenger.SendAsync(Delivery(OutboundMessage.Plain("hello")));
        // The attempt's timeout is armed before the request goes out.
        await _api.WhenCalledAsync("chat.postMessage");
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((DeliveryStatus.RetryLater, SlackApiException.RequestFailed), (result.Status, result.Error));
    }

    [Fact]
    public async Task An_outbox_post_carries_its_outbox_key_as_message_metadata()
    {
        await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello"), key: "win:w-42"));

        var metadata = Assert.Single(_api.CallsTo("chat.postMessage")).Args["metadata"];
        Assert.Equal("salesbot_outbox", (string?)metadata?["event_type"]);
        Assert.Equal("win:w-42", (string?)metadata?["event_payload"]?["key"]);
    }

    [Fact]
    public async Task A_resend_after_a_crash_finds_the_earlier_post_by_its_key_and_does_not_post_twice()
    {
        var messenger = Messenger();
        // Posted, then the process died before the outbox recorded it.
        var first = await messenger.SendAsync(Delivery(OutboundMessage.Plain("🎉 Ana: closed Acme"), key: "win:w-7"));
        Assert.Equal(DeliveryStatus.Sent, first.Status);

        var resent = await messenger.SendAsync(Delivery(OutboundMessage.Plain("🎉 Ana: closed Acme"), key: "win:w-7", mayHaveBeenSent: true));

        Assert.Equal(DeliveryStatus.Sent, resent.Status);
        // The earlier post's ts is what the outbox records, so a kudos press on it is still checked and updated.
        Assert.NotNull(first.MessageId);
        Assert.Equal(first.MessageId, resent.MessageId);
        Assert.Single(_api.CallsTo("chat.postMessage"));
        var history = Assert.Single(_api.CallsTo("conversations.history"));
        Assert.Equal(("C0SALES", "50", "true"), (history.Arg("channel"), history.Arg("limit"), history.Arg("include_all_metadata")));
        Assert.Equal((_time.GetUtcNow() - TimeSpan.FromHours(24)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), history.Arg("oldest"));
    }

    [Fact]
    public async Task A_resend_that_finds_no_post_with_its_key_posts()
    {
        var messenger = Messenger();
        await messenger.SendAsync(Delivery(OutboundMessage.Plain("another post"), key: "win:w-other"));

        var resent = await messenger.SendAsync(Delivery(OutboundMessage.Plain("🎉 Ana: closed Acme"), key: "win:w-7", mayHaveBeenSent: true));

        Assert.Equal(DeliveryStatus.Sent, resent.Status);
        Assert.Equal(2, _api.CallsTo("chat.postMessage").Count);
        Assert.Single(_api.CallsTo("conversations.history"));
    }

    [Fact]
    public async Task A_first_send_does_not_read_the_channel_history()
    {
        await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Empty(_api.CallsTo("conversations.history"));
    }

    [Fact]
    public async Task A_resend_into_a_workspace_that_never_granted_history_scopes_posts_as_before()
    {
        _api.FailNext("conversations.history", "missing_scope");

        var resent = await Messenger().SendAsync(Delivery(OutboundMessage.Plain("hello"), mayHaveBeenSent: true));

        Assert.Equal(DeliveryStatus.Sent, resent.Status);
        Assert.Single(_api.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task An_outbox_post_with_no_rate_limit_permit_left_goes_back_to_the_outbox_without_calling_slack()
    {
        var messenger = Messenger();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(DeliveryStatus.Sent, (await messenger.SendAsync(Delivery(OutboundMessage.Plain($"post {i}"), key: $"k{i}"))).Status);
        }

        var sixth = await messenger.SendAsync(Delivery(OutboundMessage.Plain("post 6"), key: "k6"));

        Assert.Equal((DeliveryStatus.RetryLater, "ratelimited"), (sixth.Status, sixth.Error));
        Assert.True(sixth.RetryAfter > Duration.Zero);
        Assert.Equal(5, _api.CallsTo("chat.postMessage").Count);
    }

    private SlackMessenger Messenger(SlackApiClient? client = null) => new(client ?? Client(), _time, NullLogger<SlackMessenger>.Instance);

    private static ConversationReference TeamChannel() => new()
    {
        OwnerKind = RecipientKind.Team,
        OwnerId = "team-1",
        Channel = "slack",
        TenantId = "T0TEAM",
        ConversationId = "C0SALES",
        Scope = ConversationScope.Channel,
        UpdatedAt = SlackApp.Now,
    };

    private SlackApiClient Client(int maxRetries = 2, Uri? apiBaseUrl = null, TimeSpan? attemptTimeout = null)
    {
        var options = Options.Create(new SlackOptions
        {
            SigningSecret = "secret",
            BotToken = "xoxb-configured",
            ApiBaseUrl = apiBaseUrl ?? _api.BaseUrl,
            MaxRateLimitRetries = maxRetries,
            InlineRetryBaseDelay = TimeSpan.Zero,
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
        });
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddSingleton(options);
        SlackServiceCollectionExtensions.AddWebApiHttpClient(services);
        var provider = services.BuildServiceProvider();
        _services.Add(provider);
        return new SlackApiClient(
            provider.GetRequiredService<IHttpClientFactory>(),
            new SlackBotTokens(_installations, options),
            new SlackRateLimits(_time, Options.Create(new DeliveryOptions())),
            _time,
            options,
            NullLogger<SlackApiClient>.Instance);
    }
}
