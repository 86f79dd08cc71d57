using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

public class ScheduleCalendarTests
{
    private static MemberCalendar Calendar(MemberBuilder member, Team? team = null) => new(member, team ?? TestData.Team);

    private static MemberCalendar EveryDayAt(string zone, LocalTime checkIn) =>
        Calendar(MemberBuilder.ARep().InZone(zone).WithSchedule(new ScheduleOverride
        {
            CheckInAt = checkIn,
            WorkingDays = WeekDays.Parse("mon-sun"),
            RemindersOff = true,
            WorkdayStart = LocalTime.Midnight,
            WorkdayEnd = new LocalTime(23, 59),
        }));

    // Two weeks around each clock change of 2026, in both hemispheres.
    [Theory]
    [InlineData("America/New_York", 2026, 3, 2)] // spring forward Sun 8 Mar
    [InlineData("America/New_York", 2026, 10, 26)] // fall back Sun 1 Nov
    [InlineData("Europe/London", 2026, 3, 23)] // Sun 29 Mar
    [InlineData("Europe/London", 2026, 10, 19)] // Sun 25 Oct
    [InlineData("Australia/Sydney", 2026, 3, 30)] // autumn there: Sun 5 Apr
    [InlineData("Australia/Sydney", 2026, 9, 28)] // spring there: Sun 4 Oct
    public void Across_a_clock_change_every_working_day_has_one_prompt_at_nine_local_time(string zone, int y, int m, int d)
    {
        var calendar = Calendar(MemberBuilder.ARep().InZone(zone));
        var tz = DateTimeZoneProviders.Tzdb[zone];
        var start = tz.AtStartOfDay(new LocalDate(y, m, d)).ToInstant();

        var prompts = calendar.Between(start, start + Duration.FromDays(14)).Where(o => o.Kind == PromptKind.CheckIn).ToList();

        Assert.Equal(10, prompts.Count);
        Assert.Equal(10, prompts.Select(p => p.Day).Distinct().Count());
        Assert.All(prompts, p => Assert.Equal(new LocalTime(9, 0), p.At.InZone(tz).TimeOfDay));
        Assert.All(prompts, p => Assert.Equal(p.Day, p.At.InZone(tz).Date));
    }

    [Theory]
    [InlineData("America/New_York", 2026, 3, 8, "2026-03-08T07:30:00Z")] // 02:30 does not exist: 03:30 EDT
    [InlineData("Europe/London", 2026, 3, 29, "2026-03-29T01:30:00Z")] // 01:30 does not exist: 02:30 BST
    [InlineData("Australia/Sydney", 2026, 10, 4, "2026-10-03T16:30:00Z")] // 02:30 does not exist: 03:30 AEDT
    public void A_time_in_the_spring_forward_gap_is_sent_once_moved_forward_by_the_gap(string zone, int y, int m, int d, string expected)
    {
        var time = zone == "Europe/London" ? new LocalTime(1, 30) : new LocalTime(2, 30);
        var calendar = EveryDayAt(zone, time);
        var day = new LocalDate(y, m, d);
        var tz = DateTimeZoneProviders.Tzdb[zone];

        var prompts = calendar.Between(tz.AtStartOfDay(day).ToInstant(), tz.AtStartOfDay(day.PlusDays(1)).ToInstant())
            .Where(o => o.Day == day && o.Kind == PromptKind.CheckIn).ToList();

        Assert.Equal(NodaTime.Text.InstantPattern.General.Parse(expected).Value, Assert.Single(prompts).At);
    }

    [Theory]
    [InlineData("America/New_York", 2026, 11, 1, "2026-11-01T05:30:00Z")] // 01:30 happens at -04 and again at -05
    [InlineData("Europe/London", 2026, 10, 25, "2026-10-25T00:30:00Z")] // 01:30 at +01 and again at +00
    [InlineData("Australia/Sydney", 2026, 4, 5, "2026-04-04T15:30:00Z")] // 02:30 at +11 and again at +10
    public void A_time_that_happens_twice_in_the_autumn_overlap_is_sent_once_at_the_first(string zone, int y, int m, int d, string expected)
    {
        var time = zone == "Australia/Sydney" ? new LocalTime(2, 30) : new LocalTime(1, 30);
        var calendar = EveryDayAt(zone, time);
        var day = new LocalDate(y, m, d);
        var tz = DateTimeZoneProviders.Tzdb[zone];

        var prompts = calendar.Between(tz.AtStartOfDay(day).ToInstant() - Duration.FromHours(2), tz.AtStartOfDay(day.PlusDays(1)).ToInstant())
            .Where(o => o.Day == day && o.Kind == PromptKind.CheckIn).ToList();

        Assert.Equal(NodaTime.Text.InstantPattern.General.Parse(expected).Value, Assert.Single(prompts).At);
    }

    [Fact]
    public void A_rep_gets_the_check_in_and_the_reminder_a_manager_the_daily_alerts_and_friday_digest_and_a_leader_the_monthly_roll_up()
    {
        var friday = new LocalDate(2026, 11, 27);
        var firstOfDecember = new LocalDate(2026, 12, 1);

        Assert.Equal([PromptKind.CheckIn, PromptKind.Reminder], Calendar(MemberBuilder.ARep()).On(friday).Select(o => o.Kind));
        Assert.Equal([PromptKind.Alerts, PromptKind.Digest], Calendar(MemberBuilder.AManager()).On(friday).Select(o => o.Kind));
        Assert.Equal([PromptKind.Alerts], Calendar(MemberBuilder.AManager()).On(friday.PlusDays(-1)).Select(o => o.Kind));
        Assert.Empty(Calendar(MemberBuilder.ALeader()).On(friday));
        Assert.Equal([PromptKind.Rollup], Calendar(MemberBuilder.ALeader()).On(firstOfDecember).Select(o => o.Kind));
        Assert.Contains(PromptKind.Reflection, Calendar(MemberBuilder.ARep()).On(firstOfDecember).Select(o => o.Kind));
    }

    [Fact]
    public void Working_days_follow_the_team_and_a_member_may_choose_their_own()
    {
        var sundayToThursday = TestData.Team with { Schedule = Schedule.Default with { WorkingDays = WeekDays.Parse("sun-thu")! } };
        var sunday = new LocalDate(2026, 11, 22);
        var friday = new LocalDate(2026, 11, 27);

        var teamRep = Calendar(MemberBuilder.ARep(), sundayToThursday);
        var fridayRep = Calendar(MemberBuilder.ARep().WithSchedule(new ScheduleOverride { WorkingDays = WeekDays.Parse("mon-fri") }), sundayToThursday);

        Assert.NotEmpty(teamRep.On(sunday));
        Assert.Empty(teamRep.On(friday));
        Assert.Empty(fridayRep.On(sunday));
        Assert.NotEmpty(fridayRep.On(friday));
        // Sunday's check-in reports on Thursday, the working day before it.
        Assert.Equal(new LocalDate(2026, 11, 19), teamRep.ReportDateFor(sunday));
    }

    [Fact]
    public void Nobody_is_asked_on_a_team_holiday_or_while_away_and_the_report_day_skips_holidays()
    {
        var thanksgiving = new LocalDate(2026, 11, 26);
        var team = TestData.Team with { Holidays = HolidayCalendar.Empty.Add(new Holiday(thanksgiving, "Thanksgiving")) };
        var away = Calendar(MemberBuilder.ARep().AwayFrom(new LocalDate(2026, 11, 30), new LocalDate(2026, 12, 2)), team);

        Assert.Empty(away.On(thanksgiving));
        Assert.Empty(away.On(new LocalDate(2026, 12, 1)));
        Assert.NotEmpty(away.On(new LocalDate(2026, 12, 3)));
        Assert.Equal(new LocalDate(2026, 11, 25), away.ReportDateFor(new LocalDate(2026, 11, 27)));
    }

    [Fact]
    public void A_yearly_holiday_comes_back_every_year_and_the_29th_of_february_falls_on_the_28th()
    {
        var calendar = HolidayCalendar.Empty.Add(new YearlyHoliday(12, 25, "Christmas")).Add(new YearlyHoliday(2, 29, "Leap day"));

        Assert.True(calendar.IsHoliday(new LocalDate(2026, 12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2031, 12, 25)));
        Assert.True(calendar.IsHoliday(new LocalDate(2027, 2, 28)));
        Assert.Equal([new LocalDate(2027, 2, 28), new LocalDate(2027, 12, 25)], calendar.Upcoming(new LocalDate(2026, 12, 26), 5).Select(h => h.Date));
    }

    [Fact]
    public void A_digest_or_reflection_that_falls_on_a_day_away_comes_on_the_first_day_back()
    {
        var manager = Calendar(MemberBuilder.AManager().AwayFrom(new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 27)));
        var rep = Calendar(MemberBuilder.ARep().AwayFrom(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 2)));

        var digest = Assert.Single(manager.On(new LocalDate(2026, 11, 30)), o => o.Kind == PromptKind.Digest);
        Assert.Equal((PromptKind.Digest, new LocalDate(2026, 11, 27)), (digest.Kind, digest.Anchor));
        var reflection = Assert.Single(rep.On(new LocalDate(2026, 12, 3)), o => o.Kind == PromptKind.Reflection);
        Assert.Equal(new LocalDate(2026, 12, 1), reflection.Anchor);
        Assert.DoesNotContain(rep.On(new LocalDate(2026, 12, 4)), o => o.Kind == PromptKind.Reflection);
    }

    [Fact]
    public void Outside_working_hours_the_next_allowed_moment_is_the_next_working_mornings_start()
    {
        var calendar = Calendar(MemberBuilder.ARep());
        var friday7pm = Instant.FromUtc(2026, 11, 28, 0, 0); // Friday 19:00 in New York
        var tuesday7am = Instant.FromUtc(2026, 11, 24, 12, 0); // Tuesday 07:00

        Assert.False(calendar.InWorkingHours(friday7pm));
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 13, 0), calendar.NextInWorkingHours(friday7pm)); // Monday 08:00
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 13, 0), calendar.NextInWorkingHours(tuesday7am));
        Assert.True(calendar.InWorkingHours(Instant.FromUtc(2026, 11, 24, 15, 0)));
    }

    [Fact]
    public void Time_away_and_holidays_neither_count_nor_break_a_streak_but_a_missed_working_day_does()
    {
        var monday = new LocalDate(2026, 11, 16);
        var team = TestData.Team with { Holidays = HolidayCalendar.Empty.Add(new Holiday(monday.PlusDays(3), "Offsite")) };
        var away = Calendar(MemberBuilder.ARep().AwayFrom(monday.PlusDays(1), monday.PlusDays(2)), team);
        var notAway = Calendar(MemberBuilder.ARep(), team);
        LocalDate[] reported = [monday.PlusDays(-3), monday, monday.PlusDays(4)]; // Fri, Mon, (Tue–Wed away, Thu holiday) Fri

        Assert.Equal(3, Streak.CheckInStreak(reported, monday.PlusDays(4), away));
        Assert.Equal(1, Streak.CheckInStreak(reported, monday.PlusDays(4), notAway));
    }

    [Theory]
    [InlineData("mon-fri", "Mon–Fri")]
    [InlineData("sun-thu", "Sun–Thu")]
    [InlineData("mon-sun", "every day")]
    [InlineData("Monday, Wednesday, Friday", "Mon, Wed, Fri")]
    [InlineData("tue to thu", "Tue–Thu")]
    public void Working_days_are_read_as_people_write_them(string text, string display) =>
        Assert.Equal(display, WeekDays.Display(WeekDays.Parse(text)!));

    [Theory]
    [InlineData("")]
    [InlineData("weekdays please")]
    [InlineData("mon-")]
    public void Words_that_are_not_days_are_not_a_schedule(string text) => Assert.Null(WeekDays.Parse(text));

    [Fact]
    public void A_schedule_with_no_working_days_hours_that_end_before_they_start_or_a_reminder_before_the_prompt_is_refused()
    {
        Assert.NotNull((Schedule.Default with { WorkingDays = [] }).Problem());
        Assert.NotNull((Schedule.Default with { WorkdayEnd = new LocalTime(7, 0) }).Problem());
        Assert.NotNull((Schedule.Default with { ReminderAt = new LocalTime(8, 0) }).Problem());
        Assert.Null(Schedule.Default.Problem());
    }

    [Fact]
    public void Time_away_that_overlaps_or_touches_is_merged_and_back_early_cancels_from_today()
    {
        var member = MemberBuilder.ARep().Build()
            .WithTimeAway(new AwayPeriod(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 3), "away"))
            .WithTimeAway(new AwayPeriod(new LocalDate(2026, 12, 4), new LocalDate(2026, 12, 8), "away"));

        Assert.Equal(new AwayPeriod(new LocalDate(2026, 12, 1), new LocalDate(2026, 12, 8), "away"), Assert.Single(member.TimeAway));
        Assert.Equal(new LocalDate(2026, 12, 4), Assert.Single(member.BackOn(new LocalDate(2026, 12, 5)).TimeAway).To);
        Assert.Throws<DomainRuleException>(() => member.WithTimeAway(new AwayPeriod(new LocalDate(2026, 12, 9), new LocalDate(2026, 12, 1), "away")));
    }
}
