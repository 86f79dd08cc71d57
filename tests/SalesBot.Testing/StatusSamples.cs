using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Reflections;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;
using SalesBot.Core.Wins;

namespace SalesBot.Testing;

/// <summary>The week and one-rep status views over a fixed week (Mon 2 – Fri 6 Mar 2026), for the golden files of each channel.</summary>
public static class StatusSamples
{
    private static readonly Team Team = new("team-west", "org-1", "West Sales", "America/New_York");
    private static readonly LocalDate Monday = new(2026, 3, 2);

    private static readonly Member Ana = MemberBuilder.ARep("m-ana").WithName("Ana Rep").InTeam(Team.Id).ReportingTo("m-mgr").Build();
    private static readonly Member Bo = MemberBuilder.ARep("m-bo").WithName("Bo <script>Seller</script>").InTeam(Team.Id).ReportingTo("m-mgr")
        .AwayFrom(Monday.PlusDays(3), Monday.PlusDays(4)).Build();

    private static IReadOnlyList<CheckIn> AnaDays { get; } =
    [
        .. Enumerable.Range(0, 4).Select(i => CheckInBuilder.ACheckIn().For(Ana.Id).On(Monday.PlusDays(i)).With("calls", 28 + (2 * i))
            .WithBlockers(i >= 2 ? "Need pricing sign-off" : string.Empty).Build()),
    ];

    private static IReadOnlyList<Win> AnaWins { get; } =
    [
        new Win { Id = "w1", MemberId = Ana.Id, TeamId = Team.Id, Kind = WinKind.DealClosed, Text = "Closed Acme <at>everyone</at>", At = Instant.FromUtc(2026, 3, 4, 15, 0) },
    ];

    private static RepPeriod Week(Member rep, IReadOnlyList<CheckIn> history, IReadOnlyList<Win> wins) =>
        RepPeriod.For(rep, new MemberCalendar(rep, Team), Monday, Monday.PlusDays(4), history, wins);

    private static IReadOnlyList<CheckIn> BoDays { get; } = [CheckInBuilder.ACheckIn().For(Bo.Id).On(Monday).With("calls", 12).Build()];

    public static OutboundMessage TeamWeek() => StatusMessages.Period(Team, "week of Mon 2 Mar",
        [Week(Ana, AnaDays, AnaWins), Week(Bo, BoDays, [])], StatusView.Week);

    /// <summary>The month to Fri 6 Mar: the same days as the week, counted from Sun 1 Mar.</summary>
    public static OutboundMessage TeamMonth() => StatusMessages.Period(Team, "March 2026",
        [Month(Ana, AnaDays, AnaWins), Month(Bo, BoDays, [])], StatusView.Month);

    /// <summary>Ana's month with her quota progress (1 of 4 deals, $12,000 of $40,000) and her chart.</summary>
    public static OutboundMessage RepMonth() => StatusMessages.Rep(
        Month(Ana, AnaDays, AnaWins) with { Quota = new LagOutcome(Ana.Id, new YearMonth(2026, 3), 1, 12000m, new MonthlyQuota(4, 40000m, "$")) }, "March 2026", AnaDays,
        [new Reflection { MemberId = Ana.Id, Month = new YearMonth(2026, 2), Worked = "Morning blocks", DidNotWork = "Late calls", WillTry = "Call before 10", SubmittedAt = Instant.FromUtc(2026, 3, 2, 14, 0) }],
        ownView: false,
        StatusCharts.Rep(Ana, "Ana Rep · March 2026", StatusCharts.Days(new MemberCalendar(Ana, Team), Monday.PlusDays(-1), Monday.PlusDays(4), AnaDays), AnaDays));

    private static RepPeriod Month(Member rep, IReadOnlyList<CheckIn> history, IReadOnlyList<Win> wins) =>
        RepPeriod.For(rep, new MemberCalendar(rep, Team), Monday.PlusDays(-1), Monday.PlusDays(4), history, wins);
}
