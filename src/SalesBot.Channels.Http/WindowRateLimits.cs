using System.Threading.RateLimiting;

namespace SalesBot.Channels.Http;

/// <summary>
/// One sliding window of a chain: at most <see cref="PermitLimit"/> per <see cref="Length"/> for each partition
/// <see cref="Key"/>; a resource whose key is null is not limited by this window.
/// </summary>
public sealed record RateWindow<TResource>(string Name, Func<TResource, string?> Key, int PermitLimit, TimeSpan Length);

/// <summary>
/// Several sliding windows, each a <see cref="PartitionedRateLimiter{TResource}"/> of
/// <see cref="ClockSlidingWindowLimiter"/>s, chained with <see cref="PartitionedRateLimiter.CreateChained{TResource}"/>:
/// a permit is granted only when every window has room. Windows are tried in the order given, and one
/// refused further on still spends the permits taken before it, so list the shortest windows first
/// (they refill soonest). A partition is dropped by the partitioned limiter once it has been idle
/// (every permit back) for ten seconds, so memory follows the partitions in use, not all ever seen.
/// </summary>
public sealed class WindowRateLimits<TResource> : IDisposable
{
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<TResource>[] _windows;
    private readonly PartitionedRateLimiter<TResource> _chain;
    private readonly Lock _lock = new();
    private readonly List<(int AtMost, TaskCompletionSource Done)> _waiters = [];
    private int _partitions;

    public WindowRateLimits(IEnumerable<RateWindow<TResource>> windows, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _windows = windows.Select(w => PartitionedRateLimiter.Create<TResource, string>(resource =>
            w.Key(resource) is { } key ? RateLimitPartition.Get(key, _ => NewPartition(w)) : RateLimitPartition.GetNoLimiter(string.Empty))).ToArray();
        _chain = _windows.Length == 1 ? _windows[0] : PartitionedRateLimiter.CreateChained(_windows);
    }

    /// <summary>Partitions (one per window and key) currently held.</summary>
    public int Partitions => Volatile.Read(ref _partitions);

    /// <summary>Completes once no more than <paramref name="atMost"/> partitions are held (idle ones are dropped in the background).</summary>
    public Task WhenPartitionsAtMostAsync(int atMost)
    {
        lock (_lock)
        {
            if (_partitions <= atMost)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((atMost, done));
            return done.Task;
        }
    }

    /// <summary>Takes a permit now if every window has room; otherwise <paramref name="retryAfter"/> is when to try again.</summary>
    public bool TryAcquire(TResource resource, out TimeSpan retryAfter)
    {
        using var lease = _chain.AttemptAcquire(resource);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    /// <summary>
    /// Takes a permit, waiting (on the injected clock) while the wait stays within <paramref name="maxWait"/>
    /// in all; returns null once granted, or how long until one would be when that is further away.
    /// </summary>
    public async Task<TimeSpan?> AcquireAsync(TResource resource, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            if (TryAcquire(resource, out var retryAfter))
            {
                return null;
            }

            if (waited + retryAfter > maxWait)
            {
                return retryAfter;
            }

            await Task.Delay(retryAfter, _time, cancellationToken);
            waited += retryAfter;
        }
    }

    public void Dispose()
    {
        _chain.Dispose();
        foreach (var window in _windows)
        {
            window.Dispose();
        }
    }

    private ClockSlidingWindowLimiter NewPartition(RateWindow<TResource> window)
    {
        Interlocked.Increment(ref _partitions);
        return new ClockSlidingWindowLimiter(window.PermitLimit, window.Length, _time, PartitionDropped);
    }

    private void PartitionDropped()
    {
        var left = Interlocked.Decrement(ref _partitions);
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => left <= w.AtMost).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
