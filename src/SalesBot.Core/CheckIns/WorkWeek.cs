using NodaTime;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// Working days. A check-in on Monday reports on Friday: weekends neither need a check-in nor break
/// a streak.
/// </summary>
public static class WorkWeek
{
    public static bool IsWorkday(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);

    public static LocalDate PreviousWorkday(LocalDate date)
    {
        var d = date.PlusDays(-1);
        while (!IsWorkday(d))
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    /// <summary>The day a check-in made at <paramref name="now"/> in <paramref name="zone"/> reports on.</summary>
    public static LocalDate ReportDateFor(Instant now, DateTimeZone zone) =>
        PreviousWorkday(now.InZone(zone).Date);
}
