using NodaTime;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// The report days a rep may still check in for or correct: the current report day, and the
/// <c>workingDays</c> days before it on which they worked. Weekends, team holidays and time away do not
/// count, so a rep back from a day off can still fix the days around it; anything older is history
/// nobody can rewrite (and no streak can be invented).
/// </summary>
public static class CheckInEditWindow
{
    public const int MaxWorkingDays = 10;

    // Bounds the walk back, so that an odd calendar (every day away) cannot loop.
    private const int MaxDaysWalked = 60;

    /// <summary>The days that may be changed, newest first: <paramref name="current"/>, then the earlier ones.</summary>
    public static IReadOnlyList<LocalDate> Days(MemberCalendar calendar, LocalDate current, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var days = new List<LocalDate> { current };
        var day = current;
        for (var walked = 0; days.Count <= workingDays && walked < MaxDaysWalked; walked++)
        {
            day = day.PlusDays(-1);
            if (calendar.IsAvailable(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    public static bool Allows(MemberCalendar calendar, LocalDate current, int workingDays, LocalDate asked) =>
        Days(calendar, current, workingDays).Contains(asked);
}
