using NodaTime;

namespace SalesBot.Conversations.Outbox;

public interface IOutbox
{
    /// <summary>Adds the message unless its key is already present; returns false for a duplicate.</summary>
    Task<bool> TryEnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    Task<OutboxMessage?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending messages due at <paramref name="now"/>, moving their next
    /// attempt to <paramref name="leaseUntil"/> so that another dispatcher does not take them meanwhile.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(Instant now, Instant leaseUntil, int max, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of one delivery attempt (sent, retry later, or failed for good).</summary>
    Task UpdateAsync(OutboxMessage message, CancellationToken cancellationToken = default);
}
