using NodaTime;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// Messages waiting to be sent. They are added through <see cref="Ports.ChangeSet.Enqueue"/>, in the
/// same commit as the turn that caused them; dispatchers then lease them one by one with a
/// conditional write, so two instances never send the same message.
/// </summary>
public interface IOutbox
{
    Task<OutboxMessage?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="max"/> pending messages due at <paramref name="now"/> to
    /// <paramref name="owner"/> until <paramref name="leaseUntil"/>. Each lease is a conditional write: a
    /// message another dispatcher leased first is skipped. A lease counts as an attempt, so a message
    /// whose sending kills the process still runs out of attempts.
    /// </summary>
    Task<IReadOnlyList<OutboxLease>> ClaimDueAsync(Instant now, string owner, Instant leaseUntil, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the outcome of a delivery attempt (sent, retry later, failed, dead-lettered) if the lease
    /// is still held; false when it expired and another dispatcher took the message over.
    /// </summary>
    Task<bool> CompleteAsync(OutboxLease lease, OutboxMessage outcome, CancellationToken cancellationToken = default);
}

/// <summary>A message leased to one dispatcher, with the version the lease was written at.</summary>
public sealed record OutboxLease(OutboxMessage Message, string Version);
