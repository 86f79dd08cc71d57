using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>Celebration posts for the team channel, queued in the outbox under the win's id.</summary>
public sealed class WinPosts(IWinStore wins, IOutbox outbox)
{
    /// <summary>
    /// Stages the win and its post; a win whose post is queued already is neither stored nor posted
    /// again. The post, not the win, decides: a commit interrupted between the two (Cosmos DB has no
    /// transaction across them) stored the win without its post, and the redelivery must still post it.
    /// </summary>
    public async Task<bool> CelebrateAsync(Win win, Member member, ChangeSet changes, CancellationToken cancellationToken, Instant? sendAt = null)
    {
        ArgumentNullException.ThrowIfNull(win);
        ArgumentNullException.ThrowIfNull(changes);
        var key = $"win:{win.Id}";
        if (await outbox.GetAsync(key, cancellationToken) is not null
            || await wins.GetAsync(win.MemberId, win.Id, cancellationToken) is { } stored && stored.At < win.At - Retention.FinishedPosts)
        {
            return false; // queued (or sent) already, or posted so long ago that its post has been pruned
        }

        // Both writes are keyed by the win's deterministic id, so a re-run of this turn adds neither twice.
        changes.AddWin(win);
        changes.Enqueue(
            new OutboxMessage
            {
                Key = key,
                RecipientKind = RecipientKind.Team,
                RecipientId = win.TeamId,
                TeamId = win.TeamId,
                AboutMemberId = win.MemberId, // the cap, quiet hours and opt-out are decided right before sending (RecognitionCheck)
                Message = Post(win, member),
                CreatedAt = win.At,
                NextAttemptAt = sendAt ?? win.At,
            });
        return true;
    }

    /// <summary>The celebration post; <paramref name="kudos"/> (when teammates gave any) is shown on it, see <see cref="KudosPost"/>.</summary>
    public static OutboundMessage Post(Win win, Member member, WinKudos? kudos = null)
    {
        ArgumentNullException.ThrowIfNull(win);
        ArgumentNullException.ThrowIfNull(member);
        var (emoji, label) = win.Kind switch
        {
            WinKind.DealClosed => ("🏆", "Deal closed"),
            WinKind.MeetingWon => ("📅", "Meeting booked"),
            WinKind.StageAdvanced => ("🚀", "Moved to the next stage"),
            WinKind.TargetHit => ("🎯", "Every target hit"),
            WinKind.PersonalBest => ("🏅", "Personal best"),
            WinKind.Streak => ("🔥", "Check-in streak"),
            WinKind.FirstDealOfMonth => ("🥇", "First deal of the month"),
            _ => ("🎉", "Small win"),
        };
        var sentence = Sentence(win, member.Quota?.Currency);
        // The heading names only the rep; what they typed (the account, their words) goes where it is escaped as text.
        var blocks = new List<MessageBlock> { new Heading($"{emoji} {label}: {member.DisplayName}") };
        if (sentence is not null)
        {
            blocks.Add(new Paragraph($"{member.DisplayName} {sentence}"));
        }

        if (sentence is null || !string.Equals(win.Text, sentence, StringComparison.OrdinalIgnoreCase))
        {
            blocks.Add(new Paragraph(win.Text));
        }

        blocks.Add(new Paragraph(
            win.Kind == WinKind.FirstDealOfMonth ? "Spotted by SalesBot: the month's first deal is on the board." :
            win.Detected ? "Spotted by SalesBot from today's check-in." : "Every step forward counts. Give them a 👏", Subtle: true));
        var post = new OutboundMessage
        {
            Text = sentence is null ? $"{emoji} {member.DisplayName}: {win.Text}" : $"{emoji} {member.DisplayName} {sentence}",
            Blocks = blocks,
        };
        return KudosPost.AddTo(post, win, kudos);
    }

    /// <summary>
    /// What a structured win says after the rep's name ("moved Acme from Discovery to Proposal",
    /// "closed Contoso · 12,000"); null for a win in free words.
    /// </summary>
    public static string? Sentence(Win win, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(win);
        return win switch
        {
            { Kind: WinKind.StageAdvanced, Account: { } a, ToStage: { } to } => win.FromStage is { } from ? $"moved {a} from {from} to {to}" : $"moved {a} to {to}",
            // The rep's own words say more ("booked a demo with Fabrikam") whenever they name the account.
            { Kind: WinKind.MeetingWon, Account: { } a } => win.Text.Contains(a, StringComparison.OrdinalIgnoreCase) ? LowerFirst(win.Text.Trim()) : $"booked a meeting with {a}",
            { Kind: WinKind.DealClosed, Account: { } a } => DealSentence(a, win.Amount, currency),
            _ => null,
        };
    }

    public static string DealSentence(string account, decimal? amount, string? currency = null) =>
        amount is { } value ? $"closed {account} · {Core.Metrics.Money.Format(value, currency)}" : $"closed {account}";

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
