using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Summaries;

/// <summary>
/// The day's coaching alerts for one rep (issue 10, seed 002: coach to daily behaviour; seed 000: a
/// "drought"), by the team's <see cref="AlertSettings"/>: missed check-ins in a row, lead activity
/// over the last week well below the rep's own four-week average, a blocker open for days. Each comes
/// with one question to open the conversation.
/// </summary>
public static class CoachingAlerts
{
    private static readonly NodaTime.Text.LocalDatePattern Day = NodaTime.Text.LocalDatePattern.Create("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The days the last week's activity is measured over.</summary>
    public const int WeekDays = 7;

    /// <param name="reportDate">The rep's report day now: the day their latest check-in is for.</param>
    /// <param name="history">The rep's check-ins from at least <see cref="CoachingSignals.BaselineDays"/> + a week before <paramref name="reportDate"/>, through it.</param>
    public static IReadOnlyList<CoachingSignal> For(MemberCalendar calendar, LocalDate reportDate, IReadOnlyList<CheckIn> history, AlertSettings settings)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(settings);
        var name = calendar.Member.DisplayName;
        var reported = history.Select(c => c.ReportDate).ToHashSet();
        var alerts = new List<CoachingSignal>();
        if (settings.MissedOn && MissedInARow(calendar, reportDate, reported) is var (missed, since) && missed >= settings.MissedDays)
        {
            alerts.Add(new CoachingSignal(CoachingKind.MissedCheckIns, name, $"no check-in for {missed} working days in a row (since {Day.Format(since)})",
                "What's getting in the way of the daily check-in, and what would make it easier?"));
        }

        // The last week: through the report day once it is in, else through the day before (not yet missed, just not in).
        var to = reported.Contains(reportDate) ? reportDate : reportDate.PlusDays(-1);
        var from = to.PlusDays(1 - WeekDays);
        if (settings.DroughtOn
            && CoachingSignals.Rate(history.Where(c => c.ReportDate >= from && c.ReportDate <= to), CoachingSignals.ExpectedDays(calendar, from, to)) is { } week
            && CoachingSignals.Rate(history.Where(c => c.ReportDate >= from.PlusDays(-CoachingSignals.BaselineDays) && c.ReportDate < from),
                CoachingSignals.ExpectedDays(calendar, from.PlusDays(-CoachingSignals.BaselineDays), from.PlusDays(-1))) is > 0 and var baseline
            && (baseline - week) / baseline * 100 >= settings.DroughtPercent)
        {
            alerts.Add(new CoachingSignal(CoachingKind.Drought, name,
                $"lead activity down {CoachingSignals.Percent((baseline - week) / baseline)} this week on their 4-week average",
                "What changed this week, and which one activity would get you back on track tomorrow?"));
        }

        if (settings.BlockersOn && OpenBlocker.Of(history, reportDate) is { } blocker && blocker.AgeDays >= settings.BlockerDays)
        {
            alerts.Add(new CoachingSignal(CoachingKind.StaleBlocker, name, $"blocker open {blocker.AgeDays} days: {blocker.Text}",
                "Who could unblock this, and can I make that call for you today?"));
        }

        return alerts;
    }

    /// <summary>Expected report days without a check-in, counted back from the report day; days away, holidays and days before the rep started neither count nor break the run.</summary>
    public static (int Count, LocalDate Since)? MissedInARow(MemberCalendar calendar, LocalDate reportDate, IReadOnlySet<LocalDate> reported)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(reported);
        var count = 0;
        var since = reportDate;
        for (var d = reportDate; d >= calendar.Member.StartDate && count < AlertSettings.MaxDays * 2; d = d.PlusDays(-1))
        {
            if (reported.Contains(d))
            {
                break;
            }

            if (!calendar.Excuses(d))
            {
                count++;
                since = d;
            }
        }

        return count == 0 ? null : (count, since);
    }
}
