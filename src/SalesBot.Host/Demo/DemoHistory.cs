using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Wins;

namespace SalesBot.Host.Demo;

/// <summary>
/// Thirty days of plausible history: numbers around each target with good and bad days, the odd
/// missed check-in, plans and blockers. Deterministic (a hash, not a random generator), so every
/// newcomer sees the same demo.
/// </summary>
public static class DemoHistory
{
    private static readonly string[] Plans =
    [
        "Follow up with Contoso on the pilot", "Prep demo for Fabrikam", "Call back 5 warm leads from the webinar",
        "Send proposal to Litware", "Renewal review with Adventure Works", "Ask Tailspin for a referral",
        "Qualify the Wingtip inbound lead", "Book discovery call with Proseware",
    ];

    private static readonly string[] Blockers =
    [
        "Waiting on legal for the Litware MSA", "Need pricing approval for a 3-year deal", "CRM sync is slow again",
    ];

    private const string StuckBlocker = "Waiting on Contoso legal to return the MSA redlines";

    public static IEnumerable<CheckIn> CheckIns(Member member, int index, LocalDate latestReportDate, bool includeLatest, Instant now)
    {
        var day = includeLatest ? latestReportDate : WorkWeek.PreviousWorkday(latestReportDate);
        var first = latestReportDate.PlusDays(-30);
        for (var d = 0; day >= first; day = WorkWeek.PreviousWorkday(day), d++)
        {
            // Skip about one day in twelve, never the most recent three, so streaks are visible.
            if (d > 2 && Noise(index, day, 99) < 0.08)
            {
                continue;
            }

            var values = member.Metrics.ToDictionary(
                m => m.Key,
                m => Math.Max(0, (int)Math.Round(m.DailyTarget * (0.55 + (0.75 * Noise(index, day, m.Key.Length))))));
            yield return new CheckIn
            {
                MemberId = member.Id,
                ReportDate = day,
                Values = values,
                Plan = [Plans[Pick(index, day, 1, Plans.Length)], Plans[Pick(index, day, 2, Plans.Length)]],
                // Diego has been stuck on the same thing all week: the demo's coaching alert ("run alerts").
                Blockers = member.Id == "demo-diego" && d <= 3 ? StuckBlocker
                    : Noise(index, day, 7) < 0.15 ? Blockers[Pick(index, day, 3, Blockers.Length)] : null,
                SubmittedAt = now - Duration.FromDays(latestReportDate.PlusDays(1).Minus(day).Days),
            };
        }
    }

    public static IEnumerable<Win> Wins(Member member, Instant now) => member.Id switch
    {
        "demo-ben" => [LoggedWin(member, "ben-1", "Moved Litware to proposal", WinKind.StageAdvanced, now - Duration.FromDays(3))],
        "demo-chloe" => [LoggedWin(member, "chloe-1", "Closed the Adventure Works renewal, 48k", WinKind.DealClosed, now - Duration.FromDays(6))],
        "demo-ava" => [LoggedWin(member, "ava-1", "Booked a demo with Fabrikam", WinKind.MeetingWon, now - Duration.FromDays(2))],
        _ => [],
    };

    private static Win LoggedWin(Member member, string id, string text, WinKind kind, Instant at) =>
        new() { Id = "demo-" + id, MemberId = member.Id, TeamId = member.TeamId, Kind = kind, Text = text, At = at };

    private static int Pick(int index, LocalDate day, int salt, int count) => (int)(Noise(index, day, salt) * count) % count;

    /// <summary>A stable number in [0, 1) for a member, a day and a salt.</summary>
    private static double Noise(int index, LocalDate day, int salt)
    {
        unchecked
        {
            var x = (uint)((index * 73856093) ^ (day.DayOfYear * 19349663) ^ (day.Year * 83492791) ^ (salt * 2654435761));
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            return (x % 10_000) / 10_000.0;
        }
    }
}
