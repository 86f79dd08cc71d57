using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Host.Playground;

/// <summary>Delivers outbox messages (win posts, prompts) into playground conversations.</summary>
public sealed class PlaygroundMessenger(DirectLineConversations conversations, IClock clock, ChartLinks charts) : IChannelMessenger
{
    public string Channel => ChannelNames.Playground;

    public Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (to, message) = (delivery.To, delivery.Message);
        var conversation = conversations.FindForDelivery(to.ConversationId);
        if (conversation is null)
        {
            // Playground conversations live in memory; after a restart the person opens a new one.
            return Task.FromResult(DeliveryResult.Reject($"Playground conversation {to.ConversationId} is gone."));
        }

        var posted = conversation.Append(BotActivities.From(message, clock.GetCurrentInstant(), replyToId: null, charts.PathFor));
        return Task.FromResult(DeliveryResult.SentAs(posted.Id));
    }
}
