using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Summaries;

/// <summary>
/// One rep over a period (a week or a month up to the report day): check-ins made against those
/// expected (time away and holidays excused), lead-metric totals against target, wins, the blocker
/// still open and the streak as it stands.
/// </summary>
public sealed record RepPeriod(
    Member Member,
    int Made,
    int Expected,
    int AwayDays,
    IReadOnlyList<MetricTotal> Totals,
    IReadOnlyList<Win> Wins,
    OpenBlocker? Blocker,
    int Streak,
    bool StreakAtRisk)
{
    /// <summary>Deals closed, from the rep's logged wins.</summary>
    public int DealsWon => Wins.Count(w => w.Kind == WinKind.DealClosed);

    /// <summary>The month's deals and revenue against the rep's quota; null when no quota is set (or not asked for).</summary>
    public LagOutcome? Quota { get; init; }

    /// <param name="history">The rep's check-ins from before <paramref name="from"/> (for the streak and a blocker's age) through <paramref name="to"/>.</param>
    public static RepPeriod For(Member rep, MemberCalendar calendar, LocalDate from, LocalDate to, IReadOnlyList<CheckIn> history, IReadOnlyList<Win> wins)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(history);
        var inPeriod = history.Where(c => c.ReportDate >= from && c.ReportDate <= to).ToList();
        var reportedInPeriod = inPeriod.Select(c => c.ReportDate).ToHashSet();
        var days = Days(from, to).ToList();
        // A day excused (away, or asked while away) that the rep reported anyway counts as expected and made.
        var expected = days.Count(d => !calendar.Excuses(d) || reportedInPeriod.Contains(d));
        var away = days.Count(d => calendar.IsWorkingDay(d) && calendar.IsAway(d));
        // Each expected day counts the target it was worked against: its check-in's, else the one in effect then.
        var byDay = inPeriod.ToDictionary(c => c.ReportDate);
        var expectedDays = days.Where(d => !calendar.Excuses(d) || reportedInPeriod.Contains(d)).ToList();
        var totals = rep.MetricsOn(to)
            .Select(m => new MetricTotal(
                m,
                inPeriod.Select(c => c.ValueOf(m.Key)).OfType<int>().Sum(),
                expectedDays.Sum(d => TargetOn(m, d, byDay.GetValueOrDefault(d), rep))))
            .ToList();
        var reported = history.Select(c => c.ReportDate).ToList();
        var checkedInOnLastDay = reported.Contains(to);
        var streak = CheckIns.Streak.CheckInStreak(reported, checkedInOnLastDay ? to : to.PlusDays(-1), calendar);
        var atRisk = !checkedInOnLastDay && !calendar.Excuses(to) && streak > 0;
        return new RepPeriod(rep, inPeriod.Count, expected, away, totals, wins, OpenBlocker.Of(history, to), streak, atRisk);
    }

    private static int TargetOn(LeadMetric metric, LocalDate day, CheckIn? checkIn, Member rep) =>
        checkIn is not null
            ? checkIn.AsOnTheDay(metric).DailyTarget
            : rep.MetricsOn(day).FirstOrDefault(m => m.Key == metric.Key)?.DailyTarget ?? metric.DailyTarget;

    private static IEnumerable<LocalDate> Days(LocalDate from, LocalDate to)
    {
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            yield return d;
        }
    }
}

/// <summary>A lead metric's total over a period against its daily target times the days expected.</summary>
public sealed record MetricTotal(LeadMetric Metric, int Total, int Target)
{
    public bool Met => Metric.HigherIsBetter ? Total >= Target : Total <= Target;
}

/// <summary>The blocker on a rep's latest check-in, and since when they have reported it.</summary>
public sealed record OpenBlocker(string Text, LocalDate Since, int AgeDays)
{
    /// <summary>The latest check-in's blocker; a later check-in without one closes it. Its age counts from the first of the run of check-ins that reported the same words.</summary>
    public static OpenBlocker? Of(IReadOnlyList<CheckIn> history, LocalDate asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var newestFirst = history.Where(c => c.ReportDate <= asOf).OrderByDescending(c => c.ReportDate).ToList();
        if (newestFirst.FirstOrDefault() is not { Blockers: { Length: > 0 } text })
        {
            return null;
        }

        var since = newestFirst
            .TakeWhile(c => string.Equals(c.Blockers?.Trim(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Last().ReportDate;
        return new OpenBlocker(text.Trim(), since, Period.Between(since, asOf, PeriodUnits.Days).Days);
    }
}
