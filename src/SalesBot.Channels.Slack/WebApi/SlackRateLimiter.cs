using Microsoft.Extensions.Caching.Memory;
using SalesBot.Conversations.Caching;

namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// Token buckets per workspace and method (and channel, for posts), so the bot stays under Slack's
/// tiers instead of learning them from 429s. Waits on the injected <see cref="TimeProvider"/>.
/// A bucket is kept only until it would be full again (forgetting it then changes nothing), and a
/// 429's hold-off only until it ends, for a bounded number of keys.
/// </summary>
public sealed class SlackRateLimiter : IDisposable
{
    public const int DefaultMaxEntries = 10_000;

    private readonly TimeProvider _time;
    private readonly MemoryCache _state;
    private readonly Lock _gate = new();

    public SlackRateLimiter(TimeProvider time)
        : this(time, DefaultMaxEntries)
    {
    }

    internal SlackRateLimiter(TimeProvider time, int maxEntries)
    {
        _time = time;
        _state = BoundedCache.Create(time, maxEntries);
    }

    /// <summary>Buckets and hold-offs held (expired ones may linger until the next compaction).</summary>
    internal int Count => _state.Count;

    /// <summary>Whether a bucket is held for these arguments (an expired one is not).</summary>
    internal bool Tracks(string teamId, string method, string? channel) =>
        _state.TryGetValue(KeyFor(SlackMethodTiers.For(method), teamId, method, channel), out Bucket? _);

    public async Task WaitAsync(string teamId, string method, string? channel, CancellationToken cancellationToken)
    {
        var limit = SlackMethodTiers.For(method);
        var key = KeyFor(limit, teamId, method, channel);
        var holdOffKey = new HoldOffKey($"{teamId}|{method}");
        while (true)
        {
            var wait = TryTake(key, holdOffKey, limit);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>Tells every bucket of this method to hold off (after a 429), so queued calls do not pile on.</summary>
    public void Penalize(string teamId, string method, TimeSpan retryAfter)
    {
        if (retryAfter <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var until = _time.GetTimestamp() + (long)(retryAfter.TotalSeconds * _time.TimestampFrequency);
            _state.Set(new HoldOffKey($"{teamId}|{method}"), until, BoundedCache.Until(_time.GetUtcNow() + retryAfter));
        }
    }

    public void Dispose() => _state.Dispose();

    private static BucketKey KeyFor(SlackMethodTiers.Limit limit, string teamId, string method, string? channel) =>
        new(limit.PerChannel && channel is not null ? $"{teamId}|{method}|{channel}" : $"{teamId}|{method}");

    private TimeSpan TryTake(BucketKey key, HoldOffKey holdOffKey, SlackMethodTiers.Limit limit)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (!_state.TryGetValue(key, out Bucket? bucket) || bucket is null)
            {
                bucket = new Bucket(limit, now);
            }

            if (_state.TryGetValue(holdOffKey, out long holdUntil) && holdUntil > now)
            {
                bucket.Empty(now, TimeSpan.FromSeconds((holdUntil - now) / (double)_time.TimestampFrequency), _time.TimestampFrequency);
            }

            var wait = bucket.TryTake(now, _time.TimestampFrequency);
            // Re-set on every use so that the entry lives exactly until the bucket is full again.
            _state.Set(key, bucket, BoundedCache.Until(_time.GetUtcNow() + bucket.UntilFull()));
            return wait;
        }
    }

    private readonly record struct BucketKey(string Value);

    private readonly record struct HoldOffKey(string Value);

    /// <summary>Guarded by the limiter's lock.</summary>
    private sealed class Bucket(SlackMethodTiers.Limit limit, long start)
    {
        private double _tokens = limit.Burst;
        private long _last = start;

        public TimeSpan TryTake(long now, long frequency)
        {
            Refill(now, frequency);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((1 - _tokens) / limit.PerSecond);
        }

        public void Empty(long now, TimeSpan holdOff, long frequency)
        {
            Refill(now, frequency);
            // One call becomes possible again exactly when Slack said so.
            _tokens = Math.Min(_tokens, 1 - holdOff.TotalSeconds * limit.PerSecond);
        }

        /// <summary>How long from its last refill until the bucket is full again (a second's margin for rounding).</summary>
        public TimeSpan UntilFull() => TimeSpan.FromSeconds((limit.Burst - _tokens) / limit.PerSecond + 1);

        private void Refill(long now, long frequency)
        {
            var elapsed = (now - _last) / (double)frequency;
            if (elapsed > 0)
            {
                _tokens = Math.Min(limit.Burst, _tokens + elapsed * limit.PerSecond);
                _last = now;
            }
        }
    }
}
