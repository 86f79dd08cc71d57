using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;

namespace SalesBot.Conversations.Caching;

/// <summary>
/// Per-process caches hold at most a fixed number of entries (each entry has size 1) and read time
/// from the injected <see cref="TimeProvider"/>, so expiry follows the fake clock in tests. When a
/// cache is full, a new entry is dropped and the cache compacts itself in the background (expired
/// entries first, then the least recently used).
/// </summary>
public static class BoundedCache
{
    public static MemoryCache Create(TimeProvider time, long maxEntries)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        return new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = maxEntries,
            Clock = new TimeProviderClock(time),
            CompactionPercentage = 0.1,
        });
    }

    /// <summary>An entry that counts as one against the cache's size limit and expires at <paramref name="until"/>.</summary>
    public static MemoryCacheEntryOptions Until(DateTimeOffset until) => new() { Size = 1, AbsoluteExpiration = until };

    /// <summary>An entry that counts as one and expires once unused for <paramref name="idle"/>.</summary>
    public static MemoryCacheEntryOptions IdleFor(TimeSpan idle) => new() { Size = 1, SlidingExpiration = idle };

    private sealed class TimeProviderClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
