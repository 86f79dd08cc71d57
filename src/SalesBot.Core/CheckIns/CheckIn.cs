using NodaTime;

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

    public IReadOnlyList<string> Plan { get; init; } = [];

    public string? Blockers { get; init; }

    public required Instant SubmittedAt { get; init; }

    /// <summary>Set when the check-in was edited by a later submission for the same day.</summary>
    public Instant? UpdatedAt { get; init; }

    public int? ValueOf(string metricKey) => Values.TryGetValue(metricKey, out var v) ? v : null;
}
