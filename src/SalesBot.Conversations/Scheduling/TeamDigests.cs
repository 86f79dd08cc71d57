using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// The manager's weekly digest and the leader's monthly roll-up (seed 003: share analytics at least
/// monthly and close the loop): per rep, check-ins made against those expected (time away and
/// holidays excused), lead-metric totals against target, and wins.
/// </summary>
public sealed class TeamDigests(IMemberStore members, ICheckInStore checkIns, IWinStore wins)
{
    public Task<OutboundMessage> WeekAsync(Team team, MemberCalendar reader, LocalDate digestDay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var monday = digestDay.PlusDays(1 - (int)digestDay.DayOfWeek);
        // Report days up to the day before: the digest day's own numbers are reported the next working day.
        return SummaryAsync(team, reader, monday, digestDay.PlusDays(-1), $"week of {Dates.Display(monday)}", "Weekly digest", cancellationToken);
    }

    public Task<OutboundMessage> MonthAsync(Team team, MemberCalendar reader, YearMonth month, CancellationToken cancellationToken)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        return SummaryAsync(team, reader, first, last, ReflectionFlow.MonthName(month), "Monthly roll-up", cancellationToken);
    }

    private async Task<OutboundMessage> SummaryAsync(Team team, MemberCalendar reader, LocalDate from, LocalDate to, string period, string title,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var reps = (await members.ListTeamAsync(team.Id, cancellationToken)).Where(m => m.Role.IsRep()).ToList();
        if (reps.Count == 0)
        {
            return OutboundMessage.Plain($"{title} for {team.Name}, {period}: no reps on the team yet. Invite them to chat with me, and I'll start asking for their numbers.");
        }

        var rows = new List<IReadOnlyList<string>>();
        var blockers = new List<string>();
        int made = 0, expected = 0, winCount = 0;
        var start = reader.At(from, LocalTime.Midnight);
        var end = reader.At(to.PlusDays(1), LocalTime.Midnight);
        foreach (var rep in reps.OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase))
        {
            var calendar = new MemberCalendar(rep, team);
            var history = await checkIns.ListForMemberAsync(rep.Id, from, to, cancellationToken);
            var due = Days(from, to).Count(d => !calendar.Excuses(d));
            var repWins = await wins.ListForMemberAsync(rep.Id, start, end, cancellationToken);
            made += history.Count;
            expected += due;
            winCount += repWins.Count;
            var totals = rep.Metrics.Select(m =>
            {
                var values = history.Select(c => c.ValueOf(m.Key)).OfType<int>().ToList();
                return $"{m.Name} {values.Sum()}/{m.DailyTarget * Math.Max(due, values.Count)}";
            });
            var away = Days(from, to).Count(d => calendar.IsWorkingDay(d) && calendar.IsAway(d));
            rows.Add(
            [
                rep.DisplayName,
                $"{history.Count}/{due}" + (away > 0 ? $" ({away} away)" : string.Empty),
                string.Join(" · ", totals),
                repWins.Count.ToString(CultureInfo.InvariantCulture),
            ]);
            if (history.OrderByDescending(c => c.ReportDate).FirstOrDefault() is { Blockers: { Length: > 0 } blocker } latest)
            {
                blockers.Add($"{rep.DisplayName} ({Dates.Display(latest.ReportDate)}): {blocker}");
            }
        }

        var headline = $"{made} of {expected} expected check-ins, {winCount} win{(winCount == 1 ? string.Empty : "s")}.";
        var blocks = new List<MessageBlock>
        {
            new Heading($"{title} · {team.Name} · {period}"),
            new Paragraph(headline),
            new Table(["Rep", "Check-ins", "Totals vs target", "Wins"], rows),
        };
        if (blockers.Count > 0)
        {
            blocks.Add(new Paragraph("Latest blockers:"));
            blocks.Add(new BulletList(blockers));
        }

        return new OutboundMessage
        {
            Text = $"{title} for {team.Name}, {period}: {headline}",
            Blocks = blocks,
            Actions = [new ActionButton("Team status", StatusFlow.Verb)],
        };
    }

    private static IEnumerable<LocalDate> Days(LocalDate from, LocalDate to)
    {
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            yield return d;
        }
    }
}
