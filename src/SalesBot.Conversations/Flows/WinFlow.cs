using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A rep logs a small win any time (seeds 002, 004: every step that moves a prospect forward counts):
/// in plain words ("win moved Acme to proposal", "win closed Contoso $12,000") or through the card or
/// modal, and the team channel celebrates it. A month's first deal earns a post of its own.
/// </summary>
public sealed class WinFlow(WinPosts winPosts, IWinStore wins, IConversationReferenceStore references, IClock clock) : IFlow
{
    public const string OpenVerb = "win.open";
    public const string SubmitVerb = "win.submit";

    /// <summary>The free-text input (kept for cards and modals made before the form had kinds).</summary>
    public const string TextInputId = WinForm.TextInput;

    public IReadOnlyList<string> Commands { get; } = ["win", "log win", "log a win"];

    public IReadOnlyList<string> Verbs { get; } = [OpenVerb, SubmitVerb];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (string.IsNullOrWhiteSpace(argument))
        {
            return Task.FromResult(TurnResult.Reply(WinForm.For(turn.Team)));
        }

        var reading = WinWords.Read(argument, turn.Team.Pipeline);
        return reading.Draft is { } draft
            ? LogAsync(turn, draft, fromForm: false, cancellationToken)
            : Task.FromResult(TurnResult.Reply(reading.Problem!));
    }

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Verb == OpenVerb)
        {
            return Task.FromResult(TurnResult.Reply(WinForm.For(turn.Team)));
        }

        var (reading, field) = WinSubmission.Read(submission, turn.Team.Pipeline);
        if (reading.Draft is { } draft)
        {
            return LogAsync(turn, draft, fromForm: true, cancellationToken);
        }

        // Nothing is stored: the reply says why, and the form comes back with the problem under its field.
        var errors = new Dictionary<string, string> { [field] = reading.Problem! };
        return Task.FromResult(new TurnResult
        {
            Replies = [OutboundMessage.Plain($"{reading.Problem} Nothing was logged yet."), WinForm.For(turn.Team, submission.Values, errors)],
            FieldErrors = errors,
        });
    }

    private async Task<TurnResult> LogAsync(Turn turn, WinDraft draft, bool fromForm, CancellationToken cancellationToken)
    {
        // A redelivered event carries the same id, so the same win is never posted twice.
        var id = turn.Inbound.EventId is { } eventId ? $"{turn.Inbound.Channel}:{eventId}" : Guid.NewGuid().ToString("N");
        var win = new Win
        {
            Id = id,
            MemberId = turn.Member.Id,
            TeamId = turn.Team.Id,
            Kind = draft.Kind,
            Text = draft.Text,
            At = clock.GetCurrentInstant(),
            Account = draft.Account,
            FromStage = draft.FromStage,
            ToStage = draft.ToStage,
            Amount = draft.Amount,
        };
        if (!fromForm && WinPosts.Sentence(win) is { } understood)
        {
            win = win with { Text = understood }; // the post says what was understood, so a misreading shows
        }

        await winPosts.CelebrateAsync(win, turn.Member, turn.Changes, cancellationToken);

        LagOutcome? quota = null;
        if (win.Kind == WinKind.DealClosed)
        {
            var month = LagOutcome.MonthOf(win.At, turn.Zone);
            var (from, to) = LagOutcome.Span(month, turn.Zone);
            // This deal is staged, not stored yet (or stored already, on a redelivery): counted once either way.
            var monthWins = (await wins.ListForMemberAsync(turn.Member.Id, from, to, cancellationToken)).Where(w => w.Id != win.Id).Append(win).ToList();
            if (monthWins.Count(w => w.Kind == WinKind.DealClosed) == 1)
            {
                await winPosts.CelebrateAsync(DetectedWins.FirstDealOfMonth(turn.Member, win, month), turn.Member, turn.Changes, cancellationToken);
            }

            quota = turn.Member.Quota is { IsEmpty: false } q ? LagOutcome.For(turn.Member.Id, month, turn.Zone, q, monthWins) : null;
        }

        var hasChannel = await references.FindAsync(RecipientKind.Team, turn.Team.Id, cancellationToken) is not null;
        var what = WinPosts.Sentence(win, turn.Member.Quota?.Currency) is { } sentence ? $"You {sentence}." : win.Text;
        var reply = QuotaProgress.AddTo(new OutboundMessage
        {
            Text = turn.Member.PostsOff
                ? RecognitionReplies.KeptPrivate
                : hasChannel
                ? $"🎉 Nice one! I've posted your win to {turn.Team.Name}'s channel."
                : "🎉 Nice one! I've saved your win. Add me to your team's channel and I'll post wins there.",
            Blocks = [new Heading("🎉 Win logged"), new Paragraph(what)],
        }, quota);
        return new TurnResult { Replies = [reply], ReplacesSubmittedForm = fromForm ? reply : null };
    }
}
