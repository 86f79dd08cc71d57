using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Wins;
using SalesBot.Testing;

namespace SalesBot.Core.Tests;

/// <summary>Quiet hours of a team channel, its round-up day, the recognition settings, and the check-in edit window.</summary>
public class RecognitionRulesTests
{
    private static readonly Team Team = TestData.Team with
    {
        Holidays = HolidayCalendar.Empty.Add(new Holiday(new LocalDate(2026, 11, 26), "Thanksgiving")),
    };

    [Theory]
    [InlineData(2026, 11, 24, 3, 0, 2026, 11, 24, 13, 0)] // Mon 22:00 New York -> Tue 08:00
    [InlineData(2026, 11, 24, 12, 59, 2026, 11, 24, 13, 0)] // Tue 07:59 -> 08:00
    [InlineData(2026, 11, 28, 3, 0, 2026, 11, 30, 13, 0)] // Fri 22:00 -> Mon 08:00
    [InlineData(2026, 11, 26, 15, 0, 2026, 11, 27, 13, 0)] // Thanksgiving 10:00 (a team holiday) -> Fri 08:00
    [InlineData(2026, 11, 25, 15, 0, 2026, 11, 25, 15, 0)] // Wed 10:00: open now
    public void A_channel_post_outside_the_teams_working_hours_waits_for_the_next_working_morning(int y, int m, int d, int h, int min, int ey, int em, int ed, int eh, int emin)
    {
        var hours = new ChannelHours(Team);

        Assert.Equal(Instant.FromUtc(ey, em, ed, eh, emin), hours.NextOpen(Instant.FromUtc(y, m, d, h, min)));
    }

    [Fact]
    public void The_team_local_day_is_the_teams_own_not_utcs()
    {
        var hours = new ChannelHours(Team);

        Assert.Equal(new LocalDate(2026, 11, 23), hours.Today(Instant.FromUtc(2026, 11, 24, 3, 0)));
        Assert.Equal(Instant.FromUtc(2026, 11, 23, 22, 30), hours.RoundUpAt(new LocalDate(2026, 11, 23)));
    }

    [Theory]
    [InlineData(2026, 11, 23, 22, 29, 2026, 11, 23)] // Mon 17:29: today's round-up
    [InlineData(2026, 11, 23, 22, 30, 2026, 11, 24)] // Mon 17:30: today's is going out, so Tuesday's
    [InlineData(2026, 11, 25, 23, 0, 2026, 11, 27)] // Wed 18:00, Thursday a holiday: Friday's
    public void A_post_folded_after_the_round_up_joins_the_next_working_days(int y, int m, int d, int h, int min, int ey, int em, int ed)
    {
        Assert.Equal(new LocalDate(ey, em, ed), new ChannelHours(Team).RoundUpDayFor(Instant.FromUtc(y, m, d, h, min)));
    }

    [Theory]
    [InlineData(5, 17, 30, null)]
    [InlineData(0, 12, 0, null)]
    [InlineData(51, 17, 30, "from 0 to 50")]
    [InlineData(5, 19, 0, "inside the team's working hours")]
    [InlineData(5, 7, 0, "inside the team's working hours")]
    public void Recognition_settings_must_fit_the_teams_working_hours(int cap, int h, int min, string? problem)
    {
        var settings = new RecognitionSettings { DailyPostCap = cap, RoundUpAt = new LocalTime(h, min) };

        var found = settings.Problem(Schedule.Default);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_edit_window_skips_weekends_holidays_and_time_away()
    {
        // Today is Mon 30 Nov: the current report day is Fri 27; Thu 26 is Thanksgiving and Wed 25 a day away.
        var rep = MemberBuilder.ARep().AwayFrom(new LocalDate(2026, 11, 25), new LocalDate(2026, 11, 25)).Build();
        var calendar = new MemberCalendar(rep, Team);

        var days = CheckInEditWindow.Days(calendar, new LocalDate(2026, 11, 27), 2);

        Assert.Equal([new LocalDate(2026, 11, 27), new LocalDate(2026, 11, 24), new LocalDate(2026, 11, 23)], days);
        Assert.False(CheckInEditWindow.Allows(calendar, new LocalDate(2026, 11, 27), 2, new LocalDate(2026, 11, 20)));
        Assert.Equal([new LocalDate(2026, 11, 27)], CheckInEditWindow.Days(calendar, new LocalDate(2026, 11, 27), 0));
    }
}
