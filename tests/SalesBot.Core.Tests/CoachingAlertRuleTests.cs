using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

/// <summary>The daily alert rules on the week of Mon 16 – Fri 20 Nov 2026, and the month rollup they read from.</summary>
public class CoachingAlertRuleTests
{
    private static readonly LocalDate Monday = new(2026, 11, 16);
    private static readonly LocalDate Friday = Monday.PlusDays(4);

    private static CheckIn On(LocalDate day, int calls = 30, string? blockers = null)
    {
        var builder = CheckInBuilder.ACheckIn().On(day).With("calls", calls);
        return blockers is null ? builder.Build() : builder.WithBlockers(blockers).Build();
    }

    [Fact]
    public void Missed_check_ins_in_a_row_skip_the_weekend_a_team_holiday_and_time_away()
    {
        // Checked in Thu 12 Nov; Fri 13 a holiday; away Mon 16 – Tue 17; nothing since.
        var team = TestData.Team with { Holidays = HolidayCalendar.Empty.Add(new Holiday(new LocalDate(2026, 11, 13), "Founders' day")) };
        var calendar = new MemberCalendar(MemberBuilder.ARep().AwayFrom(Monday, Monday.PlusDays(1)).Build(), team);

        var alerts = CoachingAlerts.For(calendar, Friday, [On(new LocalDate(2026, 11, 12))], AlertSettings.Default);

        // Wed, Thu, Fri: 3 in a row; the days away, the weekend and the holiday before them neither count nor break the run.
        var missed = Assert.Single(alerts, a => a.Kind == CoachingKind.MissedCheckIns);
        Assert.Equal("no check-in for 3 working days in a row (since Wed 18 Nov)", missed.What);
        Assert.DoesNotContain(CoachingAlerts.For(calendar, Friday, [On(new LocalDate(2026, 11, 12))], AlertSettings.Default with { MissedDays = 4 }),
            a => a.Kind == CoachingKind.MissedCheckIns);
    }

    [Fact]
    public void A_blocker_alert_waits_for_its_days_and_each_rule_can_be_off()
    {
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), TestData.Team);
        var history = new[] { On(Monday.PlusDays(2), blockers: "legal"), On(Monday.PlusDays(3), blockers: "legal"), On(Friday, blockers: "legal") };

        Assert.Empty(CoachingAlerts.For(calendar, Friday, history, AlertSettings.Default));
        var old = Assert.Single(CoachingAlerts.For(calendar, Friday, history, AlertSettings.Default with { BlockerDays = 2 }));
        Assert.Equal("blocker open 2 days: legal", old.What);
        Assert.Empty(CoachingAlerts.For(calendar, Friday, history, AlertSettings.Default with { BlockerDays = 2, BlockersOn = false }));
    }

    [Fact]
    public void A_drought_compares_the_last_week_with_the_four_weeks_before_and_ignores_a_report_day_not_in_yet()
    {
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), TestData.Team);
        // 30 calls (+ 3 meetings + 1 proposal) every working day 12 Oct – 13 Nov, then 10 calls Mon – Thu; Friday not in yet.
        var before = Enumerable.Range(0, 33).Select(i => new LocalDate(2026, 10, 12).PlusDays(i)).Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday).Select(d => On(d));
        var history = before.Concat(Enumerable.Range(0, 4).Select(i => On(Monday.PlusDays(i), calls: 10))).ToList();

        var drought = Assert.Single(CoachingAlerts.For(calendar, Friday, history, AlertSettings.Default));

        // Fri 13 – Thu 19: (34 + 4 × 14) / 5 = 18 a day against 34: down 47%.
        Assert.Equal("lead activity down 47% this week on their 4-week average", drought.What);
        Assert.Empty(CoachingAlerts.For(calendar, Friday, history, AlertSettings.Default with { DroughtPercent = 50 }));
    }

    [Fact]
    public void A_month_rollup_replaces_a_corrected_day_keeps_a_win_once_and_leaves_out_plans()
    {
        var month = MonthRollup.Empty("rep-1", new YearMonth(2026, 11))
            .With(CheckInBuilder.ACheckIn().On(Friday).With("calls", 33).WithPlan("Call Acme").Build())
            .With(On(Monday))
            .With(On(Friday, calls: 32));
        var win = new Win { Id = "w1", MemberId = "rep-1", TeamId = TestData.TeamId, Kind = WinKind.DealClosed, Text = "Closed", At = Instant.FromUtc(2026, 11, 30, 23, 0) };

        var withWin = month.With(win);

        Assert.Equal([Monday, Friday], month.CheckIns.Select(c => c.ReportDate));
        Assert.Equal(32, month.CheckIns[1].Values["calls"]);
        Assert.All(month.CheckIns, c => Assert.Empty(c.Plan));
        Assert.Same(withWin, withWin.With(win with { Text = "again" }));
        Assert.Throws<ArgumentException>(() => month.With(win with { At = Instant.FromUtc(2026, 12, 1, 0, 0) }));
        Assert.Throws<ArgumentException>(() => month.With(On(new LocalDate(2026, 10, 30))));
    }
}
