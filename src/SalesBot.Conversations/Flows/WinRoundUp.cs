using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The evening round-up of a team's day past its cap: one post, keyed <c>roundup:{team}:{day}</c> so it
/// is queued and sent once, and built when it goes out from what is stored then (a win taken away by a
/// correction, or by someone who has since turned posts off, is left out).
/// </summary>
public sealed class WinRoundUp(
    IMemberStore members,
    IWinStore wins,
    ICheckInStore checkIns,
    IOutbox outbox,
    IStoreWriter writer,
    IClock clock)
{
    /// <summary>
    /// Slack before the windows below: a post may have waited for its numbers to settle (30 minutes) or
    /// for a retry after the channel throttled it.
    /// </summary>
    public static readonly Duration Slack = Duration.FromHours(2);

    /// <summary>Wins named one by one in the round-up; the rest are counted, so the post stays within Teams' and Slack's limits.</summary>
    public const int MaxListed = 10;

    /// <summary>A win's words in the round-up are cut to this length.</summary>
    public const int MaxWinText = 120;

    private const string KeyPrefix = "roundup:";
    private const string WinPostPrefix = "win:";

    public static string Key(string teamId, LocalDate day) => $"{KeyPrefix}{teamId}:{Dates.ToIso(day)}";

    /// <summary>The day of a round-up key, or null when <paramref name="key"/> is not one.</summary>
    public static LocalDate? DayOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.LastIndexOf(':');
        return key.StartsWith(KeyPrefix, StringComparison.Ordinal) && colon > KeyPrefix.Length ? Dates.ParseIso(key[(colon + 1)..]) : null;
    }

    public static bool IsWinPost(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.RecipientKind == RecipientKind.Team && message.Key.StartsWith(WinPostPrefix, StringComparison.Ordinal);
    }

    /// <summary>The reason a folded post is recorded with (withdrawn, never sent); the round-up of that day looks for it.</summary>
    public static string FoldedInto(LocalDate day) => $"Past the team's daily cap: folded into the round-up of {Dates.ToIso(day)}.";

    /// <summary>How many celebration posts went to the team's channel on <paramref name="day"/> (team-local).</summary>
    public async Task<int> CountPostedAsync(ChannelHours hours, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var from = hours.StartOfDay(day);
        var to = hours.StartOfDay(day.PlusDays(1));
        var posted = 0;
        // A post sent on the day is of a win logged since the channel last closed (a night, a weekend or holidays ago).
        var loggedSince = hours.ClosesAt(hours.PreviousWorkingDay(day)) - Slack;
        foreach (var (_, _, post) in await PostsAsync(hours, loggedSince, day, cancellationToken))
        {
            posted += post.Status == OutboxStatus.Sent && post.SentAt is { } sent && sent >= from && sent < to ? 1 : 0;
        }

        return posted;
    }

    /// <summary>Queues the round-up of <paramref name="day"/> (once: the key is per team and day) at the team's round-up time.</summary>
    public Task EnsureQueuedAsync(ChannelHours hours, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var now = clock.GetCurrentInstant();
        var changes = new ChangeSet().Enqueue(new OutboxMessage
        {
            Key = Key(hours.Team.Id, day),
            RecipientKind = RecipientKind.Team,
            RecipientId = hours.Team.Id,
            TeamId = hours.Team.Id,
            // Rebuilt from the stored wins when it goes out (RecognitionCheck); this is only its placeholder.
            Message = OutboundMessage.Plain("🎉 More wins today."),
            CreatedAt = now,
            NextAttemptAt = Instant.Max(now, hours.RoundUpAt(day)),
        });
        return writer.CommitAsync(changes, cancellationToken);
    }

    /// <summary>The round-up of <paramref name="day"/> as it stands now; null when nothing is left to round up.</summary>
    public async Task<OutboundMessage?> BuildAsync(ChannelHours hours, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var folded = FoldedInto(day);
        var items = new List<(Instant At, string Line)>();
        // A win in the day's round-up was folded that day, or after the previous working day's round-up.
        var loggedSince = hours.OpensAt(hours.PreviousWorkingDay(day)) - Slack;
        foreach (var (member, win, post) in await PostsAsync(hours, loggedSince, day, cancellationToken))
        {
            if (member.PostsOff || post.Status != OutboxStatus.Withdrawn || post.LastError != folded)
            {
                continue;
            }

            if (await AsStoredNowAsync(member, win, hours.Team, cancellationToken) is { } current)
            {
                items.Add((current.At, $"{member.DisplayName}: {Shorten(current.Text)}"));
            }
        }

        return items.Count == 0 ? null : Message(items.OrderBy(i => i.At).Select(i => i.Line).ToList(), day == hours.Today(clock.GetCurrentInstant()) ? null : day);
    }

    /// <summary>The round-up post: the wins named one by one (at most <see cref="MaxListed"/>), the rest counted.</summary>
    public static OutboundMessage Message(IReadOnlyList<string> lines, LocalDate? otherDay = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var listed = lines.Take(MaxListed).ToList();
        var more = lines.Count - listed.Count;
        var when = otherDay is { } d ? $"on {Dates.Display(d)}" : "today";
        var blocks = new List<MessageBlock> { new Heading($"🎉 More wins {when}"), new BulletList(listed) };
        if (more > 0)
        {
            blocks.Add(new Paragraph($"…and {more} more {(more == 1 ? "win" : "wins")}.", Subtle: true));
        }

        blocks.Add(new Paragraph("Every step forward counts. A busy day: these didn't get a post of their own.", Subtle: true));
        var text = $"🎉 More wins {when}: " + string.Join("; ", listed) + (more > 0 ? $"; and {more} more." : ".");
        return new OutboundMessage { Text = text, Blocks = blocks };
    }

    /// <summary>
    /// The wins of the team's members logged from <paramref name="from"/> to the end of <paramref name="day"/>
    /// (or now, if later), with their posts. One roster read, then per member one range of wins and a
    /// point read of each win's post: about a day's wins, whatever the history.
    /// </summary>
    private async Task<List<(Member Member, Win Win, OutboxMessage Post)>> PostsAsync(ChannelHours hours, Instant from, LocalDate day, CancellationToken cancellationToken)
    {
        var to = Instant.Max(clock.GetCurrentInstant(), hours.StartOfDay(day.PlusDays(1))) + Duration.FromMilliseconds(1);
        var found = new List<(Member, Win, OutboxMessage)>();
        foreach (var member in await members.ListTeamAsync(hours.Team.Id, cancellationToken))
        {
            foreach (var win in await wins.ListForMemberAsync(member.Id, from, to, cancellationToken))
            {
                if (win.TeamId == hours.Team.Id && await outbox.GetAsync(WinPostPrefix + win.Id, cancellationToken) is { } post)
                {
                    found.Add((member, win, post));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The win as it stands now: a logged win as stored; a detected one worked out again from the day's
    /// check-in (the same rule as <see cref="DetectedWinCheck"/>), null once a correction took it away.
    /// </summary>
    private async Task<Win?> AsStoredNowAsync(Member member, Win win, Team team, CancellationToken cancellationToken)
    {
        if (!win.Detected || DetectedWins.ParsePostKey(WinPostPrefix + win.Id) is not { } post)
        {
            return win;
        }

        if (await checkIns.GetAsync(member.Id, post.Day, cancellationToken) is not { } checkIn)
        {
            return null;
        }

        var history = await checkIns.ListForMemberAsync(member.Id, post.Day.PlusDays(-DetectedWins.HistoryDays), post.Day, cancellationToken);
        var outcome = CheckInOutcome.Evaluate(checkIn.Value, member.Metrics, history.OrderBy(c => c.ReportDate).ToList(), new MemberCalendar(member, team));
        return DetectedWins.From(member, checkIn.Value, outcome).FirstOrDefault(w => w.Id == win.Id);
    }

    private static string Shorten(string text)
    {
        var t = text.Trim();
        return t.Length <= MaxWinText ? t : t[..(MaxWinText - 1)].TrimEnd() + "…";
    }
}
