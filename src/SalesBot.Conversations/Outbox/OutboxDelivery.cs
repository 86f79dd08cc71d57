using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Outbox;

/// <summary>
/// One send of an outbox message. <see cref="Key"/> is the outbox idempotency key; a channel that can
/// read its own history uses it to find a copy an earlier attempt already posted.
/// <see cref="MayHaveBeenSent"/> is true when an earlier lease of the message may have sent it and
/// died before recording the outcome, so a messenger that can check should look before posting again.
/// </summary>
public sealed record OutboxDelivery(ConversationReference To, OutboundMessage Message, string Key, bool MayHaveBeenSent);
