using NodaTime;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Channels.Slack.Outbound;

/// <summary>
/// Delivers outbox messages (win posts, prompts) into a stored Slack conversation. Throttling is not
/// waited out here: a 429 goes back to the outbox as "retry after", which survives a restart.
/// </summary>
public sealed class SlackMessenger(SlackApiClient api) : IChannelMessenger
{
    private static readonly Duration TransientRetry = Duration.FromSeconds(30);

    public string Channel => Conversations.Messages.Channels.Slack;

    public async Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (to, message) = (delivery.To, delivery.Message);
        try
        {
            var channel = to.ConversationId is { Length: > 0 } id
                ? id
                : await api.OpenConversationAsync(to.TenantId, to.UserId ?? throw new SlackApiException("conversations.open", "user_not_found"), cancellationToken);
            await api.PostMessageOnceAsync(to.TenantId, channel, BlockKitMessageRenderer.Message(message), cancellationToken);
            return DeliveryResult.Sent;
        }
        catch (SlackRateLimitedException ex)
        {
            return DeliveryResult.Retry(Duration.FromTimeSpan(ex.RetryAfter), ex.Error);
        }
        catch (SlackApiException ex) when (ex.IsPermanent)
        {
            return DeliveryResult.Reject(ex.Error);
        }
        catch (SlackApiException ex)
        {
            return DeliveryResult.Retry(TransientRetry, ex.Error);
        }
    }
}
