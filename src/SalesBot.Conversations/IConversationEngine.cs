using SalesBot.Conversations.Messages;

namespace SalesBot.Conversations;

/// <summary>
/// The one entry point every channel adapter calls: an inbound event in, the replies out. Safe to
/// call twice with the same <see cref="InboundEvent.EventId"/>: the second call does nothing.
/// </summary>
public interface IConversationEngine
{
    Task<TurnResult> HandleAsync(InboundEvent inbound, CancellationToken cancellationToken = default);
}
