using NodaTime;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Wins;

/// <summary>
/// When a team's channel may be posted to: the team's working days and hours in the team's own time
/// zone, team holidays off (quiet hours for channel posts). Also what a "team-local day" is, for the
/// daily cap and the round-up.
/// </summary>
public sealed class ChannelHours
{
    private const int MaxDaysWalked = 400;

    public ChannelHours(Team team)
    {
        ArgumentNullException.ThrowIfNull(team);
        Team = team;
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(team.DefaultTimeZone) ?? DateTimeZone.Utc;
    }

    public Team Team { get; }

    public DateTimeZone Zone { get; }

    private Schedule Schedule => Team.Schedule;

    public LocalDate Today(Instant now) => now.InZone(Zone).Date;

    public bool IsWorkingDay(LocalDate date) => Schedule.IsWorkingDay(date.DayOfWeek) && !Team.Holidays.IsHoliday(date);

    /// <summary>Inside the team's working hours on one of its working days.</summary>
    public bool IsOpen(Instant instant)
    {
        var local = instant.InZone(Zone);
        return IsWorkingDay(local.Date) && local.TimeOfDay >= Schedule.WorkdayStart && local.TimeOfDay < Schedule.WorkdayEnd;
    }

    /// <summary><paramref name="instant"/> itself when the channel is open, else when it next opens.</summary>
    public Instant NextOpen(Instant instant)
    {
        if (IsOpen(instant))
        {
            return instant;
        }

        var local = instant.InZone(Zone);
        var day = IsWorkingDay(local.Date) && local.TimeOfDay < Schedule.WorkdayStart ? local.Date : NextWorkingDay(local.Date);
        return OpensAt(day);
    }

    public LocalDate NextWorkingDay(LocalDate date)
    {
        var d = date.PlusDays(1);
        for (var i = 0; i < MaxDaysWalked && !IsWorkingDay(d); i++)
        {
            d = d.PlusDays(1);
        }

        return d;
    }

    public LocalDate PreviousWorkingDay(LocalDate date)
    {
        var d = date.PlusDays(-1);
        for (var i = 0; i < MaxDaysWalked && !IsWorkingDay(d); i++)
        {
            d = d.PlusDays(-1);
        }

        return d;
    }

    /// <summary>When the channel opens on <paramref name="date"/> (its working hours start).</summary>
    public Instant OpensAt(LocalDate date) => At(date, Schedule.WorkdayStart);

    /// <summary>When the channel closes on <paramref name="date"/> (its working hours end).</summary>
    public Instant ClosesAt(LocalDate date) => At(date, Schedule.WorkdayEnd);

    public Instant StartOfDay(LocalDate date) => Zone.AtStartOfDay(date).ToInstant();

    /// <summary>When the round-up of <paramref name="date"/> goes out.</summary>
    public Instant RoundUpAt(LocalDate date) => At(date, Team.Recognition.RoundUpAt);

    /// <summary>The day whose round-up a post folded at <paramref name="now"/> joins: today's until it is out, else the next working day's.</summary>
    public LocalDate RoundUpDayFor(Instant now)
    {
        var today = Today(now);
        return IsWorkingDay(today) && now < RoundUpAt(today) ? today : NextWorkingDay(today);
    }

    private Instant At(LocalDate date, LocalTime time) => Zone.AtLeniently(date.At(time)).ToInstant();
}
