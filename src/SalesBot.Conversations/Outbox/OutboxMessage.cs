using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// A proactive message or channel post, written before it is sent. Added with any status but
/// <see cref="OutboxStatus.Pending"/> (e.g. <see cref="OutboxStatus.Skipped"/>), it is a record that keeps its key from being sent. The <see cref="Key"/> is an
/// idempotency key such as <c>win:{winId}</c> or <c>checkin-prompt:{member}:{date}</c>: enqueuing the
/// same key twice keeps the first, so a retry or a second instance never sends twice.
/// </summary>
public sealed record OutboxMessage
{
    public required string Key { get; init; }
    public required RecipientKind RecipientKind { get; init; }
    public required string RecipientId { get; init; }
    public required OutboundMessage Message { get; init; }
    public required Instant CreatedAt { get; init; }
    public OutboxStatus Status { get; init; } = OutboxStatus.Pending;
    public int Attempts { get; init; }
    public Instant NextAttemptAt { get; init; }
    public Instant? SentAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>
    /// Once sent: where it went and the channel's id of it (Teams activity id, Slack <c>ts</c>), when the
    /// channel said. A win's kudos button press is checked against these before the post is updated.
    /// </summary>
    public SentMessage? Sent { get; init; }

    /// <summary>
    /// The team the message belongs to: the team whose channel it is posted in, or the recipient
    /// member's team. Lets a manager see their team's deliveries, and the dispatcher read a member's
    /// schedule (quiet hours, time away) right before sending.
    /// </summary>
    public string? TeamId { get; init; }

    /// <summary>The member a team post is about (whose win it celebrates), so their choices can be read right before it goes out; null otherwise.</summary>
    public string? AboutMemberId { get; init; }

    /// <summary>When the message stops being worth sending (a day's check-in prompt after that day's working hours); null for never.</summary>
    public Instant? ExpiresAt { get; init; }

    /// <summary>The dispatcher holding the lease while it sends; <see cref="NextAttemptAt"/> is then when the lease ends.</summary>
    public string? LeaseOwner { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is not OutboxStatus.Pending;
}

/// <summary>The conversation a message was posted in and the channel's id of the message there (null when unknown).</summary>
public sealed record SentMessage(string ConversationId, string? MessageId);

public enum OutboxStatus
{
    Pending,
    Sent,

    /// <summary>Gave up: the channel refused it for good (uninstalled, conversation gone) or too many failures.</summary>
    Failed,

    /// <summary>No longer wanted when its turn came (the rep checked in before their prompt went out); never sent.</summary>
    Withdrawn,

    /// <summary>Its time passed while the service was down, beyond the catch-up grace window; recorded, never sent.</summary>
    Skipped,

    /// <summary>Set aside with its reason: nowhere to deliver it (a team with no channel, a member who never opened a chat).</summary>
    DeadLettered,
}
