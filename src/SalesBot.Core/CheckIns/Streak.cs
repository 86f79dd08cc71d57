using NodaTime;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// Consecutive working days with a check-in, counted back from a day. Weekends are skipped, so a
/// Friday-then-Monday run stays unbroken.
/// </summary>
public static class Streak
{
    public static int CheckInStreak(IEnumerable<LocalDate> reportedDays, LocalDate through)
    {
        var days = reportedDays.ToHashSet();
        var count = 0;
        var d = WorkWeek.IsWorkday(through) ? through : WorkWeek.PreviousWorkday(through);
        while (days.Contains(d))
        {
            count++;
            d = WorkWeek.PreviousWorkday(d);
        }

        return count;
    }

    /// <summary>
    /// The streak by the member's own calendar: days that are not working days, team holidays and time
    /// away neither count nor break it (a rep back from vacation keeps the streak they left with).
    /// </summary>
    public static int CheckInStreak(IEnumerable<LocalDate> reportedDays, LocalDate through, MemberCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = reportedDays.ToHashSet();
        if (days.Count == 0)
        {
            return 0;
        }

        var earliest = days.Min();
        var count = 0;
        for (var d = through; d >= earliest; d = d.PlusDays(-1))
        {
            if (days.Contains(d) && calendar.IsWorkingDay(d))
            {
                count++;
            }
            else if (!calendar.Excuses(d))
            {
                break;
            }
        }

        return count;
    }

    /// <summary>Streak lengths worth celebrating in the team channel.</summary>
    public static bool IsMilestone(int streak) => streak is 5 or 10 or 20 or 40 || (streak > 40 && streak % 20 == 0);
}
