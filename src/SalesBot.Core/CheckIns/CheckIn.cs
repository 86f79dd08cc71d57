using NodaTime;
using SalesBot.Core.Metrics;

namespace SalesBot.Core.CheckIns;

/// <summary>
/// A rep's daily check-in (seed 002): the numbers for the day it reports on, today's plan (top 3)
/// and blockers. One per member per day; a second submission for the same day replaces the first.
/// </summary>
public sealed record CheckIn
{
    public const int MaxPlanItems = 3;
    public const int MaxTextLength = 500;

    public required string MemberId { get; init; }

    /// <summary>The working day the numbers describe (usually the previous working day).</summary>
    public required LocalDate ReportDate { get; init; }

    /// <summary>Value per metric key.</summary>
    public required IReadOnlyDictionary<string, int> Values { get; init; }

    /// <summary>
    /// The metrics and targets the check-in was made against, kept with it so a later change of targets
    /// never rewrites a past day. Empty on check-ins stored before this was kept.
    /// </summary>
    public IReadOnlyList<LeadMetric> Metrics { get; init; } = [];

    public IReadOnlyList<string> Plan { get; init; } = [];

    public string? Blockers { get; init; }

    public required Instant SubmittedAt { get; init; }

    /// <summary>Set when the check-in was edited by a later submission for the same day.</summary>
    public Instant? UpdatedAt { get; init; }

    /// <summary>The metrics the day was made against, or <paramref name="current"/> for a check-in from before they were kept.</summary>
    public IReadOnlyList<LeadMetric> MetricsOr(IReadOnlyList<LeadMetric> current) => Metrics.Count > 0 ? Metrics : current;

    /// <summary>The metric as it stood on this day (its target then), else <paramref name="current"/>.</summary>
    public LeadMetric AsOnTheDay(LeadMetric current) =>
        Metrics.FirstOrDefault(m => m.Key == current.Key) ?? current;

    public int? ValueOf(string metricKey) => Values.TryGetValue(metricKey, out var v) ? v : null;
}
