using Microsoft.Extensions.Caching.Memory;
using SalesBot.Conversations.Caching;

namespace SalesBot.Channels.Teams.Connector;

/// <summary>
/// Teams' per-bot, per-conversation send limits (7 per second, 8 per 2 seconds, 60 per 30 seconds)
/// as sliding windows. A send reserves the earliest slot that keeps every window within its limit;
/// the caller waits until then, or hands the message back when that is too far away. A
/// conversation's sends are kept only until its last one leaves the longest window, for a bounded
/// number of conversations; one dropped when the bound is hit is paced by Teams' own 429s instead.
/// </summary>
public sealed class ConversationRateLimiter : IDisposable
{
    public const int DefaultMaxConversations = 10_000;

    private static readonly (TimeSpan Window, int Limit)[] Limits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
    ];

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly MemoryCache _sends;
    private readonly Lock _lock = new();

    public ConversationRateLimiter(TimeProvider time)
        : this(time, DefaultMaxConversations)
    {
    }

    internal ConversationRateLimiter(TimeProvider time, int maxConversations)
    {
        _time = time;
        _sends = BoundedCache.Create(time, maxConversations);
    }

    /// <summary>Conversations held (expired ones may linger until the next compaction).</summary>
    internal int Count => _sends.Count;

    /// <summary>Whether sends are held for the conversation (an expired entry is not).</summary>
    internal bool Tracks(string conversationId) => _sends.TryGetValue(conversationId, out List<DateTimeOffset>? _);

    /// <summary>
    /// Reserves a send in <paramref name="conversationId"/> if it can go within <paramref name="maxWait"/>;
    /// <paramref name="wait"/> is how long to wait before sending (or, when refused, until a slot frees up).
    /// </summary>
    public bool TryReserve(string conversationId, TimeSpan maxWait, out TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_sends.TryGetValue(conversationId, out List<DateTimeOffset>? sends) || sends is null)
            {
                sends = [];
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
            // The sends matter until the newest leaves the longest window; after that, forgetting them changes nothing.
            _sends.Set(conversationId, sends, BoundedCache.Until(at + Longest));
            return true;
        }
    }

    public void Dispose() => _sends.Dispose();
}
