using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// In a team channel or a group chat everyone reads the answer, so a person's numbers, blockers,
/// forms and reflections never go there: the answer is shown to the person alone where the channel
/// can (Slack's ephemeral messages), or goes to their 1:1 chat through the outbox with a short note in
/// the channel that says where to look.
/// </summary>
public sealed class SharedConversations(IConversationReferenceStore references, IClock clock)
{
    /// <summary>
    /// Answers that are the same for everyone and may stay in the channel: a win (posted there anyway) and
    /// the bot's general replies. Kudos says nothing private and picks where to answer itself.
    /// </summary>
    public static bool MayAnswerInChannel(IFlow? flow) => flow is null or WinFlow or KudosFlow;

    public async Task<TurnResult> KeepPrivateAsync(Turn turn, TurnResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(result);
        if (turn.Inbound.Scope == ConversationScope.Personal || result.Replies.Count == 0)
        {
            return result;
        }

        if (turn.Inbound.CanReplyToSenderAlone)
        {
            return new TurnResult { SenderOnlyReplies = result.Replies, FieldErrors = result.FieldErrors };
        }

        var name = turn.Member.DisplayName;
        if (result.FieldErrors.Count > 0)
        {
            // A rejected submit commits nothing, so nothing could be queued for the 1:1 chat either.
            return new TurnResult
            {
                Replies = [OutboundMessage.Plain($"{name}, that form belongs in our 1:1 chat. Open it there and try again.")],
                FieldErrors = result.FieldErrors,
            };
        }

        if (await references.FindAsync(RecipientKind.Member, turn.Member.Id, cancellationToken) is null)
        {
            // Nowhere private to answer yet; the outbox would only dead-letter it.
            return TurnResult.Reply($"{name}, I answer that in a 1:1 chat, so your numbers stay yours. Open a chat with SalesBot and say it there.");
        }

        var now = clock.GetCurrentInstant();
        var eventId = turn.Inbound.EventId ?? now.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < result.Replies.Count; i++)
        {
            // Keyed by the event, so a redelivered mention sends the private answer once.
            turn.Changes.Enqueue(new OutboxMessage
            {
                Key = $"private-reply:{turn.Inbound.Channel}:{eventId}:{i}",
                RecipientKind = RecipientKind.Member,
                RecipientId = turn.Member.Id,
                TeamId = turn.Team.Id,
                Message = result.Replies[i],
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return TurnResult.Reply($"{name}, I've answered you in our 1:1 chat, so your numbers stay between us.");
    }
}
