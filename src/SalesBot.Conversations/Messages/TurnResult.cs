namespace SalesBot.Conversations.Messages;

/// <summary>
/// What a flow answers to one <see cref="InboundEvent"/>. Posts to team channels and proactive
/// messages are not here: flows write them to the outbox so they survive a crash.
/// </summary>
public sealed record TurnResult
{
    public static TurnResult Nothing { get; } = new();

    /// <summary>Messages sent back into the conversation the event came from.</summary>
    public IReadOnlyList<OutboundMessage> Replies { get; init; } = [];

    /// <summary>
    /// In a shared conversation whose channel can show a reply to one person in place
    /// (<see cref="InboundEvent.CanReplyToSenderAlone"/>): replies only the sender sees.
    /// </summary>
    public IReadOnlyList<OutboundMessage> SenderOnlyReplies { get; init; } = [];

    /// <summary>
    /// When the event was a form submit that succeeded: a read-only summary that replaces the submitted
    /// form (Teams refreshes the card; Slack closes the modal and updates the message).
    /// </summary>
    public OutboundMessage? ReplacesSubmittedForm { get; init; }

    /// <summary>
    /// When the event was a button press on a post in a shared channel (a win's kudos button): the post
    /// as it should now look for everyone, updated in place (Teams: the card update and the invoke answer;
    /// Slack: <c>chat.update</c>; playground: the transcript). The flow has checked that the pressed
    /// message is that post.
    /// </summary>
    public OutboundMessage? UpdatesPressedPost { get; init; }

    /// <summary>
    /// The channel's id of that post, as recorded when it was sent; for channels whose clients do not say
    /// which message was pressed (the playground).
    /// </summary>
    public string? UpdatesPressedPostId { get; init; }

    /// <summary>
    /// When the event was a form submit that failed: the problem per input id ("" for the form as a
    /// whole). Slack shows them in the modal; the replies also say them in words.
    /// </summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    public static TurnResult Reply(params OutboundMessage[] messages) => new() { Replies = messages };

    public static TurnResult Reply(string text) => Reply(OutboundMessage.Plain(text));
}
