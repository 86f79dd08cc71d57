using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

/// <summary>The proficiency rule: a target met on 16 of the last 20 working days, time away and holidays not counted.</summary>
public class ProficiencyTests
{
    /// <summary>Friday 20 Nov 2026: the window's last day.</summary>
    private static readonly LocalDate Through = new(2026, 11, 20);

    private static readonly Team Team = TestData.Team;

    [Fact]
    public void Meeting_the_target_on_16_of_the_last_20_working_days_is_proficient()
    {
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), Team);
        var days = WorkingDaysBack(calendar, Through, 20);
        var history = days.Select((d, i) => CheckInOn(d, calls: i < 16 ? 30 : 10)).ToList();

        var result = Proficiency.Evaluate(MetricCatalog.Calls, history, calendar, Through, ProficiencyWindow.Default);

        Assert.NotNull(result);
        Assert.True(result.Proficient);
        Assert.Equal(16, result.DaysMet);
        Assert.Equal(20, result.DaysCounted);
        Assert.Equal(days[^1], result.From);
        Assert.Equal(35, result.RaisedTarget);
    }

    [Fact]
    public void Fifteen_of_twenty_is_not_yet_proficient_and_a_working_day_without_a_check_in_counts_as_not_met()
    {
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), Team);
        var days = WorkingDaysBack(calendar, Through, 20);
        // 16 check-ins that met the target, but one of them is missing: 15 of 20.
        var history = days.Take(16).Skip(1).Select(d => CheckInOn(d, calls: 31)).ToList();

        var result = Proficiency.Evaluate(MetricCatalog.Calls, history, calendar, Through, ProficiencyWindow.Default);

        Assert.False(result!.Proficient);
        Assert.Equal(15, result.DaysMet);
    }

    [Fact]
    public void A_window_that_spans_two_weeks_away_and_a_holiday_reaches_back_past_them()
    {
        // Away Mon 2 – Fri 13 Nov and a team holiday on Wed 28 Oct: the 20 working days then run back into October.
        var rep = MemberBuilder.ARep().AwayFrom(new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 13)).Build();
        var team = Team with { Holidays = HolidayCalendar.Empty.Add(new Holiday(new LocalDate(2026, 10, 28), "Founders' day")) };
        var calendar = new MemberCalendar(rep, team);
        var days = WorkingDaysBack(calendar, Through, 20);
        var history = days.Select(d => CheckInOn(d, calls: 30)).ToList();

        var result = Proficiency.Evaluate(MetricCatalog.Calls, history, calendar, Through, ProficiencyWindow.Default);

        Assert.True(result!.Proficient);
        Assert.Equal(20, result.DaysMet);
        Assert.DoesNotContain(new LocalDate(2026, 11, 10), days);
        Assert.DoesNotContain(new LocalDate(2026, 10, 28), days);
        // 5 days this week, then past the two weeks away: 15 more working days, skipping the holiday.
        Assert.Equal(new LocalDate(2026, 10, 9), result.From);
    }

    [Fact]
    public void The_same_numbers_with_the_time_away_counted_as_missed_days_would_not_be_proficient()
    {
        var rep = MemberBuilder.ARep().AwayFrom(new LocalDate(2026, 11, 2), new LocalDate(2026, 11, 13)).Build();
        var away = new MemberCalendar(rep, Team);
        var history = WorkingDaysBack(away, Through, 20).Select(d => CheckInOn(d, calls: 30)).ToList();
        var notAway = new MemberCalendar(MemberBuilder.ARep().Build(), Team);

        Assert.False(Proficiency.Evaluate(MetricCatalog.Calls, history, notAway, Through, ProficiencyWindow.Default)!.Proficient);
    }

    [Fact]
    public void A_new_hire_with_fewer_working_days_than_the_window_is_not_judged_yet()
    {
        // Started Mon 9 Nov: ten working days by Friday 20 Nov, every one of them on target.
        var calendar = new MemberCalendar(MemberBuilder.ARep().StartedOn(new LocalDate(2026, 11, 9)).Build(), Team);
        var history = WorkingDaysBack(calendar, Through, 10).Select(d => CheckInOn(d, calls: 30)).ToList();

        Assert.Null(Proficiency.Evaluate(MetricCatalog.Calls, history, calendar, Through, ProficiencyWindow.Default));
        Assert.True(Proficiency.Evaluate(MetricCatalog.Calls, history, calendar, Through, new ProficiencyWindow(Days: 10, Required: 8))!.Proficient);
    }

    [Fact]
    public void Each_day_is_judged_against_the_target_it_was_worked_against()
    {
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), Team);
        // 30 calls a day against the old target of 30, all stamped on their check-ins; the target is now 40.
        var history = WorkingDaysBack(calendar, Through, 20)
            .Select(d => CheckInOn(d, calls: 30) with { Metrics = [MetricCatalog.Calls] }).ToList();

        var raised = Proficiency.Evaluate(MetricCatalog.Calls with { DailyTarget = 40 }, history, calendar, Through, ProficiencyWindow.Default);

        Assert.True(raised!.Proficient);
    }

    [Fact]
    public void A_window_longer_than_the_lookback_reports_nothing()
    {
        var everyDayAHoliday = Team with { Schedule = Team.Schedule with { WorkingDays = [] } };
        var calendar = new MemberCalendar(MemberBuilder.ARep().Build(), everyDayAHoliday);

        Assert.Null(Proficiency.Evaluate(MetricCatalog.Calls, [], calendar, Through, ProficiencyWindow.Default));
    }

    private static List<LocalDate> WorkingDaysBack(MemberCalendar calendar, LocalDate through, int count)
    {
        var days = new List<LocalDate>();
        for (var d = through; days.Count < count; d = d.PlusDays(-1))
        {
            if (calendar.IsAvailable(d))
            {
                days.Add(d);
            }
        }

        return days;
    }

    private static CheckIn CheckInOn(LocalDate day, int calls) => CheckInBuilder.ACheckIn().On(day).With("calls", calls).Build();
}
