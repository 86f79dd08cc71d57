using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Scheduling;
using SalesBot.Core.Organization;
using SalesBot.Core.Summaries;

namespace SalesBot.Testing;

/// <summary>The manager's coaching-alerts message and the team's alert settings, for the golden files of each channel.</summary>
public static class AlertSamples
{
    private static readonly Team Team = new("team-west", "org-1", "West Sales", "America/New_York");

    public static OutboundMessage CoachingAlerts()
    {
        var ana = MemberBuilder.ARep("m-ana").WithName("Ana Rep").InTeam(Team.Id).Build();
        var bo = MemberBuilder.ARep("m-bo").WithName("Bo <script>Seller</script>").InTeam(Team.Id).Build();
        return TeamAlerts.Message(Team, new LocalDate(2026, 3, 9),
        [
            (ana, new CoachingSignal(CoachingKind.Drought, ana.DisplayName, "lead activity down 41% this week on their 4-week average",
                "What changed this week, and which one activity would get you back on track tomorrow?")),
            (ana, new CoachingSignal(CoachingKind.StaleBlocker, ana.DisplayName, "blocker open 4 days: Need *pricing* sign-off <@U123>",
                "Who could unblock this, and can I make that call for you today?")),
            (bo, new CoachingSignal(CoachingKind.MissedCheckIns, bo.DisplayName, "no check-in for 3 working days in a row (since Wed 4 Mar)",
                "What's getting in the way of the daily check-in, and what would make it easier?")),
        ]);
    }

    public static OutboundMessage Settings() =>
        AlertsFlow.Show(Team with { Alerts = AlertSettings.Default with { DroughtOn = false, BlockerDays = 5 } });
}
