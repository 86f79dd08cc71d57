using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A teammate presses "👏 Kudos" on a win's post in the team channel (seed 002: celebrate together).
/// Each teammate counts once, the rep cannot cheer their own win, and the post updates in place to
/// show the count and the first names. Everything the button echoes (win, rep, channel, message) is
/// checked against the sender's team and the post as it was sent; a press that does not fit changes
/// nothing. Refusals are told to the presser alone where the channel can.
/// </summary>
public sealed class KudosFlow(IWinStore wins, IKudosStore kudos, IMemberStore members, IOutbox outbox, IClock clock) : IFlow
{
    public IReadOnlyList<string> Commands { get; } = [];

    public IReadOnlyList<string> Verbs { get; } = [KudosPost.Verb];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
        Task.FromResult(TurnResult.Nothing);

    public async Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        const string notFound = "I can't find that win in your team's channel, so no kudos were given. The post may be from another team or too old.";
        if (submission.Value(KudosPost.WinKey) is not { Length: > 0 } winId || submission.Value(KudosPost.RepKey) is not { Length: > 0 } repId)
        {
            return Privately(turn, "That kudos button is out of date. Give kudos on a win's post in your team's channel.");
        }

        var win = await wins.GetAsync(repId, winId, cancellationToken);
        if (win is null || win.TeamId != turn.Team.Id || win.MemberId != repId)
        {
            return Privately(turn, notFound);
        }

        if (await PressedOnThePostAsync(turn, win, cancellationToken) is not { } post)
        {
            return Privately(turn, notFound);
        }

        var rep = (await members.GetAsync(win.TeamId, win.MemberId, cancellationToken))?.Value;
        var stored = await kudos.GetAsync(win.MemberId, win.Id, cancellationToken);
        var current = stored?.Value ?? WinKudos.For(win);
        var now = clock.GetCurrentInstant();
        var (updated, outcome) = current.Give(new KudosGiver(turn.Member.Id, turn.Member.DisplayName, now));
        var repName = rep?.DisplayName ?? "your teammate";
        switch (outcome)
        {
            case KudosOutcome.OwnWin:
                return Privately(turn, $"That's your own win, {turn.Member.DisplayName}, so the kudos are for your teammates to give. Enjoy them! 👏");
            case KudosOutcome.AlreadyGiven:
                return Privately(turn, $"You've already given {repName} kudos on this win. Thanks for cheering them on! 👏");
        }

        // Expect the version read: a teammate's simultaneous press conflicts, and the engine runs this turn again on theirs.
        turn.Changes.PutKudos(updated, Expect.For(stored));
        KudosNotes.Stage(turn.Changes, win, updated, now);
        return rep is null
            ? TurnResult.Nothing
            : new TurnResult { UpdatesPressedPost = WinPosts.Post(win, rep, updated), UpdatesPressedPostId = post.MessageId };
    }

    /// <summary>
    /// The press came from the conversation the post was sent to and, when the channel names the pressed
    /// message, from the post itself (Teams activity id, Slack ts), as the dispatcher recorded when sending it.
    /// </summary>
    private async Task<SentMessage?> PressedOnThePostAsync(Turn turn, Win win, CancellationToken cancellationToken)
    {
        var inbound = turn.Inbound;
        if (inbound.Scope == ConversationScope.Personal
            || await outbox.GetAsync($"win:{win.Id}", cancellationToken) is not { Status: OutboxStatus.Sent, Sent: { } sent }
            || sent.ConversationId != inbound.ConversationId)
        {
            return null;
        }

        return inbound.PressedMessageId is null || sent.MessageId is null || sent.MessageId == inbound.PressedMessageId ? sent : null;
    }

    /// <summary>For the presser alone where the channel can show it so (Slack ephemeral, Teams invoke answer); else a short reply.</summary>
    private static TurnResult Privately(Turn turn, string text)
    {
        var message = OutboundMessage.Plain(text);
        return turn.Inbound.CanReplyToSenderAlone
            ? new TurnResult { SenderOnlyReplies = [message] }
            : TurnResult.Reply(message);
    }
}
