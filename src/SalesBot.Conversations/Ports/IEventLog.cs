using NodaTime;

namespace SalesBot.Conversations.Ports;

/// <summary>
/// Inbound events being handled or handled already, so a Slack retry or a re-delivered Teams activity
/// never produces a second check-in or a second post. A turn claims its event when it starts and
/// marks it done in the same commit as its effects (<see cref="ChangeSet.CompleteEvent"/>). A claim whose
/// turn died expires, and the channel's redelivery is then handled again.
/// </summary>
public interface IEventLog
{
    Task<EventClaim> TryClaimAsync(string key, Instant now, Duration hold, CancellationToken cancellationToken = default);

    /// <summary>Drops this turn's claim: it changed nothing, so the same event may be handled again.</summary>
    Task ReleaseAsync(string key, CancellationToken cancellationToken = default);
}

public enum EventClaim
{
    /// <summary>This turn handles the event.</summary>
    Claimed,

    /// <summary>Another turn holds an unexpired claim.</summary>
    InProgress,

    /// <summary>Handled already.</summary>
    Done,
}
