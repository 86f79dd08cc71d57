using System.Collections.Concurrent;

namespace SalesBot.Channels.Slack.Security;

/// <summary>
/// Signatures accepted within the replay window. A request presented a second time with the same
/// signature is a replay (Slack's own retries carry a new timestamp, so a new signature).
/// Per process: behind several instances each remembers its own, and the engine's event dedupe
/// still keeps a replay from doing anything twice.
/// </summary>
internal sealed class SeenSignatures(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _adds;

    /// <summary>Remembers <paramref name="signature"/> until <paramref name="window"/> has passed; false if already seen.</summary>
    public bool TryRemember(string signature, TimeSpan window)
    {
        var now = time.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % 256 == 0)
        {
            Forget(now);
        }

        var expires = now + window + window; // timestamps may be up to one window in the future too
        if (_seen.TryAdd(signature, expires))
        {
            return true;
        }

        if (_seen.TryGetValue(signature, out var until) && until < now && _seen.TryUpdate(signature, expires, until))
        {
            return true;
        }

        return false;
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (signature, until) in _seen)
        {
            if (until < now)
            {
                _seen.TryRemove(signature, out _);
            }
        }
    }
}
