using SalesBot.Core.Metrics;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// A personal best is a value better than every earlier day's value for that metric. The first
/// day ever is not a best (there is nothing to beat), and a zero never is.
/// </summary>
public static class PersonalBest
{
    public static bool IsNewBest(LeadMetric metric, int value, IEnumerable<CheckIn> earlierDays)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var previous = earlierDays.Select(c => c.ValueOf(metric.Key)).Where(v => v.HasValue).Select(v => v!.Value).ToList();
        if (previous.Count == 0 || (metric.HigherIsBetter && value == 0))
        {
            return false;
        }

        return metric.HigherIsBetter ? value > previous.Max() : value < previous.Min();
    }
}
