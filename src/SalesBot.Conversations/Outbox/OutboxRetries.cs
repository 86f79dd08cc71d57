using NodaTime;
using NodaTime.Text;

namespace SalesBot.Conversations.Outbox;

/// <summary>When a post may be sent again, and what it looks like when it is: the one rule both stores and the manager's command follow.</summary>
public static class OutboxRetries
{
    /// <summary>The statuses someone should look at, and the only ones that can be retried.</summary>
    public static IReadOnlyList<OutboxStatus> Problems { get; } = [OutboxStatus.Failed, OutboxStatus.DeadLettered];

    /// <summary>Why <paramref name="message"/> cannot be retried at <paramref name="now"/>, or null when it can.</summary>
    public static string? RefusalReason(OutboxMessage message, Instant now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Status switch
        {
            OutboxStatus.Failed or OutboxStatus.DeadLettered when message.ExpiresAt is { } expiry && expiry <= now =>
                $"It stopped being worth sending at {InstantPattern.General.Format(expiry)}.",
            OutboxStatus.Failed or OutboxStatus.DeadLettered => null,
            OutboxStatus.Pending => "It is still waiting to be sent.",
            OutboxStatus.Sent => "It was sent already.",
            OutboxStatus.Withdrawn => "It was withdrawn: it was no longer wanted when its turn came.",
            OutboxStatus.Skipped => "It was skipped: its time passed while the service was down.",
            _ => $"Its status {message.Status} cannot be retried.",
        };
    }

    /// <summary>The post back to pending, due at <paramref name="now"/>, with no attempts; its last error is kept until the next outcome.</summary>
    public static OutboxMessage Retried(OutboxMessage message, Instant now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { Status = OutboxStatus.Pending, Attempts = 0, NextAttemptAt = now, LeaseOwner = null, SentAt = null };
    }
}
