using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The charts of the status views, built from the same numbers as the view they sit in (so whoever may
/// see the view may see its chart, and no one else). Everything is a percentage of target, so reps on
/// different metrics, and a metric of 30 calls beside one of 1 proposal, share one axis and one target line.
/// </summary>
public static class StatusCharts
{
    public const double Target = 100;
    private const int MaxNameLength = 18;

    /// <summary>
    /// Team week or month: per rep, their lead metrics' totals as a % of target (the average over their
    /// metrics) and their check-ins as a % of those expected, against the 100% line. The first
    /// <see cref="Chart.MaxLabels"/> reps are drawn; a rep expected on no day (away throughout) has no bars.
    /// </summary>
    public static Chart? Team(string teamName, string period, IReadOnlyList<RepPeriod> reps)
    {
        ArgumentNullException.ThrowIfNull(reps);
        if (reps.Count == 0)
        {
            return null;
        }

        var shown = reps.Take(Chart.MaxLabels).ToList();
        var more = reps.Count > shown.Count ? $" (first {shown.Count} of {reps.Count} reps)" : string.Empty;
        return new Chart(
            ChartKind.Bars,
            $"{teamName} · {period}{more}",
            "Rep",
            "% of target",
            shown.Select(r => Short(r.Member.DisplayName) + (r.Expected == 0 ? " (away)" : string.Empty)).ToList(),
            [
                new ChartSeries("Lead metrics vs target", shown.Select(LeadPercent).ToList()),
                new ChartSeries("Check-ins vs expected", shown.Select(r => r.Expected == 0 ? (double?)null : Percent(r.Made, r.Expected)).ToList()),
            ],
            Target,
            "target (100%)");
    }

    /// <summary>
    /// One rep's days: each lead metric's value as a % of its daily target, one line per metric, across
    /// <paramref name="days"/> (a day without a check-in is a gap), against the 100% line.
    /// </summary>
    public static Chart? Rep(Member rep, string title, IReadOnlyList<LocalDate> days, IReadOnlyList<CheckIn> checkIns)
    {
        ArgumentNullException.ThrowIfNull(rep);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(checkIns);
        var metrics = rep.Metrics.Where(m => m.DailyTarget > 0).Take(Chart.MaxSeries).ToList();
        var shown = days.Order().TakeLast(Chart.MaxLabels).ToList();
        if (metrics.Count == 0 || shown.Count == 0)
        {
            return null;
        }

        var byDay = checkIns.GroupBy(c => c.ReportDate).ToDictionary(g => g.Key, g => g.Last());
        var pattern = shown.Count <= 7 ? "ddd d" : "d MMM";
        return new Chart(
            ChartKind.Lines,
            title,
            "Day",
            "% of daily target",
            shown.Select(d => d.ToString(pattern, CultureInfo.InvariantCulture)).ToList(),
            metrics.Select(m => new ChartSeries(
                $"{m.Name} (target {m.DailyTarget.ToString(CultureInfo.InvariantCulture)})",
                shown.Select(d => byDay.TryGetValue(d, out var c) && c.ValueOf(m.Key) is { } v ? Score(m, v, m.DailyTarget) : (double?)null).ToList())).ToList(),
            Target,
            "daily target (100%)");
    }

    /// <summary>The days a rep's chart runs over: each day they were expected to check in, and any day they did.</summary>
    public static IReadOnlyList<LocalDate> Days(MemberCalendar calendar, LocalDate from, LocalDate to, IEnumerable<CheckIn> history)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var reported = history.Select(c => c.ReportDate).ToHashSet();
        var days = new List<LocalDate>();
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            if (!calendar.Excuses(d) || reported.Contains(d))
            {
                days.Add(d);
            }
        }

        return days;
    }

    private static double? LeadPercent(RepPeriod rep)
    {
        var scores = rep.Totals.Where(t => t.Target > 0).Select(t => Score(t.Metric, t.Total, t.Target)).ToList();
        return scores.Count == 0 ? null : Math.Round(scores.Average(), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// A value as a % of its target. For a metric to keep low, meeting the target is 100% and going over
    /// it scores less (target ÷ value), so "above the line" always means good.
    /// </summary>
    private static double Score(LeadMetric metric, int value, int target) =>
        metric.HigherIsBetter || value <= target ? Percent(metric.HigherIsBetter ? value : target, target) : Percent(target, value);

    private static double Percent(int part, int whole) => Math.Round(100.0 * part / whole, MidpointRounding.AwayFromZero);

    private static string Short(string name) => name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 1)] + "…";
}
