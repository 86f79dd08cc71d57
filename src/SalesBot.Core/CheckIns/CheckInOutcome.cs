using SalesBot.Core.Metrics;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.CheckIns;

/// <summary>How a check-in compares with targets and with the rep's own history.</summary>
public sealed record CheckInOutcome(
    IReadOnlyList<MetricResult> Results,
    int Streak,
    IReadOnlyList<MetricResult> PersonalBests)
{
    public bool AllTargetsMet => Results.Count > 0 && Results.All(r => r.TargetMet);

    /// <summary>Compares <paramref name="checkIn"/> with targets and with <paramref name="history"/> (other days only).</summary>
    public static CheckInOutcome Evaluate(CheckIn checkIn, IReadOnlyList<LeadMetric> metrics, IReadOnlyList<CheckIn> history, MemberCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(history);

        var earlier = history.Where(h => h.ReportDate != checkIn.ReportDate).ToList();
        var results = new List<MetricResult>();
        var bests = new List<MetricResult>();
        foreach (var metric in metrics)
        {
            if (checkIn.ValueOf(metric.Key) is not { } value)
            {
                continue;
            }

            var result = new MetricResult(metric, value, metric.IsMet(value));
            results.Add(result);
            if (PersonalBest.IsNewBest(metric, value, earlier))
            {
                bests.Add(result);
            }
        }

        var reported = earlier.Select(h => h.ReportDate).Append(checkIn.ReportDate);
        var streak = calendar is null
            ? CheckIns.Streak.CheckInStreak(reported, checkIn.ReportDate)
            : CheckIns.Streak.CheckInStreak(reported, checkIn.ReportDate, calendar);
        return new CheckInOutcome(results, streak, bests);
    }
}

public sealed record MetricResult(LeadMetric Metric, int Value, bool TargetMet);
