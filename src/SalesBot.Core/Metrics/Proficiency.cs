using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Metrics;

/// <summary>
/// When a rep has made a lead metric a habit (seed 001: "add 2–3 more once proficient"): they met its
/// target on at least <see cref="ProficiencyWindow.Required"/> of their last <see cref="ProficiencyWindow.Days"/>
/// working days since they started. Days that are not working days, team holidays and time away are not in the window; a
/// working day without a check-in counts as not met. Each day is judged against the target it was
/// worked against (kept on its check-in).
/// </summary>
public static class Proficiency
{
    /// <summary>How far back the window may reach: long holidays or time away stretch it, but not without end.</summary>
    public const int MaxLookbackDays = 120;

    /// <returns>The window's result, or null while the rep has fewer working days than the window holds.</returns>
    public static ProficiencyResult? Evaluate(LeadMetric metric, IReadOnlyList<CheckIn> history, MemberCalendar calendar, LocalDate through, ProficiencyWindow window)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(window);
        var byDay = history.GroupBy(c => c.ReportDate).ToDictionary(g => g.Key, g => g.Last());
        var counted = new List<LocalDate>();
        var met = 0;
        // Days before the rep started are no evidence either way, so a new hire is judged once the window fills.
        var earliest = LocalDate.Max(through.PlusDays(-MaxLookbackDays), calendar.Member.StartDate);
        for (var day = through; counted.Count < window.Days && day >= earliest; day = day.PlusDays(-1))
        {
            if (!calendar.IsAvailable(day))
            {
                continue;
            }

            counted.Add(day);
            if (byDay.TryGetValue(day, out var checkIn) && checkIn.ValueOf(metric.Key) is { } value && checkIn.AsOnTheDay(metric).IsMet(value))
            {
                met++;
            }
        }

        return counted.Count < window.Days ? null : new ProficiencyResult(metric, met, counted.Count, counted[^1], through, met >= window.Required);
    }
}

/// <summary>"Met the target on <see cref="Required"/> of the last <see cref="Days"/> working days."</summary>
public sealed record ProficiencyWindow(int Days = 20, int Required = 16)
{
    public static ProficiencyWindow Default { get; } = new();
}

public sealed record ProficiencyResult(LeadMetric Metric, int DaysMet, int DaysCounted, LocalDate From, LocalDate Through, bool Proficient)
{
    /// <summary>A target one step up: about 15% more, and at least one more.</summary>
    public int RaisedTarget => Math.Min(TargetRule.Max, Math.Max(Metric.DailyTarget + 1, (int)Math.Ceiling(Metric.DailyTarget * 1.15m)));
}
