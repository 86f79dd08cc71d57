using NodaTime;
using SalesBot.Core.Wins;

namespace SalesBot.Core.Metrics;

/// <summary>
/// The results the lead metrics drive: deals and revenue in a month (the rep's deal-closed wins, in
/// their own time zone), against the quota their manager set.
/// </summary>
public sealed record LagOutcome(string MemberId, YearMonth Month, int Deals, decimal Revenue, MonthlyQuota Quota)
{
    public double? DealAttainment => Quota.Deals is { } q ? (double)Deals / q : null;

    public double? RevenueAttainment => Quota.Revenue is { } q ? (double)(Revenue / q) : null;

    /// <summary>Every part of the quota that was set is reached.</summary>
    public bool QuotaMet => (Quota.Deals is not { } d || Deals >= d) && (Quota.Revenue is not { } r || Revenue >= r) && !Quota.IsEmpty;

    /// <param name="wins">The rep's wins; those outside the month (in <paramref name="zone"/>) are ignored.</param>
    public static LagOutcome For(string memberId, YearMonth month, DateTimeZone zone, MonthlyQuota quota, IEnumerable<Win> wins)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(wins);
        var deals = wins.Where(w => w.MemberId == memberId && w.Kind == WinKind.DealClosed && MonthOf(w.At, zone) == month).ToList();
        return new LagOutcome(memberId, month, deals.Count, deals.Sum(w => w.Amount ?? 0m), quota);
    }

    public static YearMonth MonthOf(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return at.InZone(zone).Date.ToYearMonth();
    }

    /// <summary>The instants a month spans in a zone, [start, end): midnight can fall in a DST gap, so start of day.</summary>
    public static (Instant From, Instant To) Span(YearMonth month, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (zone.AtStartOfDay(month.OnDayOfMonth(1)).ToInstant(), zone.AtStartOfDay(month.PlusMonths(1).OnDayOfMonth(1)).ToInstant());
    }

    /// <summary>"2 of 5 deals (40%) · 12,000 of $40,000 (30%)", only the parts of the quota that were set.</summary>
    public string Progress()
    {
        var parts = new List<string>();
        if (Quota.Deals is { } d)
        {
            parts.Add($"{Deals} of {d} {(d == 1 ? "deal" : "deals")} ({Percent(DealAttainment)})");
        }

        if (Quota.Revenue is { } r)
        {
            parts.Add($"{Money.Format(Revenue, Quota.Currency)} of {Money.Format(r, Quota.Currency)} ({Percent(RevenueAttainment)})");
        }

        return string.Join(" · ", parts) + (QuotaMet ? " ✅ quota met" : string.Empty);
    }

    private static string Percent(double? share) => $"{Math.Floor((share ?? 0) * 100):0}%";
}
