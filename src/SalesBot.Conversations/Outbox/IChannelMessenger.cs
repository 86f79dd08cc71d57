using NodaTime;
using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Outbox;

/// <summary>Sends a message into a stored conversation of one channel (Teams connector, Slack Web API).</summary>
public interface IChannelMessenger
{
    /// <summary>The channel this messenger serves, e.g. <see cref="Channels.Teams"/>.</summary>
    string Channel { get; }

    /// <summary>
    /// Sends <see cref="OutboxDelivery.Message"/> to <see cref="OutboxDelivery.To"/>. Throttling and transient
    /// failures come back as <see cref="DeliveryStatus.RetryLater"/> (the outbox waits, not the call).
    /// </summary>
    Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default);
}

public enum DeliveryStatus
{
    Sent,

    /// <summary>Throttled or a transient failure: try again after <see cref="DeliveryResult.RetryAfter"/>.</summary>
    RetryLater,

    /// <summary>Will never succeed (bot uninstalled, conversation gone).</summary>
    Rejected,
}

/// <param name="MessageId">
/// For a sent message, the channel's id of it (Teams activity id, Slack <c>ts</c>, playground activity id)
/// when the channel said, so that it can be updated in place later and a button press on it checked.
/// </param>
public sealed record DeliveryResult(DeliveryStatus Status, Duration? RetryAfter = null, string? Error = null, string? MessageId = null)
{
    /// <summary>
    /// Nothing left the process: this instance's share of the channel's rate limit was spent. The outbox waits
    /// <see cref="RetryAfter"/> without using up an attempt, so a long fan-out never fails a message for waiting its turn.
    /// </summary>
    public bool NotAttempted { get; init; }

    public static DeliveryResult Sent { get; } = new(DeliveryStatus.Sent);

    /// <summary>Sent, as the message the channel knows by <paramref name="messageId"/>.</summary>
    public static DeliveryResult SentAs(string? messageId) => new(DeliveryStatus.Sent, MessageId: messageId);

    /// <summary>Try again after <paramref name="after"/> (the server's Retry-After), or when the outbox's backoff says, if null.</summary>
    public static DeliveryResult Retry(Duration? after, string error) => new(DeliveryStatus.RetryLater, after, error);

    /// <summary>Not sent, and not attempted: the channel's rate limit (this instance's share) has room again after <paramref name="after"/>.</summary>
    public static DeliveryResult Throttled(Duration after, string error) => new(DeliveryStatus.RetryLater, after, error) { NotAttempted = true };

    public static DeliveryResult Reject(string error) => new(DeliveryStatus.Rejected, null, error);
}
