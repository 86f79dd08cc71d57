using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Testing;

/// <summary>A channel messenger that records what it was asked to send; it can be told to throttle.</summary>
public sealed class RecordingMessenger(string channel) : IChannelMessenger
{
    private readonly List<(ConversationReference To, OutboundMessage Message)> _sent = [];
    private readonly List<OutboxDelivery> _deliveries = [];

    public string Channel { get; } = channel;

    public IReadOnlyList<(ConversationReference To, OutboundMessage Message)> Sent => _sent;

    /// <summary>Every delivery that was sent, with its outbox key and whether it may have been sent before.</summary>
    public IReadOnlyList<OutboxDelivery> Deliveries => _deliveries;

    public Queue<DeliveryResult> NextResults { get; } = new();

    public Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        // The dispatcher may send several at once.
        lock (_deliveries)
        {
            if (NextResults.TryDequeue(out var result) && result.Status != DeliveryStatus.Sent)
            {
                return Task.FromResult(result);
            }

            _sent.Add((delivery.To, delivery.Message));
            _deliveries.Add(delivery);
            // Like a real channel, it says what it calls the message (a Teams activity id, a Slack ts).
            return Task.FromResult(DeliveryResult.SentAs($"msg-{_sent.Count}"));
        }
    }
}
