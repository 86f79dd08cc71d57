using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Summaries;

/// <summary>
/// One member's month, kept current at write time (DESIGN "Summaries are kept, not computed"): the
/// numbers and blocker of each report day and the wins logged in the month, so that a week, a month
/// or a streak is read from a few of these instead of every check-in. A day holds its values, not a
/// delta, so a corrected check-in replaces the day and nothing is counted twice. Counts that depend
/// on the calendar (expected, away) are derived at read time from the member's calendar, which may
/// change after the day was written.
/// </summary>
public sealed record MonthRollup
{
    public required string MemberId { get; init; }

    public required YearMonth Month { get; init; }

    /// <summary>One per report day in the month, oldest first; plans are left out (a summary never shows them).</summary>
    public IReadOnlyList<CheckIn> CheckIns { get; init; } = [];

    /// <summary>Wins whose instant falls in the month (UTC), oldest first.</summary>
    public IReadOnlyList<Win> Wins { get; init; } = [];

    public static MonthRollup Empty(string memberId, YearMonth month) => new() { MemberId = memberId, Month = month };

    /// <summary>The month a report day is kept in.</summary>
    public static YearMonth MonthOf(LocalDate reportDate) => new(reportDate.Year, reportDate.Month);

    /// <summary>The month a win is kept in: by its UTC date, which needs no time zone to find again.</summary>
    public static YearMonth MonthOf(Instant at)
    {
        var date = at.InUtc().Date;
        return new(date.Year, date.Month);
    }

    /// <summary>The month rebuilt from its records (a backfill, or a month first touched after an upgrade).</summary>
    public static MonthRollup Build(string memberId, YearMonth month, IEnumerable<CheckIn> checkIns, IEnumerable<Win> wins)
    {
        ArgumentNullException.ThrowIfNull(checkIns);
        ArgumentNullException.ThrowIfNull(wins);
        var rollup = Empty(memberId, month);
        foreach (var checkIn in checkIns.Where(c => c.MemberId == memberId && MonthOf(c.ReportDate) == month))
        {
            rollup = rollup.With(checkIn);
        }

        foreach (var win in wins.Where(w => w.MemberId == memberId && MonthOf(w.At) == month))
        {
            rollup = rollup.With(win);
        }

        return rollup;
    }

    /// <summary>The day as <paramref name="checkIn"/> now says: added, or replaced when corrected.</summary>
    public MonthRollup With(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        if (checkIn.MemberId != MemberId || MonthOf(checkIn.ReportDate) != Month)
        {
            throw new ArgumentException($"A check-in of {checkIn.MemberId} for {checkIn.ReportDate} does not belong in {MemberId}'s {Month}.", nameof(checkIn));
        }

        var day = checkIn with { Plan = [] };
        return this with { CheckIns = [.. CheckIns.Where(c => c.ReportDate != checkIn.ReportDate).Append(day).OrderBy(c => c.ReportDate)] };
    }

    /// <summary>The win added once: a win already kept under its id stays as it is (ids are deterministic, like the store's).</summary>
    public MonthRollup With(Win win)
    {
        ArgumentNullException.ThrowIfNull(win);
        if (win.MemberId != MemberId || MonthOf(win.At) != Month)
        {
            throw new ArgumentException($"Win {win.Id} does not belong in {MemberId}'s {Month}.", nameof(win));
        }

        return Wins.Any(w => w.Id == win.Id)
            ? this
            : this with { Wins = [.. Wins.Append(win).OrderBy(w => w.At).ThenBy(w => w.Id, StringComparer.Ordinal)] };
    }
}
