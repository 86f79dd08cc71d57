namespace SalesBot.Conversations.Outbox;

/// <summary>
/// Asked right before a message is sent whether it is still wanted: a prompt queued at nine is not,
/// once the rep has checked in at five past. Queuing and sending are apart in time, so the answer at
/// queue time is not enough.
/// </summary>
public interface IDeliveryCheck
{
    /// <summary>Why the message is no longer wanted, or null when it is (or this check has no say in it).</summary>
    Task<string?> WithdrawReasonAsync(OutboxMessage message, CancellationToken cancellationToken);
}
