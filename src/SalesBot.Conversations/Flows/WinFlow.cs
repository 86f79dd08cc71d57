using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A rep logs a small win ("moved Acme to proposal") and the team channel celebrates it
/// (seeds 002, 004: every step that moves a prospect forward counts).
/// </summary>
public sealed class WinFlow(WinPosts winPosts, IConversationReferenceStore references, IClock clock) : IFlow
{
    public const string OpenVerb = "win.open";
    public const string SubmitVerb = "win.submit";
    public const string TextInputId = "win";

    public IReadOnlyList<string> Commands { get; } = ["win", "log win", "log a win"];

    public IReadOnlyList<string> Verbs { get; } = [OpenVerb, SubmitVerb];

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return string.IsNullOrWhiteSpace(argument)
            ? Task.FromResult(TurnResult.Reply(Form()))
            : LogAsync(turn, argument, fromForm: false, cancellationToken);
    }

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.Verb == OpenVerb
            ? Task.FromResult(TurnResult.Reply(Form()))
            : LogAsync(turn, submission.Value(TextInputId) ?? string.Empty, fromForm: true, cancellationToken);
    }

    private async Task<TurnResult> LogAsync(Turn turn, string text, bool fromForm, CancellationToken cancellationToken)
    {
        if (WinText.Problem(text) is { } problem)
        {
            return new TurnResult
            {
                Replies = [OutboundMessage.Plain(problem)],
                FieldErrors = new Dictionary<string, string> { [TextInputId] = problem },
            };
        }

        var trimmed = text.Trim();
        // A redelivered event carries the same id, so the same win is never posted twice.
        var id = turn.Inbound.EventId is { } eventId ? $"{turn.Inbound.Channel}:{eventId}" : Guid.NewGuid().ToString("N");
        var win = new Win
        {
            Id = id,
            MemberId = turn.Member.Id,
            TeamId = turn.Team.Id,
            Kind = WinText.Classify(trimmed),
            Text = trimmed,
            At = clock.GetCurrentInstant(),
        };
        await winPosts.CelebrateAsync(win, turn.Member, turn.Changes, cancellationToken);

        var hasChannel = await references.FindAsync(RecipientKind.Team, turn.Team.Id, cancellationToken) is not null;
        var reply = new OutboundMessage
        {
            Text = turn.Member.PostsOff
                ? RecognitionReplies.KeptPrivate
                : hasChannel
                ? $"🎉 Nice one! I've posted your win to {turn.Team.Name}'s channel."
                : "🎉 Nice one! I've saved your win. Add me to your team's channel and I'll post wins there.",
            Blocks = [new Heading("🎉 Win logged"), new Paragraph(trimmed)],
        };
        return new TurnResult { Replies = [reply], ReplacesSubmittedForm = fromForm ? reply : null };
    }

    public static OutboundMessage Form() => new()
    {
        Text = "Log a win: a prospect moved to the next stage, a meeting won, a deal closed.",
        Blocks = [new Heading("Log a win"), new Paragraph("Every step that moves a prospect forward is worth celebrating.")],
        Form = new Form(SubmitVerb, "Log a win",
            [new TextInput(TextInputId, "What happened?", MaxLength: Win.MaxTextLength, Placeholder: "Moved Acme to proposal", Required: true)],
            "Share with the team"),
    };
}
