using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Slack.Rendering;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Channels.Slack.Outbound;

/// <summary>
/// Delivers outbox messages (win posts, prompts) into a stored Slack conversation. Throttling is not
/// waited out here beyond the client's short inline retries: a 429 goes back to the outbox as "retry
/// after", which survives a restart. Every post carries its outbox key as message metadata, so a resend
/// after a crash (<see cref="OutboxDelivery.MayHaveBeenSent"/>) first looks through the channel's recent
/// history and does not post a second copy.
/// </summary>
public sealed partial class SlackMessenger(SlackApiClient api, TimeProvider time, ILogger<SlackMessenger> logger, ChartLinks? charts = null) : IChannelMessenger
{
    /// <summary>The metadata event type of outbox posts; its payload is <c>{"key":"&lt;outbox key&gt;"}</c>.</summary>
    public const string MetadataEventType = "salesbot_outbox";

    /// <summary>How far back a resend looks for an earlier copy of itself.</summary>
    public static readonly TimeSpan DedupeWindow = TimeSpan.FromHours(24);


    public string Channel => Conversations.Messages.Channels.Slack;

    public async Task<DeliveryResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var to = delivery.To;
        try
        {
            var channel = to.ConversationId is { Length: > 0 } id
                ? id
                : await api.OpenConversationAsync(to.TenantId, to.UserId ?? throw new SlackApiException("conversations.open", "user_not_found"), cancellationToken);
            if (delivery.MayHaveBeenSent && await AlreadyPostedAsync(to.TenantId, channel, delivery.Key, cancellationToken) is { } earlier)
            {
                LogAlreadyPosted(logger, delivery.Key, channel);
                return DeliveryResult.SentAs(earlier.Length > 0 ? earlier : null);
            }

            var message = BlockKitMessageRenderer.Message(delivery.Message, charts is null ? null : charts.UrlFor);
            message["metadata"] = new JsonObject
            {
                ["event_type"] = MetadataEventType,
                ["event_payload"] = new JsonObject { ["key"] = delivery.Key },
            };
            // The ts: a kudos press on a post is checked against it, and chat.update needs it.
            return DeliveryResult.SentAs(await api.PostMessageOnceAsync(to.TenantId, channel, message, cancellationToken));
        }
        catch (SlackApiException ex) when (ex.IsPermanent)
        {
            return DeliveryResult.Reject(ex.Error);
        }
        catch (SlackApiException ex)
        {
            // Without the server's Retry-After, the outbox backs off (30 s, 1 min, 2 min …).
            return DeliveryResult.Retry(ex.RetryAfter is { } after ? Duration.FromTimeSpan(after) : null, ex.Error);
        }
    }

    /// <summary>The ts of an earlier copy of the post ("" when Slack gave none), or null when there is none.</summary>
    private async Task<string?> AlreadyPostedAsync(string teamId, string channel, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await api.FindPostWithMetadataAsync(teamId, channel, MetadataEventType, key, time.GetUtcNow() - DedupeWindow, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.IsPermanent)
        {
            // A workspace installed before the history scopes were asked for: post, as before (a duplicate is possible).
            LogCannotCheck(logger, key, channel, ex.Error);
            return null;
        }
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Outbox message {Key} is already in Slack channel {Channel}; not posting it again")]
    private static partial void LogAlreadyPosted(ILogger logger, string key, string channel);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Could not check Slack channel {Channel} for an earlier copy of outbox message {Key} ({Error}); posting it")]
    private static partial void LogCannotCheck(ILogger logger, string key, string channel, string error);
}
