using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>Teams' per-conversation and per-tenant limits, this instance's share of them, and the memory they keep.</summary>
public sealed class TeamsRateLimitsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Seven_sends_a_second_go_at_once_and_the_eighth_is_told_to_wait_a_second()
    {
        using var limits = Limits();

        Assert.Equal(7, await SendAllowedNowAsync(limits, "a:1"));
        Assert.Equal(TimeSpan.FromSeconds(1), await limits.AcquireAsync(Send("a:1"), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Eight_per_two_seconds_holds_back_the_ninth_until_the_first_send_is_two_seconds_old()
    {
        using var limits = Limits();
        Assert.Equal(7, await SendAllowedNowAsync(limits, "a:1"));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await SendAllowedNowAsync(limits, "a:1"));
        Assert.Equal(TimeSpan.FromSeconds(1), await limits.AcquireAsync(Send("a:1"), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task No_more_than_sixty_sends_go_into_one_conversation_in_thirty_seconds()
    {
        using var limits = Limits();
        var sent = 0;
        for (var second = 0; second < 30; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(second == 0 ? 0 : 1));
            sent += await SendAllowedNowAsync(limits, "a:1");
        }

        Assert.Equal(60, sent);
        Assert.True(await limits.AcquireAsync(Send("a:1"), TimeSpan.Zero, CancellationToken.None) > TimeSpan.Zero);
        Assert.Equal(7, await SendAllowedNowAsync(limits, "a:2"));
    }

    [Fact]
    public async Task No_more_than_fifty_requests_a_second_go_to_one_tenant_across_its_conversations()
    {
        using var limits = Limits();

        var sent = 0;
        for (var i = 0; i < 60; i++)
        {
            sent += await limits.AcquireAsync(Send($"a:{i}"), TimeSpan.Zero, CancellationToken.None) is null ? 1 : 0;
        }

        Assert.Equal(50, sent);
        Assert.Null(await limits.AcquireAsync(new TeamsSend("a:other-tenant", "tenant-2"), TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task A_reply_inside_a_turn_is_not_held_up_by_the_tenants_proactive_budget_but_still_by_its_conversation()
    {
        using var limits = Limits();
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await limits.AcquireAsync(Send($"prompt:{i}"), TimeSpan.Zero, CancellationToken.None));
        }

        Assert.NotNull(await limits.AcquireAsync(Send("prompt:50"), TimeSpan.Zero, CancellationToken.None));
        var replies = 0;
        for (var i = 0; i < 8; i++)
        {
            replies += await limits.AcquireAsync(new TeamsSend("a:busy-rep", Tenant: null), TimeSpan.Zero, CancellationToken.None) is null ? 1 : 0;
        }

        Assert.Equal(7, replies);
    }

    [Fact]
    public async Task With_two_instances_each_takes_half_of_every_conversation_and_tenant_limit()
    {
        using var limits = Limits(instanceCount: 2);

        Assert.Equal(3, await SendAllowedNowAsync(limits, "a:1"));
        var sent = 0;
        for (var second = 0; second < 30; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            sent += await SendAllowedNowAsync(limits, "a:2");
        }

        Assert.Equal(30, sent);
        var tenant = 0;
        _time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 60; i++)
        {
            tenant += await limits.AcquireAsync(Send($"b:{i}"), TimeSpan.Zero, CancellationToken.None) is null ? 1 : 0;
        }

        Assert.Equal(25, tenant);
    }

    [Fact]
    public async Task A_wait_within_the_allowance_is_waited_out_on_the_injected_clock()
    {
        using var limits = Limits();
        Assert.Equal(7, await SendAllowedNowAsync(limits, "a:1"));

        var waiting = limits.AcquireAsync(Send("a:1"), TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Conversations_are_held_only_while_their_sends_still_count_so_memory_stays_bounded()
    {
        using var limits = Limits();
        for (var i = 0; i < 200; i++)
        {
            Assert.Null(await limits.AcquireAsync(new TeamsSend($"a:{i}", $"tenant-{i % 10}"), TimeSpan.Zero, CancellationToken.None));
        }

        // Four windows per conversation, one per tenant.
        Assert.Equal((200 * 4) + 10, limits.Partitions);

        // An hour on, every window is idle: the partitioned limiter drops them on its next heartbeat.
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(11));
        await limits.WhenPartitionsAtMostAsync(0).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(await limits.AcquireAsync(Send("a:0"), TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(5, limits.Partitions);
    }

    [Fact]
    public async Task A_conversation_whose_hour_is_not_over_keeps_its_hourly_window()
    {
        using var limits = Limits();
        Assert.Null(await limits.AcquireAsync(Send("a:1"), TimeSpan.Zero, CancellationToken.None));

        // The one-, two- and thirty-second windows and the tenant's are idle long enough to be dropped; the hourly one is not.
        _time.Advance(TimeSpan.FromMinutes(5));
        await limits.WhenPartitionsAtMostAsync(1).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, limits.Partitions);
    }

    [Fact]
    public async Task A_prompt_refused_by_its_tenants_second_again_and_again_spends_none_of_its_conversations_permits()
    {
        using var limits = Limits();
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await limits.AcquireAsync(Send($"prompt:{i}"), TimeSpan.Zero, CancellationToken.None));
        }

        // A prompt waiting its turn in a fan-out asks again each time a permit might be free.
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(await limits.AcquireAsync(Send("a:rep"), TimeSpan.Zero, CancellationToken.None));
        }

        var replies = 0;
        for (var i = 0; i < 8; i++)
        {
            replies += await limits.AcquireAsync(new TeamsSend("a:rep", Tenant: null), TimeSpan.Zero, CancellationToken.None) is null ? 1 : 0;
        }

        Assert.Equal(7, replies);
    }

    [Fact]
    public async Task The_tenants_second_is_held_a_little_longer_than_teams_own_so_sends_that_arrive_early_still_fit()
    {
        using var limits = new TeamsRateLimits(_time, Options.Create(new DeliveryOptions { WindowMarginMilliseconds = 20 }));
        for (var i = 0; i < 50; i++)
        {
            Assert.Null(await limits.AcquireAsync(Send($"b:{i}"), TimeSpan.Zero, CancellationToken.None));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(20), await limits.AcquireAsync(Send("b:50"), TimeSpan.Zero, CancellationToken.None));

        _time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Null(await limits.AcquireAsync(Send("b:50"), TimeSpan.Zero, CancellationToken.None));
    }

    private TeamsRateLimits Limits(int instanceCount = 1) =>
        new(_time, Options.Create(new DeliveryOptions { InstanceCount = instanceCount, WindowMarginMilliseconds = 0 }));

    private static TeamsSend Send(string conversation) => new(conversation, "tenant-1");

    private static async Task<int> SendAllowedNowAsync(TeamsRateLimits limits, string conversation)
    {
        var sent = 0;
        while (await limits.AcquireAsync(Send(conversation), TimeSpan.Zero, CancellationToken.None) is null)
        {
            sent++;
        }

        return sent;
    }
}
