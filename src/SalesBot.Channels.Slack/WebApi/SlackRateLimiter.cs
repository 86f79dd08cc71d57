using System.Collections.Concurrent;

namespace SalesBot.Channels.Slack.WebApi;

/// <summary>
/// Token buckets per workspace and method (and channel, for posts), so the bot stays under Slack's
/// tiers instead of learning them from 429s. Waits on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class SlackRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public async Task WaitAsync(string teamId, string method, string? channel, CancellationToken cancellationToken)
    {
        var limit = SlackMethodTiers.For(method);
        var key = limit.PerChannel && channel is not null ? $"{teamId}|{method}|{channel}" : $"{teamId}|{method}";
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(limit, time.GetTimestamp()));
        while (true)
        {
            var wait = bucket.TryTake(time.GetTimestamp(), time.TimestampFrequency);
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, time, cancellationToken);
        }
    }

    /// <summary>Tells every bucket of this method to hold off (after a 429), so queued calls do not pile on.</summary>
    public void Penalize(string teamId, string method, TimeSpan retryAfter)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (key.StartsWith($"{teamId}|{method}", StringComparison.Ordinal))
            {
                bucket.Empty(time.GetTimestamp(), retryAfter, time.TimestampFrequency);
            }
        }
    }

    private sealed class Bucket(SlackMethodTiers.Limit limit, long start)
    {
        private readonly Lock _gate = new();
        private double _tokens = limit.Burst;
        private long _last = start;

        public TimeSpan TryTake(long now, long frequency)
        {
            lock (_gate)
            {
                Refill(now, frequency);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return TimeSpan.Zero;
                }

                return TimeSpan.FromSeconds((1 - _tokens) / limit.PerSecond);
            }
        }

        public void Empty(long now, TimeSpan holdOff, long frequency)
        {
            lock (_gate)
            {
                Refill(now, frequency);
                // One call becomes possible again exactly when Slack said so.
                _tokens = Math.Min(_tokens, 1 - holdOff.TotalSeconds * limit.PerSecond);
            }
        }

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
