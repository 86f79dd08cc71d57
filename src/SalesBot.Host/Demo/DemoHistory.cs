using NodaTime;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Conversations.Flows;
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
        var steady = member.Id == DemoTeam.ProficientRepId;
        for (var d = 0; day >= first && day >= member.StartDate; day = WorkWeek.PreviousWorkday(day), d++)
        {
            // Skip about one day in twelve, never the most recent three, so streaks are visible.
            if (!steady && d > 2 && Noise(index, day, 99) < 0.08)
            {
                continue;
            }

            // The steady rep makes their calls every day: their next check-in shows Morgan a proficiency nudge.
            var values = member.Metrics.ToDictionary(
                m => m.Key,
                m => steady && m.Key == "calls"
                    ? m.DailyTarget + (int)(6 * Noise(index, day, 5))
                    : Math.Max(0, (int)Math.Round(m.DailyTarget * (0.55 + (0.75 * Noise(index, day, m.Key.Length))))));
            yield return new CheckIn
            {
                MemberId = member.Id,
                ReportDate = day,
                Values = values,
                Metrics = member.Metrics,
                Plan = [Plans[Pick(index, day, 1, Plans.Length)], Plans[Pick(index, day, 2, Plans.Length)]],
                // Diego has been stuck on the same thing all week: the demo's coaching alert ("run alerts").
                Blockers = member.Id == "demo-diego" && d <= 3 ? StuckBlocker
                    : Noise(index, day, 7) < 0.15 ? Blockers[Pick(index, day, 3, Blockers.Length)] : null,
                SubmittedAt = now - Duration.FromDays(latestReportDate.PlusDays(1).Minus(day).Days),
            };
        }
    }

    public static IEnumerable<Win> Wins(Member member, Instant now) =>
        LoggedWins(member, now).Select(w => w with { Text = WinPosts.Sentence(w) ?? w.Text });

    private static IEnumerable<Win> LoggedWins(Member member, Instant now) => member.Id switch
    {
        "demo-ben" => [LoggedWin(member, "ben-1", WinKind.StageAdvanced, now - Duration.FromDays(3), "Litware") with { FromStage = "Demo", ToStage = "Proposal" }],
        "demo-chloe" => [LoggedWin(member, "chloe-1", WinKind.DealClosed, ThisMonth(member, now, 6), "Adventure Works") with { Amount = 48_000m }],
        "demo-ava" =>
        [
            LoggedWin(member, "ava-1", WinKind.MeetingWon, now - Duration.FromDays(2), "Fabrikam"),
            LoggedWin(member, "ava-2", WinKind.DealClosed, ThisMonth(member, now, 5), "Tailspin Toys") with { Amount = 12_000m },
        ],
        _ => [],
    };

    /// <summary>A few days ago, but never before this month began in the member's zone, so the quota has progress to show.</summary>
    private static Instant ThisMonth(Member member, Instant now, int daysAgo)
    {
        var monthStart = member.TimeZone.AtStartOfDay(now.InZone(member.TimeZone).Date.With(DateAdjusters.StartOfMonth)).ToInstant();
        return Instant.Max(now - Duration.FromDays(daysAgo), Instant.Min(now, monthStart + Duration.FromHours(10)));
    }

    private static Win LoggedWin(Member member, string id, WinKind kind, Instant at, string account) =>
        new() { Id = "demo-" + id, MemberId = member.Id, TeamId = member.TeamId, Kind = kind, Text = account, At = at, Account = account };

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
