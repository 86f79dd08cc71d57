using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Schedules;

namespace SalesBot.Core.Summaries;

/// <summary>
/// Who improved and who needs a conversation over a period (seed 000's "drought", seed 002's daily
/// behaviour), each with one coaching question to ask. A rep's lead activity per expected day is
/// compared with their own average over the four weeks before the period.
/// </summary>
public static class CoachingSignals
{
    /// <summary>Missed this many expected check-ins in the period, or more.</summary>
    public const int MissedCheckIns = 2;

    /// <summary>Lead activity this much below the rep's own four-week average is a drought.</summary>
    public const double DroughtDrop = 0.30;

    /// <summary>Lead activity this much above the rep's own four-week average is worth saying well done for.</summary>
    public const double ImprovementRise = 0.20;

    /// <summary>A blocker reported this many days in a row needs help.</summary>
    public const int StaleBlockerDays = 3;

    public const int BaselineDays = 28;

    public static IReadOnlyList<CoachingSignal> For(RepPeriod period, MemberCalendar calendar, LocalDate from, IReadOnlyList<CheckIn> history)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(history);
        var signals = new List<CoachingSignal>();
        var name = period.Member.DisplayName;
        var missed = period.Expected - period.Made;
        if (missed >= MissedCheckIns)
        {
            signals.Add(new CoachingSignal(CoachingKind.MissedCheckIns, name, $"missed {missed} of {period.Expected} check-ins",
                "What's getting in the way of the daily check-in, and what would make it easier?"));
        }

        var baselineFrom = from.PlusDays(-BaselineDays);
        var baseline = Rate(history.Where(c => c.ReportDate >= baselineFrom && c.ReportDate < from), ExpectedDays(calendar, baselineFrom, from.PlusDays(-1)));
        var current = Rate(history.Where(c => c.ReportDate >= from), period.Expected);
        if (baseline > 0 && current is { } now)
        {
            var change = (now - baseline.Value) / baseline.Value;
            if (change <= -DroughtDrop)
            {
                signals.Add(new CoachingSignal(CoachingKind.Drought, name, $"lead activity down {Percent(-change)} on their 4-week average",
                    "What changed this week, and which one activity would get you back on track tomorrow?"));
            }
            else if (change >= ImprovementRise)
            {
                signals.Add(new CoachingSignal(CoachingKind.Improved, name, $"lead activity up {Percent(change)} on their 4-week average",
                    "What did you do differently that we can keep doing?"));
            }
        }

        if (period.Blocker is { AgeDays: >= StaleBlockerDays } blocker)
        {
            signals.Add(new CoachingSignal(CoachingKind.StaleBlocker, name, $"blocker open {blocker.AgeDays} days: {blocker.Text}",
                "Who could unblock this, and can I make that call for you today?"));
        }

        return signals;
    }

    /// <summary>Lead activity (every metric's value added up) per expected day; null when no day was expected.</summary>
    internal static double? Rate(IEnumerable<CheckIn> checkIns, int expectedDays) =>
        expectedDays <= 0 ? null : checkIns.Sum(c => c.Values.Values.Sum()) / (double)expectedDays;

    internal static int ExpectedDays(MemberCalendar calendar, LocalDate from, LocalDate to)
    {
        var count = 0;
        for (var d = from; d <= to; d = d.PlusDays(1))
        {
            count += calendar.Excuses(d) ? 0 : 1;
        }

        return count;
    }

    internal static string Percent(double fraction) =>
        ((int)Math.Round(fraction * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "%";
}

public enum CoachingKind
{
    MissedCheckIns,
    Drought,
    StaleBlocker,
    Improved,
}

/// <summary>Something a manager should know about one rep, and the question to open the conversation with.</summary>
public sealed record CoachingSignal(CoachingKind Kind, string RepName, string What, string Question)
{
    public bool NeedsConversation => Kind != CoachingKind.Improved;
}
