using NodaTime;

namespace SalesBot.Core.Schedules;

/// <summary>
/// When a team is asked for things, in each member's own time zone: the daily check-in, one reminder,
/// the monthly reflection, the manager's weekly digest and the leader's monthly roll-up. Working hours
/// bound every proactive message (quiet hours outside them). A member may override parts of it.
/// </summary>
public sealed record Schedule
{
    public static Schedule Default { get; } = new();

    /// <summary>The daily check-in prompt, on working days.</summary>
    public LocalTime CheckInAt { get; init; } = new(9, 0);

    public IReadOnlyList<IsoDayOfWeek> WorkingDays { get; init; } = WeekDays.MondayToFriday;

    /// <summary>One reminder when the check-in is still unanswered; null for none.</summary>
    public LocalTime? ReminderAt { get; init; } = new(13, 0);

    /// <summary>The reflection prompt, on the first working day of the month.</summary>
    public LocalTime ReflectionAt { get; init; } = new(15, 0);

    /// <summary>The manager's weekly digest: this day and time in the manager's zone.</summary>
    public IsoDayOfWeek DigestDay { get; init; } = IsoDayOfWeek.Friday;

    public LocalTime DigestAt { get; init; } = new(16, 0);

    /// <summary>The leader's roll-up of the month just ended, on the first working day of the month.</summary>
    public LocalTime RollupAt { get; init; } = new(10, 0);

    /// <summary>No proactive message to a member before this local time…</summary>
    public LocalTime WorkdayStart { get; init; } = new(8, 0);

    /// <summary>…or after this one.</summary>
    public LocalTime WorkdayEnd { get; init; } = new(19, 0);

    public bool IsWorkingDay(IsoDayOfWeek day) => WorkingDays.Contains(day);

    // Value equality over the days too, so a schedule read back from a store equals the one written.
    public bool Equals(Schedule? other) =>
        other is not null && CheckInAt == other.CheckInAt && WorkingDays.SequenceEqual(other.WorkingDays) && ReminderAt == other.ReminderAt
        && ReflectionAt == other.ReflectionAt && DigestDay == other.DigestDay && DigestAt == other.DigestAt && RollupAt == other.RollupAt
        && WorkdayStart == other.WorkdayStart && WorkdayEnd == other.WorkdayEnd;

    public override int GetHashCode() => HashCode.Combine(CheckInAt, WorkingDays.Count, ReminderAt, DigestDay, DigestAt, WorkdayStart, WorkdayEnd);

    /// <summary>This schedule with a member's own choices laid over it.</summary>
    public Schedule With(ScheduleOverride? personal) => personal is null ? this : this with
    {
        CheckInAt = personal.CheckInAt ?? CheckInAt,
        WorkingDays = personal.WorkingDays ?? WorkingDays,
        ReminderAt = personal.RemindersOff == true ? null : personal.ReminderAt ?? ReminderAt,
        WorkdayStart = personal.WorkdayStart ?? WorkdayStart,
        WorkdayEnd = personal.WorkdayEnd ?? WorkdayEnd,
    };

    /// <summary>Why this schedule cannot work, or null when it can.</summary>
    public string? Problem()
    {
        if (WorkingDays.Count == 0)
        {
            return "A schedule needs at least one working day.";
        }

        if (WorkdayEnd <= WorkdayStart)
        {
            return "Working hours must end after they start.";
        }

        return ReminderAt is { } reminder && reminder <= CheckInAt
            ? "The reminder must come after the check-in time."
            : null;
    }
}

/// <summary>A member's own schedule choices; anything left null follows the team.</summary>
public sealed record ScheduleOverride
{
    public LocalTime? CheckInAt { get; init; }

    public IReadOnlyList<IsoDayOfWeek>? WorkingDays { get; init; }

    public LocalTime? ReminderAt { get; init; }

    public bool? RemindersOff { get; init; }

    public LocalTime? WorkdayStart { get; init; }

    public LocalTime? WorkdayEnd { get; init; }

    public bool IsEmpty => this == new ScheduleOverride();

    public bool Equals(ScheduleOverride? other) =>
        other is not null && CheckInAt == other.CheckInAt && ReminderAt == other.ReminderAt && RemindersOff == other.RemindersOff
        && WorkdayStart == other.WorkdayStart && WorkdayEnd == other.WorkdayEnd
        && (WorkingDays ?? []).SequenceEqual(other.WorkingDays ?? []) && WorkingDays is null == other.WorkingDays is null;

    public override int GetHashCode() => HashCode.Combine(CheckInAt, ReminderAt, RemindersOff, WorkdayStart, WorkdayEnd, WorkingDays?.Count);
}
