using NodaTime;
using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// Asked right before a message is sent whether it is still wanted, and whether now is the time: a
/// prompt queued at nine is not wanted once the rep checked in at five past, and a digest that comes
/// due after working hours waits for the morning. Queuing and sending are apart in time, so the answer
/// at queue time is not enough.
/// </summary>
public interface IDeliveryCheck
{
    Task<DeliveryDecision> DecideAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Send now (as queued, or as a message rebuilt from the current state), hold until later (no attempt
/// used up), or withdraw for good, with the reason.
/// </summary>
public sealed record DeliveryDecision(DeliveryVerdict Verdict, Instant? Until = null, string? Reason = null, OutboundMessage? Message = null)
{
    public static DeliveryDecision Send { get; } = new(DeliveryVerdict.Send);

    public static DeliveryDecision SendAs(OutboundMessage message) => new(DeliveryVerdict.Send, Message: message);

    public static DeliveryDecision Hold(Instant until, string reason) => new(DeliveryVerdict.Hold, until, reason);

    public static DeliveryDecision Withdraw(string reason) => new(DeliveryVerdict.Withdraw, null, reason);
}

public enum DeliveryVerdict
{
    Send,
    Hold,
    Withdraw,
}
