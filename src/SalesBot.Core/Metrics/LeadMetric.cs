namespace SalesBot.Core.Metrics;

/// <summary>
/// A daily activity a rep controls and that predicts results (seed 001): calls, meetings booked,
/// proposals sent. <see cref="HigherIsBetter"/> is false for things to keep low (e.g. days to follow up).
/// </summary>
public sealed record LeadMetric(string Key, string Name, string Unit, int DailyTarget, bool HigherIsBetter = true)
{
    public bool IsMet(int value) => HigherIsBetter ? value >= DailyTarget : value <= DailyTarget;

    /// <summary>"1 proposal", "2 proposals": units are stored plural, and "1 proposals" reads as a bug in a win post.</summary>
    public string CountOf(int value) =>
        value == 1 && Unit.Length > 1 && Unit.EndsWith('s') && !Unit.EndsWith("ss", StringComparison.Ordinal)
            ? $"1 {Unit[..^1]}"
            : $"{value} {Unit}";
}
