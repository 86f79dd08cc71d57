using System.Threading.RateLimiting;

namespace SalesBot.Channels.Http;

/// <summary>
/// At most <c>permitLimit</c> permits in any <c>window</c>, as an exact sliding window over the grant
/// times, read from the injected <see cref="TimeProvider"/> (the library's window limiters read the
/// machine's stopwatch, which a fake clock cannot move). Never queues: a refused lease carries
/// <see cref="MetadataName.RetryAfter"/>, the time until enough grants leave the window. Permits are
/// spent when granted; disposing a lease does not give them back (a window counts sends, not work in flight).
/// </summary>
public sealed class ClockSlidingWindowLimiter : RateLimiter
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Action? _disposed;
    private readonly Queue<long> _grants = new();
    private readonly Lock _lock = new();
    private long _idleSince;
    private long _granted;
    private long _refused;
    private bool _isDisposed;

    public ClockSlidingWindowLimiter(int permitLimit, TimeSpan window, TimeProvider time, Action? disposed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _permitLimit = permitLimit;
        _window = window;
        _time = time;
        _disposed = disposed;
        _idleSince = time.GetTimestamp();
    }

    /// <summary>How long every permit has been available (null while some are spent): idle partitions are dropped after a while.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetTimestamp();
                Expire(now);
                return _grants.Count == 0 ? _time.GetElapsedTime(_idleSince, now) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Expire(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permitLimit - _grants.Count,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_isDisposed, this);
            var now = _time.GetTimestamp();
            Expire(now);
            var excess = _grants.Count + permitCount - _permitLimit;
            if (excess <= 0)
            {
                for (var i = 0; i < permitCount; i++)
                {
                    _grants.Enqueue(now);
                }

                _granted++;
                return WindowLease.Granted;
            }

            // The excess-th oldest grant has to leave the window first.
            var freedBy = _grants.ElementAt(excess - 1);
            _refused++;
            return WindowLease.Refused(_window - _time.GetElapsedTime(freedBy, now));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    protected override void Dispose(bool disposing)
    {
        lock (_lock)
        {
            if (_isDisposed)
            {
                return;
            }

            _isDisposed = true;
        }

        _disposed?.Invoke();
        base.Dispose(disposing);
    }

    private void Expire(long now)
    {
        while (_grants.TryPeek(out var oldest) && _time.GetElapsedTime(oldest, now) >= _window)
        {
            _grants.Dequeue();
            if (_grants.Count == 0)
            {
                _idleSince = oldest + (long)(_window.TotalSeconds * _time.TimestampFrequency);
            }
        }
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = after;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
