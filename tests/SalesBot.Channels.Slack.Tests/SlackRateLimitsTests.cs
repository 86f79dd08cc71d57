using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Slack.Tests.Infrastructure;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Slack.Tests;

/// <summary>Slack's tiers per workspace and method, posts per channel, this instance's share of them, and the memory they keep.</summary>
public sealed class SlackRateLimitsTests
{
    private readonly FakeTimeProvider _time = new(SlackApp.Now.ToDateTimeOffset());

    [Fact]
    public async Task Posts_into_one_channel_go_in_a_burst_of_five_then_about_one_a_second()
    {
        using var limits = Limits();

        Assert.Equal(5, await AllowedNowAsync(limits, Post("C0SALES")));
        Assert.Equal(TimeSpan.FromSeconds(5), await limits.AcquireAsync(Post("C0SALES"), TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(5, await AllowedNowAsync(limits, Post("C0OTHER")));
    }

    [Fact]
    public async Task A_tier_four_method_is_called_at_most_a_hundred_times_a_minute_per_workspace()
    {
        using var limits = Limits();

        Assert.Equal(100, await AllowedNowAsync(limits, new SlackCall("T0TEAM", "users.info", null)));
        Assert.Equal(20, await AllowedNowAsync(limits, new SlackCall("T0TEAM", "some.tier2", null)));
        Assert.Equal(100, await AllowedNowAsync(limits, new SlackCall("T0OTHER", "users.info", null)));
    }

    [Fact]
    public async Task With_two_instances_each_takes_half_of_every_channel_and_workspace_limit()
    {
        using var limits = Limits(instanceCount: 2);

        Assert.Equal(2, await AllowedNowAsync(limits, Post("C0SALES")));
        Assert.Equal(50, await AllowedNowAsync(limits, new SlackCall("T0TEAM", "users.info", null)));
        Assert.Equal(25, await AllowedNowAsync(limits, new SlackCall("T0TEAM", "chat.update", "C0SALES")));
    }

    [Fact]
    public async Task After_a_429_the_method_is_held_off_in_that_workspace_until_its_retry_after_ends()
    {
        using var limits = Limits();
        limits.HoldOff(new SlackCall("T0TEAM", "users.info", null), TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(20), await limits.AcquireAsync(new SlackCall("T0TEAM", "users.info", null), TimeSpan.Zero, CancellationToken.None));
        Assert.Null(await limits.AcquireAsync(new SlackCall("T0OTHER", "users.info", null), TimeSpan.Zero, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await limits.AcquireAsync(new SlackCall("T0TEAM", "users.info", null), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Channels_and_workspaces_are_held_only_while_their_calls_still_count_so_memory_stays_bounded()
    {
        using var limits = Limits();
        for (var i = 0; i < 100; i++)
        {
            Assert.Null(await limits.AcquireAsync(new SlackCall($"T{i % 10}", "chat.postMessage", $"C{i}"), TimeSpan.Zero, CancellationToken.None));
        }

        // A channel window per channel, a method window per workspace.
        Assert.Equal(100 + 10, limits.Partitions);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(11));
        await limits.WhenPartitionsAtMostAsync(0).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private SlackRateLimits Limits(int instanceCount = 1) =>
        new(_time, Options.Create(new DeliveryOptions { InstanceCount = instanceCount }));

    private static SlackCall Post(string channel) => new("T0TEAM", "chat.postMessage", channel);

    private static async Task<int> AllowedNowAsync(SlackRateLimits limits, SlackCall call)
    {
        var allowed = 0;
        while (await limits.AcquireAsync(call, TimeSpan.Zero, CancellationToken.None) is null)
        {
            allowed++;
        }

        return allowed;
    }
}
