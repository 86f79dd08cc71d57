using Microsoft.Extensions.Caching.Memory;
using SalesBot.Conversations.Caching;

namespace SalesBot.Channels.Slack.Security;

/// <summary>
/// Signatures accepted within the replay window. A request presented a second time with the same
/// signature is a replay (Slack's own retries carry a new timestamp, so a new signature).
/// Per process and bounded: behind several instances each remembers its own, and a signature not
/// remembered (the cache full under a flood) is still kept from doing anything twice by the
/// engine's event dedupe.
/// </summary>
internal sealed class SeenSignatures : IDisposable
{
    /// <summary>Far above Slack's request rate over two replay windows for one instance.</summary>
    public const int DefaultMaxEntries = 50_000;

    private readonly TimeProvider _time;
    private readonly MemoryCache _seen;
    private readonly Lock _gate = new();

    public SeenSignatures(TimeProvider time)
        : this(time, DefaultMaxEntries)
    {
    }

    internal SeenSignatures(TimeProvider time, int maxEntries)
    {
        _time = time;
        _seen = BoundedCache.Create(time, maxEntries);
    }

    /// <summary>How many signatures are held (expired ones may linger until the next compaction).</summary>
    internal int Count => _seen.Count;

    /// <summary>Remembers <paramref name="signature"/> until <paramref name="window"/> has passed; false if already seen.</summary>
    public bool TryRemember(string signature, TimeSpan window)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            // An expired entry reads as absent.
            if (_seen.TryGetValue(signature, out _))
            {
                return false;
            }

            // Timestamps may be up to one window in the future too.
            _seen.Set(signature, true, BoundedCache.Until(now + window + window));
            return true;
        }
    }

    public void Dispose() => _seen.Dispose();
}
