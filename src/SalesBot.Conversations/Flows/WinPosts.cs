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

    public static OutboundMessage Post(Win win, Member member)
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
            _ => ("🎉", "Small win"),
        };
        return new OutboundMessage
        {
            Text = $"{emoji} {member.DisplayName}: {win.Text}",
            Blocks =
            [
                new Heading($"{emoji} {label}: {member.DisplayName}"),
                new Paragraph(win.Text),
                new Paragraph(win.Detected ? "Spotted by SalesBot from today's check-in." : "Every step forward counts. Give them a 👏", Subtle: true),
            ],
        };
    }
}
