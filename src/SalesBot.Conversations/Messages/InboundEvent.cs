using NodaTime;

namespace SalesBot.Conversations.Messages;

/// <summary>
/// Something a person did in a chat, translated by a channel adapter into words every flow
/// understands. Flows never see a Teams activity or a Slack payload.
/// </summary>
public sealed record InboundEvent
{
    /// <summary>Which chat: <see cref="Channels.Teams"/>, <see cref="Channels.Slack"/> or <see cref="Channels.Playground"/>.</summary>
    public required string Channel { get; init; }

    /// <summary>Teams tenant id, Slack team (workspace) id, or <c>local</c> for the playground.</summary>
    public required string TenantId { get; init; }

    /// <summary>The person's id in that channel (Teams <c>29:…</c>, Slack <c>U…</c>, playground member id).</summary>
    public required string UserId { get; init; }

    public string? UserName { get; init; }

    /// <summary>Where it happened; replies go back here.</summary>
    public required string ConversationId { get; init; }

    public ConversationScope Scope { get; init; } = ConversationScope.Personal;

    public InboundEventKind Kind { get; init; } = InboundEventKind.Message;

    /// <summary>Typed text with channel mark-up (mentions of the bot) already removed.</summary>
    public string? Text { get; init; }

    /// <summary>A submitted form or a pressed button.</summary>
    public FormSubmission? Submission { get; init; }

    /// <summary>The channel's own id for this event (Teams activity id, Slack event_id); used to drop duplicates.</summary>
    public string? EventId { get; init; }

    public required Instant Timestamp { get; init; }

    /// <summary>
    /// For a button press: the channel's id of the message the button was on (Teams <c>replyToId</c>,
    /// Slack <c>message.ts</c>), as the client sent it; null when the channel does not say (the
    /// playground). Flows check it against what they recorded when that message was sent.
    /// </summary>
    public string? PressedMessageId { get; init; }

    /// <summary>
    /// In a shared conversation, the channel can show a reply to the sender alone, in place (Slack's
    /// ephemeral messages). Otherwise a private answer goes to the sender's 1:1 chat.
    /// </summary>
    public bool CanReplyToSenderAlone { get; init; }

    /// <summary>The person's IANA time zone when the channel tells us (Teams localTimezone, Slack users.info tz).</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// What the channel needs to reach this conversation again later (Teams <c>serviceUrl</c>, bot id,
    /// Slack channel id…); stored with the conversation reference.
    /// </summary>
    public IReadOnlyDictionary<string, string> ChannelProperties { get; init; } = new Dictionary<string, string>();
}

public enum InboundEventKind
{
    /// <summary>Typed text.</summary>
    Message,

    /// <summary>A form submit or a button press; see <see cref="InboundEvent.Submission"/>.</summary>
    Submission,

    /// <summary>The bot was added for this person (Teams personal install, Slack App Home first open).</summary>
    Installed,

    /// <summary>The bot was added to a team channel; the channel becomes the team's win channel.</summary>
    AddedToChannel,
}

public enum ConversationScope
{
    Personal,
    Group,
    Channel,
}

public static class Channels
{
    public const string Teams = "msteams";
    public const string Slack = "slack";
    public const string Playground = "playground";
}
