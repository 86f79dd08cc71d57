using System.Globalization;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Summaries;

namespace SalesBot.MicroBench;

/// <summary>
/// The views the channels render most: the 9 a.m. check-in prompt (every rep, every working day) and a
/// manager's <c>status</c> for a team of 12 reps, 9 of them checked in, 3 with blockers. Built by the
/// product's own flows, so the renderers see exactly what a turn hands them.
/// </summary>
internal static class Samples
{
    public const string CheckInPrompt = "check-in prompt";
    public const string TeamStatus = "team status";

    public static readonly LocalDate Day = new(2026, 3, 9);
    public static readonly Team Team = new("team-west", "org-1", "West Sales", "America/New_York");

    private static readonly string[] Names =
    [
        "Ana Alvarez", "Bo Becker", "Chloe Chen", "Diego Díaz", "Eve Evans", "Farid Farouk",
        "Grace Green", "Hiro Hayashi", "Ines Ibáñez", "Jon Jensen", "Kemi Kalu", "Luca Lombardi",
    ];

    public static Member Rep(int i) => new()
    {
        Id = $"m-{i:00}",
        TeamId = Team.Id,
        DisplayName = Names[i % Names.Length],
        Role = MemberRole.Hunter,
        StartDate = new LocalDate(2025, 1, 6),
        TimeZoneId = "America/New_York",
        Metrics = MetricCatalog.DefaultsFor(MemberRole.Hunter),
    };

    public static OutboundMessage Message(string view) => view switch
    {
        CheckInPrompt => ScheduledMessages.CheckInPrompt(Rep(0), Day),
        TeamStatus => StatusFlow.Render(Team, Status()),
        _ => throw new ArgumentOutOfRangeException(nameof(view), view, "No such view."),
    };

    private static Core.Summaries.TeamStatus Status()
    {
        var reps = Enumerable.Range(0, 12).Select(Rep).ToList();
        var checkIns = reps.Take(9).Select((m, i) => new CheckIn
        {
            MemberId = m.Id,
            ReportDate = Day,
            Values = new Dictionary<string, int> { ["calls"] = 20 + (i * 3), ["meetings"] = i % 5, ["proposals"] = i % 2 },
            Plan = ["Call Acme about renewal", "Send Globex the proposal"],
            Blockers = i % 3 == 0 ? "Waiting on legal for the Initech contract" : null,
            SubmittedAt = Instant.FromUtc(2026, 3, 9, 14, i),
        }).ToList();
        return Core.Summaries.TeamStatus.For(Day, reps, checkIns, m => int.Parse(m.Id.AsSpan(2), CultureInfo.InvariantCulture) * 2);
    }
}
