using NodaTime;
using SalesBot.Core.Organization;

namespace SalesBot.Core.Schedules;

/// <summary>
/// One member's days and hours: the team's schedule with their own choices laid over it, the team's
/// holidays and their time away, in their own zone.
/// </summary>
/// <remarks>
/// Local times become instants with NodaTime's lenient rule: a time that falls into a DST gap (02:30
/// on a spring-forward night) moves forward by the gap's length, and a time that happens twice (an
/// autumn overlap) uses the first. Each local day so has exactly one instant per scheduled time:
/// nothing is skipped and nothing is sent twice.
/// </remarks>
public sealed class MemberCalendar
{
    // Bounds every walk over days, so that an odd calendar (every day a holiday) cannot loop.
    private const int MaxDaysWalked = 400;

    public MemberCalendar(Member member, Team team)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(team);
        Member = member;
        Schedule = team.Schedule.With(member.Schedule);
        Holidays = team.Holidays;
        Alerts = team.Alerts;
        Zone = member.TimeZone;
    }

    public Member Member { get; }

    public Schedule Schedule { get; }

    public HolidayCalendar Holidays { get; }

    /// <summary>The team's coaching alerts: a manager gets the day's at their time, when any rule is on.</summary>
    public Summaries.AlertSettings Alerts { get; }

    public DateTimeZone Zone { get; }

    public LocalDate Today(Instant now) => now.InZone(Zone).Date;

    /// <summary>A day the team works: one of the schedule's working days, and not a team holiday.</summary>
    public bool IsWorkingDay(LocalDate date) => Schedule.IsWorkingDay(date.DayOfWeek) && !Holidays.IsHoliday(date);

    public bool IsAway(LocalDate date) => Member.AwayOn(date) is not null;

    /// <summary>A day the member is asked for things: a working day they are not away.</summary>
    public bool IsAvailable(LocalDate date) => IsWorkingDay(date) && !IsAway(date);

    public LocalDate PreviousWorkingDay(LocalDate date) => Walk(date, -1, IsWorkingDay);

    public LocalDate NextWorkingDay(LocalDate date) => Walk(date, 1, IsWorkingDay);

    /// <summary>The day a check-in made on <paramref name="today"/> reports on: the working day before it.</summary>
    public LocalDate ReportDateFor(LocalDate today) => PreviousWorkingDay(today);

    public LocalDate ReportDateFor(Instant now) => ReportDateFor(Today(now));

    /// <summary>
    /// A report day nobody should count as missed: not a working day, a day away, or a day whose
    /// check-in would have been asked for while the member was away.
    /// </summary>
    public bool Excuses(LocalDate reportDate) =>
        !IsWorkingDay(reportDate) || IsAway(reportDate) || IsAway(NextWorkingDay(reportDate));

    /// <summary>The instant of a local time on a day, by the DST rule above.</summary>
    public Instant At(LocalDate date, LocalTime time) => Zone.AtLeniently(date.At(time)).ToInstant();

    /// <summary>Inside working hours on a working day the member is not away.</summary>
    public bool InWorkingHours(Instant instant)
    {
        var local = instant.InZone(Zone);
        return IsAvailable(local.Date) && local.TimeOfDay >= Schedule.WorkdayStart && local.TimeOfDay < Schedule.WorkdayEnd;
    }

    /// <summary><paramref name="instant"/> itself inside working hours, else when they next begin.</summary>
    public Instant NextInWorkingHours(Instant instant)
    {
        if (InWorkingHours(instant))
        {
            return instant;
        }

        var local = instant.InZone(Zone);
        var day = IsAvailable(local.Date) && local.TimeOfDay < Schedule.WorkdayStart ? local.Date : Walk(local.Date, 1, IsAvailable);
        return At(day, Schedule.WorkdayStart);
    }

    public Instant EndOfWorkingHours(LocalDate date) => At(date, Schedule.WorkdayEnd);

    /// <summary>The first working day of the month of <paramref name="date"/>, holidays skipped.</summary>
    public LocalDate FirstWorkingDayOfMonth(LocalDate date)
    {
        var first = new LocalDate(date.Year, date.Month, 1);
        return IsWorkingDay(first) ? first : NextWorkingDay(first);
    }

    /// <summary>
    /// The scheduled things of one local day, by role: a rep's check-in, reminder and (on the month's
    /// first working day) reflection; a manager's daily coaching alerts and weekly digest; a leader's monthly roll-up. Nothing on
    /// a day away or a holiday; a digest or roll-up that fell on one comes on the first day back.
    /// </summary>
    public IReadOnlyList<Occurrence> On(LocalDate day)
    {
        if (!IsAvailable(day))
        {
            return [];
        }

        var due = new List<Occurrence>();
        if (Member.Role.IsRep())
        {
            due.Add(new Occurrence(PromptKind.CheckIn, day, day, At(day, Schedule.CheckInAt)));
            if (Schedule.ReminderAt is { } reminder)
            {
                due.Add(new Occurrence(PromptKind.Reminder, day, day, At(day, reminder)));
            }

            if (FirstAvailableOnOrAfter(FirstWorkingDayOfMonth(day)) == day)
            {
                due.Add(new Occurrence(PromptKind.Reflection, day, FirstWorkingDayOfMonth(day), At(day, Schedule.ReflectionAt)));
            }
        }

        if (Member.Role == MemberRole.Manager && Alerts.AnyOn)
        {
            due.Add(new Occurrence(PromptKind.Alerts, day, day, At(day, Alerts.At)));
        }

        if (Member.Role == MemberRole.Manager && DigestAnchor(day) is { } digestDay)
        {
            due.Add(new Occurrence(PromptKind.Digest, day, digestDay, At(day, Schedule.DigestAt)));
        }

        if (Member.Role == MemberRole.Leader && FirstAvailableOnOrAfter(FirstWorkingDayOfMonth(day)) == day)
        {
            due.Add(new Occurrence(PromptKind.Rollup, day, FirstWorkingDayOfMonth(day), At(day, Schedule.RollupAt)));
        }

        return due;
    }

    /// <summary>The scheduled things whose time is in (<paramref name="after"/>, <paramref name="until"/>], oldest first.</summary>
    public IEnumerable<Occurrence> Between(Instant after, Instant until)
    {
        // A day's times may sit a little outside its own date once DST moves them; one day of slack each side.
        for (var day = Today(after).PlusDays(-1); day <= Today(until).PlusDays(1); day = day.PlusDays(1))
        {
            foreach (var occurrence in On(day).Where(o => o.At > after && o.At <= until).OrderBy(o => o.At))
            {
                yield return occurrence;
            }
        }
    }

    /// <summary>The next scheduled time after <paramref name="after"/>, looking a few weeks ahead; null when nothing is.</summary>
    public Instant? NextAfter(Instant after)
    {
        var today = Today(after);
        for (var day = today; day <= today.PlusDays(35); day = day.PlusDays(1))
        {
            var next = On(day).Where(o => o.At > after).Select(o => (Instant?)o.At).Min();
            if (next is not null)
            {
                return next;
            }
        }

        return null;
    }

    private LocalDate? DigestAnchor(LocalDate day)
    {
        // The digest day of this week, or the latest one before it that the manager missed.
        for (var back = 0; back < 7; back++)
        {
            var candidate = day.PlusDays(-back);
            if (candidate.DayOfWeek == Schedule.DigestDay)
            {
                return FirstAvailableOnOrAfter(candidate) == day ? candidate : null;
            }
        }

        return null;
    }

    private LocalDate FirstAvailableOnOrAfter(LocalDate date) => IsAvailable(date) ? date : Walk(date, 1, IsAvailable);

    private static LocalDate Walk(LocalDate from, int step, Func<LocalDate, bool> wanted)
    {
        var d = from.PlusDays(step);
        for (var i = 0; i < MaxDaysWalked && !wanted(d); i++)
        {
            d = d.PlusDays(step);
        }

        return d;
    }
}

public enum PromptKind
{
    CheckIn,
    Reminder,
    Reflection,
    Digest,
    Rollup,

    /// <summary>A manager's coaching alerts of the day (sent only when there is one).</summary>
    Alerts,
}

/// <summary>
/// One scheduled thing: its kind, the local day it is sent on, the day it is for (the month's first
/// working day for a reflection, the digest day of the week), and the instant it is due.
/// </summary>
public sealed record Occurrence(PromptKind Kind, LocalDate Day, LocalDate Anchor, Instant At);
