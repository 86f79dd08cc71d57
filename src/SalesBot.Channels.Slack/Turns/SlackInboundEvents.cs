using NodaTime;
using SalesBot.Channels.Slack.Members;
using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Turns;

/// <summary>Makes the channel-neutral <see cref="InboundEvent"/> from a <see cref="SlackTurn"/>: the DM to answer in, and the member's time zone.</summary>
public sealed class SlackInboundEvents(SlackProfiles profiles, SlackDirectChannels directChannels, IClock clock)
{
    public const string ChannelProperty = "slack.channel";

    public async Task<InboundEvent> CreateAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var profile = await profiles.GetAsync(turn.TeamId, turn.UserId, cancellationToken);
        var conversation = turn.ChannelId ?? await directChannels.GetAsync(turn.TeamId, turn.UserId, cancellationToken);
        return new InboundEvent
        {
            Channel = Conversations.Messages.Channels.Slack,
            TenantId = turn.TeamId,
            UserId = turn.UserId,
            UserName = profile?.Name ?? turn.UserName,
            ConversationId = conversation,
            Scope = turn.Scope,
            // Slack shows an ephemeral message in a channel to one person only.
            CanReplyToSenderAlone = turn.Scope != ConversationScope.Personal,
            Kind = turn.Kind,
            Text = turn.Text,
            Submission = turn.Submission,
            EventId = turn.EventId,
            PressedMessageId = turn.PressedMessageTs,
            Timestamp = clock.GetCurrentInstant(),
            TimeZone = profile?.TimeZone,
            ChannelProperties = new Dictionary<string, string> { [ChannelProperty] = conversation },
        };
    }
}
