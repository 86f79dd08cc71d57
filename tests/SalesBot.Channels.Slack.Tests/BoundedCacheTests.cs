using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Security;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;

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

    [Fact]
    public async Task The_rate_limiter_holds_no_more_buckets_than_its_bound()
    {
        using var limiter = new SlackRateLimiter(_time, Bound);

        for (var i = 0; i < Bound + 10; i++)
        {
            await limiter.WaitAsync($"T{i}", "chat.postMessage", $"C{i}", CancellationToken.None);
        }

        Assert.InRange(limiter.Count, 1, Bound);
    }

    [Fact]
    public async Task A_bucket_is_forgotten_once_it_would_be_full_again_and_not_before()
    {
        using var limiter = new SlackRateLimiter(_time, Bound);
        for (var i = 0; i < 5; i++)
        {
            await limiter.WaitAsync("T0TEAM", "chat.postMessage", "C0SALES", CancellationToken.None);
        }

        // Five posts empty the burst of five; at one a second it is full again after five seconds.
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(limiter.Tracks("T0TEAM", "chat.postMessage", "C0SALES"));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(limiter.Tracks("T0TEAM", "chat.postMessage", "C0SALES"));
    }

    private SlackApiClient Client()
    {
        var options = Options.Create(new SlackOptions { SigningSecret = "secret", BotToken = "xoxb-configured", ApiBaseUrl = _api.BaseUrl });
        return new SlackApiClient(
            _services.GetRequiredService<IHttpClientFactory>(),
            new SlackBotTokens(new InMemoryInstallations(), options),
            new SlackRateLimiter(_time),
            _time,
            options,
            NullLogger<SlackApiClient>.Instance);
    }
}
