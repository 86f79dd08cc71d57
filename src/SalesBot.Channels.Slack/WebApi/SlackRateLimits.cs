using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Caching;
using SalesBot.Channels.Http;

namespace SalesBot.Channels.Slack.WebApi;

/// <summary>One Web API call, as the rate limits see it; <see cref="Channel"/> matters for posts only.</summary>
public readonly record struct SlackCall(string Team, string Method, string? Channel);

/// <summary>
/// Slack's tiers as chained sliding windows on the injected clock (<see cref="SlackMethodTiers"/>): per
/// workspace and method per minute, and per channel for <c>chat.postMessage</c>. Every limit is this
/// instance's share (<see cref="DeliveryOptions.Share"/>: divided by <c>Delivery:InstanceCount</c>). After
/// a 429 the method is held off in this workspace until its <c>Retry-After</c> ends, so queued calls do
/// not pile on; hold-offs are kept only until they end, for a bounded number of keys.
/// </summary>
public sealed class SlackRateLimits : IDisposable
{
    public const int DefaultMaxHoldOffs = 10_000;

    private readonly TimeProvider _time;
    private readonly WindowRateLimits<SlackCall> _limits;
    private readonly MemoryCache _holdOffs;

    public SlackRateLimits(TimeProvider time, IOptions<DeliveryOptions> delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _time = time;
        var share = delivery.Value;
        var post = SlackMethodTiers.PostsPerChannel;
        _limits = new WindowRateLimits<SlackCall>(
        [
            new("post/channel", c => c.Method == "chat.postMessage" && c.Channel is not null ? $"{c.Team}|{c.Channel}" : null, share.Share(post.Limit), post.Window),
            ..PerMinuteWindows(share),
        ], time);
        _holdOffs = BoundedCache.Create(time, DefaultMaxHoldOffs);
    }

    internal int Partitions => _limits.Partitions;

    internal Task WhenPartitionsAtMostAsync(int atMost) => _limits.WhenPartitionsAtMostAsync(atMost);

    /// <summary>Null once the call may go (after waiting up to <paramref name="maxWait"/>), else how long until it could.</summary>
    public async Task<TimeSpan?> AcquireAsync(SlackCall call, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (_holdOffs.TryGetValue(HoldOffKey(call), out DateTimeOffset until) && until - _time.GetUtcNow() is { } held && held > TimeSpan.Zero)
        {
            if (held > maxWait)
            {
                return held;
            }

            await Task.Delay(held, _time, cancellationToken);
            maxWait -= held;
        }

        return await _limits.AcquireAsync(call, maxWait, cancellationToken);
    }

    /// <summary>Slack answered 429: hold this method off in this workspace until <paramref name="retryAfter"/> has passed.</summary>
    public void HoldOff(SlackCall call, TimeSpan retryAfter)
    {
        if (retryAfter > TimeSpan.Zero)
        {
            var until = _time.GetUtcNow() + retryAfter;
            _holdOffs.Set(HoldOffKey(call), until, BoundedCache.Until(until));
        }
    }

    public void Dispose()
    {
        _limits.Dispose();
        _holdOffs.Dispose();
    }

    // One window per limit size, each counting (per workspace and method) only the methods with that limit.
    private static IEnumerable<RateWindow<SlackCall>> PerMinuteWindows(DeliveryOptions share) =>
        SlackMethodTiers.PerMinuteLimits.Select(limit => new RateWindow<SlackCall>(
            $"method/{limit}-a-minute",
            c => SlackMethodTiers.PerMinute(c.Method) == limit ? $"{c.Team}|{c.Method}" : null,
            share.Share(limit),
            TimeSpan.FromMinutes(1)));

    private static string HoldOffKey(SlackCall call) => $"{call.Team}|{call.Method}";
}
