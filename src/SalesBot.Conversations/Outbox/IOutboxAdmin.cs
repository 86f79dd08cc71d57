using NodaTime;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// What operators and managers see of delivery: how many posts are in each state, the latest ones of
/// a state, and a way to send a failed or dead-lettered post again. Optionally for one team (see
/// <see cref="OutboxTeams.TeamOf"/>). Reads are bounded: counts and a list of at most
/// <see cref="MaxList"/> posts, never a walk of the whole outbox.
/// </summary>
public interface IOutboxAdmin
{
    /// <summary>The longest list <see cref="ListRecentAsync"/> returns.</summary>
    public const int MaxList = 100;

    /// <summary>How many posts are in each status, for <paramref name="teamId"/> or for everyone when null.</summary>
    Task<OutboxCounts> CountAsync(string? teamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="max"/> (1..<see cref="MaxList"/>) most recently queued posts in one of
    /// <paramref name="statuses"/>, newest first, with the version each was read at.
    /// </summary>
    Task<IReadOnlyList<Stored<OutboxMessage>>> ListRecentAsync(
        IReadOnlyCollection<OutboxStatus> statuses, string? teamId, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a failed or dead-lettered post back to pending, due at <paramref name="now"/> with its
    /// attempts reset, if it is still as it was read (a post that changed meanwhile is not touched).
    /// Any other status is refused with the reason.
    /// </summary>
    Task<OutboxRetryResult> RetryAsync(string key, Instant now, CancellationToken cancellationToken = default);
}

/// <summary>Posts by status; statuses with none are absent or zero.</summary>
public sealed record OutboxCounts(IReadOnlyDictionary<OutboxStatus, long> ByStatus)
{
    public long this[OutboxStatus status] => ByStatus.TryGetValue(status, out var n) ? n : 0;

    /// <summary>Failed and dead-lettered: the ones someone should look at.</summary>
    public long Problems => this[OutboxStatus.Failed] + this[OutboxStatus.DeadLettered];
}

public enum OutboxRetryOutcome
{
    /// <summary>Back to pending, due now.</summary>
    Retried,

    /// <summary>No post has that key (or it was pruned after its retention).</summary>
    NotFound,

    /// <summary>Its status cannot be retried (sent, still pending, withdrawn, skipped, or expired).</summary>
    Refused,

    /// <summary>It changed between the read and the write (another retry, a dispatcher); nothing was written.</summary>
    Changed,
}

public sealed record OutboxRetryResult(OutboxRetryOutcome Outcome, string Reason)
{
    public bool Retried => Outcome == OutboxRetryOutcome.Retried;
}
