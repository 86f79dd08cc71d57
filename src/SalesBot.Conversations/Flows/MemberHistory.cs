using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// A rep's recent history for summaries, read from their month rollups in one store call: the
/// check-ins of the lookback and the period (for the streak, a blocker's age and the four-week
/// average) and the wins of the period. The months read depend on the dates asked for, never on how
/// much history there is.
/// </summary>
public sealed class MemberHistory(IRollupStore rollups)
{
    /// <summary>How far back a streak or an average is looked for (as before the rollups: about four months of working days).</summary>
    public const int LookbackDays = 120;

    public async Task<RepHistory> ReadAsync(MemberCalendar calendar, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = LocalDate.Min(from, to.PlusDays(-LookbackDays));
        var winsFrom = calendar.At(from, LocalTime.Midnight);
        var winsTo = calendar.At(to.PlusDays(1), LocalTime.Midnight);
        var months = await rollups.ListAsync(
            calendar.Member.Id,
            Earliest(MonthRollup.MonthOf(first), MonthRollup.MonthOf(winsFrom)),
            Latest(MonthRollup.MonthOf(to), MonthRollup.MonthOf(winsTo)),
            cancellationToken);
        var checkIns = months.SelectMany(m => m.CheckIns).Where(c => c.ReportDate >= first && c.ReportDate <= to).OrderBy(c => c.ReportDate).ToList();
        var wins = months.SelectMany(m => m.Wins).Where(w => w.At >= winsFrom && w.At < winsTo)
            .OrderBy(w => w.At).ThenBy(w => w.Id, StringComparer.Ordinal).ToList();
        return new RepHistory(checkIns, wins) { MonthsWins = [.. months.SelectMany(m => m.Wins)] };
    }

    private static YearMonth Earliest(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0 ? a : b;

    private static YearMonth Latest(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0 ? a : b;
}

/// <param name="CheckIns">From <see cref="MemberHistory.LookbackDays"/> before the period (or its start, if earlier) through its end, oldest first.</param>
/// <param name="Wins">The wins in the period.</param>
public sealed record RepHistory(IReadOnlyList<CheckIn> CheckIns, IReadOnlyList<Win> Wins)
{
    /// <summary>Every win of the months read (a whole month's, so a quota's month-to-date needs no further read).</summary>
    public IReadOnlyList<Win> MonthsWins { get; init; } = [];
}
