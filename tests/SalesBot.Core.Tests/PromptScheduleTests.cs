using NodaTime;
using SalesBot.Core.CheckIns;

namespace SalesBot.Core.Tests;

public class PromptScheduleTests
{
    private static readonly PromptSchedule NineOClock = PromptSchedule.Default;

    [Theory]
    [InlineData("America/New_York", 2026, 11, 23, 13, 59, false)] // Monday 08:59 local
    [InlineData("America/New_York", 2026, 11, 23, 14, 0, true)] // Monday 09:00 local
    [InlineData("America/New_York", 2026, 11, 23, 16, 59, true)] // 11:59, still in the window
    [InlineData("America/New_York", 2026, 11, 23, 17, 0, false)] // 12:00, too late to ask
    [InlineData("America/New_York", 2026, 11, 21, 14, 0, false)] // Saturday
    [InlineData("Australia/Sydney", 2026, 11, 22, 22, 0, true)] // Monday 09:00 in Sydney, still Sunday in UTC
    [InlineData("Australia/Lord_Howe", 2026, 11, 22, 22, 0, true)] // +11 in summer, same instant as Sydney
    [InlineData("Europe/London", 2026, 3, 30, 8, 0, true)] // Monday after spring-forward: 09:00 BST is 08:00 UTC
    [InlineData("Europe/London", 2026, 3, 30, 7, 59, false)]
    public void A_prompt_is_due_from_nine_local_time_on_workdays(string zone, int y, int mo, int d, int h, int mi, bool due)
    {
        var result = NineOClock.DueDay(Instant.FromUtc(y, mo, d, h, mi), DateTimeZoneProviders.Tzdb[zone]);

        Assert.Equal(due, result.HasValue);
    }

    // Most zones change clocks at weekends, when nobody is prompted; Egypt changes on a Friday in April
    // (00:00 -> 01:00) and on a Thursday night in October (24:00 -> 23:00), both workdays.
    private static readonly DateTimeZone Cairo = DateTimeZoneProviders.Tzdb["Africa/Cairo"];

    [Fact]
    public void A_prompt_time_in_the_spring_forward_gap_moves_forward_by_the_gap()
    {
        var schedule = new PromptSchedule(new LocalTime(0, 30), Duration.FromHours(1));
        Assert.Equal(Offset.FromHours(2), Cairo.GetUtcOffset(Instant.FromUtc(2026, 4, 23, 21, 59)));
        Assert.Equal(Offset.FromHours(3), Cairo.GetUtcOffset(Instant.FromUtc(2026, 4, 23, 22, 0)));

        // Friday 24 April 2026: 00:30 does not exist in Cairo; it becomes 01:30 EEST (+03), 22:30 UTC the day before.
        Assert.Null(schedule.DueDay(Instant.FromUtc(2026, 4, 23, 22, 29), Cairo));
        Assert.Equal(new LocalDate(2026, 4, 24), schedule.DueDay(Instant.FromUtc(2026, 4, 23, 22, 30), Cairo));
    }

    [Fact]
    public void A_prompt_time_in_the_autumn_overlap_is_asked_once_at_its_first_occurrence()
    {
        var schedule = new PromptSchedule(new LocalTime(23, 30), Duration.FromMinutes(20));
        Assert.Equal(Offset.FromHours(3), Cairo.GetUtcOffset(Instant.FromUtc(2026, 10, 29, 20, 59)));
        Assert.Equal(Offset.FromHours(2), Cairo.GetUtcOffset(Instant.FromUtc(2026, 10, 29, 21, 0)));

        // Thursday 29 October 2026: 23:30 happens at +03 (20:30 UTC) and again at +02 (21:30 UTC).
        Assert.Equal(new LocalDate(2026, 10, 29), schedule.DueDay(Instant.FromUtc(2026, 10, 29, 20, 30), Cairo));
        Assert.Null(schedule.DueDay(Instant.FromUtc(2026, 10, 29, 21, 30), Cairo));
    }
}
