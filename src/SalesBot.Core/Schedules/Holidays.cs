using NodaTime;

namespace SalesBot.Core.Schedules;

/// <summary>
/// A team's days off: single dates, and dates that come back every year (e.g. 25 Dec). Nobody on the
/// team is prompted, reminded or counted as missing on them.
/// </summary>
public sealed record HolidayCalendar
{
    public const int MaxEntries = 200;

    public static HolidayCalendar Empty { get; } = new();

    public IReadOnlyList<Holiday> Dates { get; init; } = [];

    public IReadOnlyList<YearlyHoliday> Yearly { get; init; } = [];

    public bool IsHoliday(LocalDate date) => NameOf(date) is not null;

    public string? NameOf(LocalDate date) =>
        Dates.FirstOrDefault(h => h.Date == date)?.Name
        ?? Yearly.FirstOrDefault(h => h.On(date.Year) == date)?.Name;

    public HolidayCalendar Add(Holiday holiday)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        return this with { Dates = [.. Dates.Where(h => h.Date != holiday.Date), holiday] };
    }

    public HolidayCalendar Add(YearlyHoliday holiday)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        return this with { Yearly = [.. Yearly.Where(h => h.Month != holiday.Month || h.Day != holiday.Day), holiday] };
    }

    /// <summary>Removes a single date and a yearly entry on the same month and day.</summary>
    public HolidayCalendar Remove(LocalDate date) => this with
    {
        Dates = [.. Dates.Where(h => h.Date != date)],
        Yearly = [.. Yearly.Where(h => h.Month != date.Month || h.Day != date.Day)],
    };

    public int Count => Dates.Count + Yearly.Count;

    public bool Equals(HolidayCalendar? other) => other is not null && Dates.SequenceEqual(other.Dates) && Yearly.SequenceEqual(other.Yearly);

    public override int GetHashCode() => HashCode.Combine(Dates.Count, Yearly.Count);

    /// <summary>The holidays from <paramref name="from"/> on, nearest first, yearly ones on their next date.</summary>
    public IReadOnlyList<Holiday> Upcoming(LocalDate from, int max) =>
        Dates.Where(h => h.Date >= from)
            .Concat(Yearly.Select(y => new Holiday(y.NextOnOrAfter(from), y.Name)))
            .OrderBy(h => h.Date)
            .Take(max)
            .ToList();
}

public sealed record Holiday(LocalDate Date, string Name);

/// <summary>A holiday on the same month and day every year; 29 Feb falls on 28 Feb in other years.</summary>
public sealed record YearlyHoliday(int Month, int Day, string Name)
{
    public LocalDate On(int year) =>
        new(year, Month, Math.Min(Day, CalendarSystem.Iso.GetDaysInMonth(year, Month)));

    public LocalDate NextOnOrAfter(LocalDate date) => On(date.Year) >= date ? On(date.Year) : On(date.Year + 1);
}
