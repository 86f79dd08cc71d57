using System.Collections.Concurrent;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Conformance;

/// <summary>A messenger two instances can send through at once; it records every send.</summary>
public sealed class ConcurrentMessenger(string channel) : IChannelMessenger
{
    private readonly ConcurrentQueue<(ConversationReference To, OutboundMessage Message)> _sent = new();

    public string Channel { get; } = channel;

    public IReadOnlyList<(ConversationReference To, OutboundMessage Message)> Sent => [.. _sent];

    public Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        _sent.Enqueue((delivery.To, delivery.Message));
        return Task.FromResult(DeliveryResult.Sent);
    }
}
