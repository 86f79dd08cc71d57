namespace SalesBot.Channels.Teams.Connector;

/// <summary>
/// Teams' per-bot, per-conversation send limits (7 per second, 8 per 2 seconds, 60 per 30 seconds)
/// as sliding windows. A send reserves the earliest slot that keeps every window within its limit;
/// the caller waits until then, or hands the message back when that is too far away.
/// </summary>
public sealed class ConversationRateLimiter(TimeProvider time)
{
    private static readonly (TimeSpan Window, int Limit)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
    ];

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    private const int PruneAbove = 1000;

    private readonly Dictionary<string, List<DateTimeOffset>> _sends = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Reserves a send in <paramref name="conversationId"/> if it can go within <paramref name="maxWait"/>;
    /// <paramref name="wait"/> is how long to wait before sending (or, when refused, until a slot frees up).
    /// </summary>
    public bool TryReserve(string conversationId, TimeSpan maxWait, out TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_sends.Count > PruneAbove)
            {
                Prune(now);
            }

            if (!_sends.TryGetValue(conversationId, out var sends))
            {
                sends = [];
                _sends[conversationId] = sends;
            }

            sends.RemoveAll(t => t <= now - Longest);
            // Sends go out in reservation order: never before one already reserved.
            var at = sends.Count > 0 && sends[^1] > now ? sends[^1] : now;
            bool moved;
            do
            {
                moved = false;
                foreach (var (window, limit) in Limits)
                {
                    var inWindow = sends.Where(t => t > at - window).ToList();
                    if (inWindow.Count >= limit)
                    {
                        // Wait until the oldest of the last `limit` sends leaves the window.
                        var candidate = inWindow[inWindow.Count - limit] + window;
                        if (candidate > at)
                        {
                            at = candidate;
                            moved = true;
                        }
                    }
                }
            }
            while (moved);

            wait = at - now;
            if (wait > maxWait)
            {
                return false;
            }

            sends.Add(at);
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _sends.Where(p => p.Value.TrueForAll(t => t <= now - Longest)).Select(p => p.Key).ToList())
        {
            _sends.Remove(key);
        }
    }
}
