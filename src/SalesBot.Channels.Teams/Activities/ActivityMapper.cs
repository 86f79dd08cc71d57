using System.Text.Json;
using NodaTime;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Teams.Activities;

/// <summary>
/// Translates between Bot Framework activities and the neutral model. Used by Teams and by the
/// Direct Line playground, which speak the same activity protocol.
/// </summary>
public static class ActivityMapper
{
    public const string ServiceUrlProperty = "serviceUrl";
    public const string BotIdProperty = "botId";
    public const string BotNameProperty = "botName";

    /// <summary>
    /// A message activity (typed text or an <c>Action.Submit</c>) as an inbound event, or null when it
    /// lacks what every event needs (a sender and a conversation).
    /// </summary>
    public static InboundEvent? FromMessage(Activity activity, string channel, string tenantId, Instant now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.From?.Id is not { Length: > 0 } userId || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        var submission = SubmissionReader.FromMessageValue(activity.Value);
        return new InboundEvent
        {
            Channel = channel,
            TenantId = tenantId,
            UserId = userId,
            UserName = activity.From.Name,
            ConversationId = conversationId,
            Scope = ScopeOf(activity.Conversation),
            Kind = submission is null ? InboundEventKind.Message : InboundEventKind.Submission,
            Text = MentionText.Strip(activity.Text),
            Submission = submission,
            EventId = activity.Id,
            Timestamp = activity.Timestamp is { } ts ? Instant.FromDateTimeOffset(ts) : now,
            TimeZone = activity.LocalTimezone,
            ChannelProperties = PropertiesOf(activity),
        };
    }

    public static ConversationScope ScopeOf(ConversationAccount? conversation) => conversation?.ConversationType switch
    {
        "channel" => ConversationScope.Channel,
        "groupChat" => ConversationScope.Group,
        _ when conversation?.IsGroup == true => ConversationScope.Group,
        _ => ConversationScope.Personal,
    };

    /// <summary>What is needed to reach the conversation later (proactive messages).</summary>
    public static IReadOnlyDictionary<string, string> PropertiesOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var properties = new Dictionary<string, string>();
        if (activity.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            properties[ServiceUrlProperty] = serviceUrl;
        }

        if (activity.Recipient?.Id is { Length: > 0 } botId)
        {
            properties[BotIdProperty] = botId;
        }

        if (activity.Recipient?.Name is { Length: > 0 } botName)
        {
            properties[BotNameProperty] = botName;
        }

        return properties;
    }

    /// <summary>
    /// A message activity: plain text, or a card when the message has more than text (then the text is
    /// the notification summary only, so clients do not show it twice).
    /// </summary>
    public static Activity ToActivity(OutboundMessage message, CardActionStyle style, ChartUrl? chartUrl = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = new Activity { Type = ActivityTypes.Message, Text = message.Text, TextFormat = "plain" };
        if (AdaptiveCardRenderer.NeedsCard(message))
        {
            activity.Text = null;
            activity.TextFormat = null;
            activity.Summary = message.Text;
            var card = AdaptiveCardRenderer.Render(message, style, chartUrl);
            activity.Attachments =
            [
                new Attachment { ContentType = AdaptiveCardRenderer.ContentType, Content = card },
            ];
        }

        return activity;
    }
}
