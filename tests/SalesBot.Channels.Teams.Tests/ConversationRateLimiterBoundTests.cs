using Microsoft.Extensions.Time.Testing;
using SalesBot.Channels.Teams.Connector;

namespace SalesBot.Channels.Teams.Tests;

/// <summary>The per-conversation limiter keeps a bounded number of conversations, each only while its sends still count.</summary>
public sealed class ConversationRateLimiterBoundTests
{
    private const int Bound = 5;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_limiter_holds_no_more_conversations_than_its_bound()
    {
        using var limiter = new ConversationRateLimiter(_time, Bound);

        for (var i = 0; i < Bound + 10; i++)
        {
            Assert.True(limiter.TryReserve($"a:{i}", TimeSpan.Zero, out _));
        }

        Assert.InRange(limiter.Count, 1, Bound);
    }

    [Fact]
    public void A_conversation_is_forgotten_once_its_last_send_leaves_the_thirty_second_window()
    {
        using var limiter = new ConversationRateLimiter(_time, Bound);
        Assert.True(limiter.TryReserve("a:1", TimeSpan.Zero, out _));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(limiter.Tracks("a:1"));
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(limiter.Tracks("a:1"));
    }

    [Fact]
    public void A_forgotten_conversation_starts_again_with_its_full_allowance()
    {
        using var limiter = new ConversationRateLimiter(_time, Bound);
        for (var i = 0; i < 7; i++)
        {
            Assert.True(limiter.TryReserve("a:1", TimeSpan.Zero, out _));
        }

        Assert.False(limiter.TryReserve("a:1", TimeSpan.Zero, out _));
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.True(limiter.TryReserve("a:1", TimeSpan.Zero, out var wait));
        Assert.Equal(TimeSpan.Zero, wait);
    }
}
