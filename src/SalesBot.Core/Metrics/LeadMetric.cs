namespace SalesBot.Core.Metrics;

/// <summary>
/// A daily activity a rep controls and that predicts results (seed 001): calls, meetings booked,
/// proposals sent. <see cref="HigherIsBetter"/> is false for things to keep low (e.g. days to follow up).
/// </summary>
public sealed record LeadMetric(string Key, string Name, string Unit, int DailyTarget, bool HigherIsBetter = true)
{
    public bool IsMet(int value) => HigherIsBetter ? value >= DailyTarget : value <= DailyTarget;
}
