using SalesBot.Conversations.Messages;

namespace SalesBot.Channels.Slack.Turns;

/// <summary>
/// One thing a member did in Slack, in the words the adapter needs: who, where the answer goes, and
/// what. <see cref="ChannelId"/> is null when the answer goes to the member's DM, still to be opened.
/// </summary>
public sealed record SlackTurn
{
    public required string TeamId { get; init; }
    public required string UserId { get; init; }
    public string? UserName { get; init; }

    /// <summary>The conversation replies go to: a DM (<c>D…</c>) or, for a mention, the channel.</summary>
    public string? ChannelId { get; init; }

    public ConversationScope Scope { get; init; } = ConversationScope.Personal;
    public InboundEventKind Kind { get; init; } = InboundEventKind.Message;
    public string? Text { get; init; }
    public FormSubmission? Submission { get; init; }

    /// <summary>Stable across Slack's redeliveries: <c>event_id</c>, trigger id, or view id plus values.</summary>
    public required string EventId { get; init; }

    /// <summary>Replies to a mention in a channel go into its thread.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>The message whose button was pressed (<c>message.ts</c>), for the flow to check against its own record.</summary>
    public string? PressedMessageTs { get; init; }

    /// <summary>The message whose button opened the submitted form, updated with the summary afterwards.</summary>
    public string? FormMessageTs { get; init; }
}
