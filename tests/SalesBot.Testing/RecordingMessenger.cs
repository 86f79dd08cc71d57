using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Testing;

/// <summary>A channel messenger that records what it was asked to send; it can be told to throttle.</summary>
public sealed class RecordingMessenger(string channel) : IChannelMessenger
{
    private readonly List<(ConversationReference To, OutboundMessage Message)> _sent = [];

    public string Channel { get; } = channel;

    public IReadOnlyList<(ConversationReference To, OutboundMessage Message)> Sent => _sent;

    public Queue<DeliveryResult> NextResults { get; } = new();

    public Task<DeliveryResult> SendAsync(ConversationReference to, OutboundMessage message, CancellationToken cancellationToken = default)
    {
        if (NextResults.TryDequeue(out var result) && result.Status != DeliveryStatus.Sent)
        {
            return Task.FromResult(result);
        }

        _sent.Add((to, message));
        return Task.FromResult(DeliveryResult.Sent);
    }
}
