using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Security;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>Every per-process cache and limiter bucket has a size bound and an expiry, on the injected clock.</summary>
public sealed class BoundedCacheTests : IAsyncLifetime
{
    private const int Bound = 5;
    private readonly FakeTimeProvider _time = new(SlackApp.Now.ToDateTimeOffset());
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
    public void The_replay_cache_holds_no_more_signatures_than_its_bound()
    {
        using var seen = new SeenSignatures(_time, Bound);

        for (var i = 0; i < Bound + 20; i++)
        {
            Assert.True(seen.TryRemember($"v0=signature-{i}", TimeSpan.FromMinutes(5)));
        }

        Assert.InRange(seen.Count, 1, Bound);
    }

    [Fact]
    public void A_remembered_signature_is_gone_once_twice_its_window_has_passed()
    {
        using var seen = new SeenSignatures(_time, Bound);
        Assert.True(seen.TryRemember("v0=abc", TimeSpan.FromMinutes(5)));
        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(seen.TryRemember("v0=abc", TimeSpan.FromMinutes(5)));

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.True(seen.TryRemember("v0=abc", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task The_profile_cache_holds_no_more_members_than_its_bound_and_forgets_after_a_day()
    {
        using var profiles = new SlackProfiles(Client(), _time, NullLogger<SlackProfiles>.Instance, Bound);

        for (var i = 0; i < Bound + 3; i++)
        {
            Assert.NotNull(await profiles.GetAsync("T0TEAM", $"U{i}", CancellationToken.None));
        }

        Assert.InRange(profiles.Count, 1, Bound);

        using var fresh = new SlackProfiles(Client(), _time, NullLogger<SlackProfiles>.Instance, Bound);
        await fresh.GetAsync("T0TEAM", "U0ANA", CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23));
        await fresh.GetAsync("T0TEAM", "U0ANA", CancellationToken.None);
        Assert.Single(_api.CallsTo("users.info"), c => c.Arg("user") == "U0ANA");

        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await fresh.GetAsync("T0TEAM", "U0ANA", CancellationToken.None);
        Assert.Equal(2, _api.CallsTo("users.info").Count(c => c.Arg("user") == "U0ANA"));
    }

    [Fact]
    public void The_direct_channel_cache_holds_no_more_members_than_its_bound_and_forgets_idle_ones()
    {
        using var channels = new SlackDirectChannels(Client(), _time, Bound);

        for (var i = 0; i < Bound + 3; i++)
        {
            channels.Remember("T0TEAM", $"U{i}", $"D{i}");
        }

        Assert.InRange(channels.Count, 1, Bound);

        using var fresh = new SlackDirectChannels(Client(), _time, Bound);
        fresh.Remember("T0TEAM", "U0ANA", "D0ANA");
        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal("D0ANA", fresh.Find("T0TEAM", "U0ANA"));
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.Null(fresh.Find("T0TEAM", "U0ANA"));
    }

    private SlackApiClient Client()
    {
        var options = Options.Create(new SlackOptions { SigningSecret = "secret", BotToken = "xoxb-configured", ApiBaseUrl = _api.BaseUrl });
        return new SlackApiClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            new SlackBotTokens(new InMemoryInstallations(), options),
            new SlackRateLimits(_time, Options.Create(new DeliveryOptions())),
            _time,
            options,
            NullLogger<SlackApiClient>.Instance);
    }
}
