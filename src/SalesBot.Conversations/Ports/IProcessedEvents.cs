using NodaTime;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// Remembers events already handled, so a Slack retry or a re-delivered Teams activity never
/// produces a second check-in or a second post.
/// </summary>
public interface IProcessedEvents
{
    /// <summary>Records <paramref name="key"/>; returns false when it was recorded before.</summary>
    Task<bool> TryMarkAsync(string key, Instant at, CancellationToken cancellationToken = default);

    /// <summary>Forgets <paramref name="key"/>, so the same event may be handled again (it changed nothing).</summary>
    Task ForgetAsync(string key, CancellationToken cancellationToken = default);
}
