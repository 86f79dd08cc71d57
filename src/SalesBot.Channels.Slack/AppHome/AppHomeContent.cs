using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Channels.Slack.AppHome;

/// <summary>
/// What the App Home tab shows a member: their check-in streak, whether they are checked in for
/// today's report day, and buttons to check in and log a win. Reads the stores; decides nothing.
/// </summary>
public sealed class AppHomeContent(IMemberStore members, IOrganizationStore organizations, ICheckInStore checkIns, IClock clock)
{
    private const int StreakLookbackDays = 120;

    public async Task<OutboundMessage> ForAsync(string teamId, string userId, CancellationToken cancellationToken)
    {
        var buttons = new[]
        {
            new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true),
            new ActionButton("Log a win", WinFlow.OpenVerb),
        };
        var member = (await members.FindByChannelAccountAsync(new ChannelAccount(Conversations.Messages.Channels.Slack, teamId, userId), cancellationToken))?.Value;
        if (member is null)
        {
            return new OutboundMessage
            {
                Text = "Welcome to SalesBot",
                Blocks =
                [
                    new Heading("Welcome to SalesBot"),
                    new Paragraph("I help you do the right things every day: a short daily check-in, small wins shared with your team, and a monthly reflection."),
                    new Paragraph("Start with your first check-in, or type \"help\" in the Messages tab.", Subtle: true),
                ],
                Actions = buttons,
            };
        }

        // The member's own calendar: the team's working days and holidays, and their time away.
        var team = (await organizations.GetTeamAsync(member.TeamId, cancellationToken))?.Value;
        var calendar = team is null ? null : new MemberCalendar(member, team);
        var reportDate = calendar?.ReportDateFor(clock.GetCurrentInstant()) ?? WorkWeek.ReportDateFor(clock.GetCurrentInstant(), member.TimeZone);
        var history = await checkIns.ListForMemberAsync(member.Id, reportDate.PlusDays(-StreakLookbackDays), reportDate, cancellationToken);
        var reported = history.Select(c => c.ReportDate);
        var streak = calendar is null ? Streak.CheckInStreak(reported, reportDate) : Streak.CheckInStreak(reported, reportDate, calendar);
        var today = history.FirstOrDefault(c => c.ReportDate == reportDate);
        var day = Dates.Display(reportDate);
        var facts = new List<Fact>
        {
            new("Check-in streak", streak switch
            {
                0 => "No streak yet: check in to start one",
                1 => "1 working day",
                _ => $"🔥 {streak} working days in a row",
            }),
            new($"Check-in for {day}", today is null ? "Not yet" : "Done ✅"),
        };
        if (today is not null)
        {
            facts.AddRange(member.Metrics.Select(m => new Fact(m.Name,
                today.ValueOf(m.Key) is { } v ? $"{v} / {CheckInMessages.TargetText(m)}{(m.IsMet(v) ? " ✅" : string.Empty)}" : "—")));
        }

        return new OutboundMessage
        {
            Text = $"SalesBot: {member.DisplayName}'s day",
            Blocks =
            [
                new Heading($"Hi {member.DisplayName} 👋"),
                new FactList(facts),
                new Paragraph(today is null
                    ? $"Your numbers for {day}, today's top 3 and blockers take a minute."
                    : "Every small step forward counts. Logged a meeting or moved a deal? Share it with the team.", Subtle: true),
            ],
            Actions = buttons,
        };
    }
}
