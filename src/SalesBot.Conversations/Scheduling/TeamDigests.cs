using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// The manager's weekly digest and the leader's monthly roll-up (seed 003: share analytics at least
/// monthly and close the loop): per rep who reports to the reader, check-ins made against those
/// expected (time away and holidays excused), lead-metric totals against target, wins, open blockers
/// and their age, who improved and who needs a conversation (with a question to ask); the roll-up
/// adds each rep's "what I'll try".
/// </summary>
public sealed class TeamDigests(IMemberStore members, MemberHistory histories, IReflectionStore reflections)
{
    public Task<OutboundMessage> WeekAsync(Team team, MemberCalendar reader, LocalDate digestDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Report days up to the day before: the digest day's own numbers are reported the next working day.
        // A Monday digest is the week just ended, a Friday one the week so far.
        var last = digestDay.PlusDays(-1);
        var monday = last.PlusDays(1 - (int)last.DayOfWeek);
        return SummaryAsync(team, reader, monday, last, $"week of {Dates.Display(monday)}", "Weekly digest", null, cancellationToken);
    }

    public Task<OutboundMessage> MonthAsync(Team team, MemberCalendar reader, YearMonth month, CancellationToken cancellationToken)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        return SummaryAsync(team, reader, first, last, ReflectionFlow.MonthName(month), "Monthly roll-up", month, cancellationToken);
    }

    private async Task<OutboundMessage> SummaryAsync(Team team, MemberCalendar reader, LocalDate from, LocalDate to, string period, string title,
        YearMonth? reflectionMonth, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var roster = await members.ListTeamAsync(team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        var reps = roster.Where(m => m.Role.IsRep() && ReportingLine.CanSee(reader.Member, m, people))
            .OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        if (reps.Count == 0)
        {
            return OutboundMessage.Plain($"{title} for {team.Name}, {period}: no reps report to you yet. Invite them to chat with me, and I'll start asking for their numbers.");
        }

        var rows = new List<RepPeriod>();
        var signals = new List<CoachingSignal>();
        var willTry = new List<string>();
        foreach (var rep in reps)
        {
            var calendar = new MemberCalendar(rep, team);
            var (history, repWins) = await histories.ReadAsync(calendar, from, to, cancellationToken);
            var row = RepPeriod.For(rep, calendar, from, to, history, repWins);
            rows.Add(row);
            signals.AddRange(CoachingSignals.For(row, calendar, from, history));
            if (reflectionMonth is { } month && await reflections.GetAsync(rep.Id, month, cancellationToken) is Reflection reflection)
            {
                willTry.Add($"{rep.DisplayName}: {reflection.WillTry}");
            }
        }

        var made = rows.Sum(r => r.Made);
        var winCount = rows.Sum(r => r.Wins.Count);
        var headline = $"{made} of {rows.Sum(r => r.Expected)} expected check-ins, {winCount} win{(winCount == 1 ? string.Empty : "s")}.";
        var blocks = new List<MessageBlock>
        {
            new Heading($"{title} · {team.Name} · {period}"),
            new Paragraph(headline),
            StatusMessages.PeriodTable(rows),
        };
        StatusMessages.AddBlockers(blocks, rows);
        AddSignals(blocks, "Who improved:", signals.Where(s => !s.NeedsConversation));
        AddSignals(blocks, "Who needs a conversation:", signals.Where(s => s.NeedsConversation));
        if (willTry.Count > 0)
        {
            blocks.Add(new Paragraph("What they'll try next month:"));
            blocks.Add(new BulletList(willTry));
        }

        return new OutboundMessage
        {
            Text = $"{title} for {team.Name}, {period}: {headline}",
            Blocks = blocks,
            Actions = [new ActionButton("Team status", StatusFlow.Verb), .. StatusMessages.RepButtons(reps)],
        };
    }

    private static void AddSignals(List<MessageBlock> blocks, string title, IEnumerable<CoachingSignal> signals)
    {
        var items = signals.Select(s => $"{s.RepName}: {s.What}. Ask: \"{s.Question}\"").ToList();
        if (items.Count > 0)
        {
            blocks.Add(new Paragraph(title));
            blocks.Add(new BulletList(items));
        }
    }
}
