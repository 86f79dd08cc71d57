using NodaTime;
using SalesBot.Channels.Teams.Activities;
using SalesBot.Channels.Teams.Cards;
using SalesBot.Conversations.Messages;

namespace SalesBot.Host.Playground;

/// <summary>The bot's side of a playground conversation: Adaptive Cards with Action.Submit, as Web Chat expects.</summary>
public static class BotActivities
{
    public static readonly ChannelAccount Bot = new() { Id = "salesbot", Name = "SalesBot", Role = "bot" };

    /// <param name="chartUrl">Charts are fetched by the page from the Host itself, so a path relative to it is enough.</param>
    public static Activity From(OutboundMessage message, Instant now, string? replyToId, ChartUrl? chartUrl = null)
    {
        var activity = ActivityMapper.ToActivity(message, CardActionStyle.Submit, chartUrl);
        activity.From = Bot;
        activity.ChannelId = "webchat";
        activity.Timestamp = now.ToDateTimeOffset();
        activity.ReplyToId = replyToId;
        return activity;
    }
}
