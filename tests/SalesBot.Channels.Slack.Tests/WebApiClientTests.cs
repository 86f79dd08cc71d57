using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Tests;

public sealed class WebApiClientTests : IAsyncLifetime
{
    private readonly SignallingTimeProvider _time = new(SlackApp.Now.ToDateTimeOffset());
    private readonly InMemoryInstallations _installations = new();
    private FakeSlackApi _api = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeSlackApi.StartAsync();
        var services = new ServiceCollection();
        services.AddHttpClient(SlackApiClient.HttpClientName);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_retry_after_and_the_post_then_succeeds()
    {
        var client = Client();
        _api.RateLimitNext("chat.postMessage", retryAfterSeconds: 3);

        var posting = client.PostMessageAsync("T0TEAM", "C0SALES", new JsonObject { ["text"] = "hello" });
        await _time.WhenWaitingAsync();
        Assert.False(posting.IsCompleted);
        Assert.Contains(TimeSpan.FromSeconds(3), _time.Waits);
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
        var messenger = new SlackMessenger(Client());

        var result = await messenger.SendAsync(Delivery(OutboundMessage.Plain("🎉 Ana: closed Acme")));

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(Duration.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task The_messenger_gives_up_on_a_channel_that_is_gone()
    {
        _api.FailNext("chat.postMessage", "is_archived");

        var result = await new SlackMessenger(Client()).SendAsync(Delivery(OutboundMessage.Plain("hello")));

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Equal("is_archived", result.Error);
    }

    private static OutboxDelivery Delivery(OutboundMessage message, string key = "win:w-1", bool mayHaveBeenSent = false) =>
        new(TeamChannel(), message, key, mayHaveBeenSent);

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

    private SlackApiClient Client(int maxRetries = 3)
    {
        var options = Options.Create(new SlackOptions
        {
            SigningSecret = "secret",
            BotToken = "xoxb-configured",
            ApiBaseUrl = _api.BaseUrl,
            MaxRateLimitRetries = maxRetries,
        });
        return new SlackApiClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            new SlackBotTokens(_installations, options),
            new SlackRateLimiter(_time),
            _time,
            options,
            NullLogger<SlackApiClient>.Instance);
    }
}
