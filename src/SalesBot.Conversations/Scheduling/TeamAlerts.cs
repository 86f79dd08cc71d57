using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// A manager's coaching alerts of the day, batched into one message (keyed per manager and local day
/// by <see cref="PromptKeys"/>), for the reps who report to them only, by the team's
/// <see cref="AlertSettings"/>. Null when nobody needs a conversation: then nothing is sent.
/// </summary>
public sealed class TeamAlerts(IMemberStore members, IOrganizationStore organizations, MemberHistory histories)
{
    // The schedule asks whether the alerts are wanted, then for them: worked out once per scope.
    private readonly Dictionary<(string Reader, Instant At), OutboundMessage?> _worked = [];

    public async Task<OutboundMessage?> ForAsync(MemberCalendar reader, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_worked.TryGetValue((reader.Member.Id, at), out var done))
        {
            return done;
        }

        var message = await WorkOutAsync(reader, at, cancellationToken);
        _worked[(reader.Member.Id, at)] = message;
        return message;
    }

    private async Task<OutboundMessage?> WorkOutAsync(MemberCalendar reader, Instant at, CancellationToken cancellationToken)
    {
        if (await organizations.GetTeamAsync(reader.Member.TeamId, cancellationToken) is not { Value: var team } || !team.Alerts.AnyOn)
        {
            return null;
        }

        var roster = await members.ListTeamAsync(team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        var reps = roster.Where(m => m.Role.IsRep() && ReportingLine.CanSee(reader.Member, m, people))
            .OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        var alerts = new List<(Member Rep, CoachingSignal Alert)>();
        foreach (var rep in reps)
        {
            var calendar = new MemberCalendar(rep, team);
            var reportDate = calendar.ReportDateFor(at);
            var history = await histories.ReadAsync(calendar, reportDate.PlusDays(-CoachingAlerts.WeekDays - CoachingSignals.BaselineDays), reportDate, cancellationToken);
            alerts.AddRange(CoachingAlerts.For(calendar, reportDate, history.CheckIns, team.Alerts).Select(a => (rep, a)));
        }

        return alerts.Count == 0 ? null : Message(team, reader.Today(at), alerts);
    }

    public static OutboundMessage Message(Team team, LocalDate day, IReadOnlyList<(Member Rep, CoachingSignal Alert)> alerts)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(alerts);
        var reps = alerts.Select(a => a.Rep).DistinctBy(r => r.Id).ToList();
        var headline = $"{reps.Count} {(reps.Count == 1 ? "rep" : "reps")} could use a conversation today: {string.Join(", ", reps.Select(r => r.DisplayName))}.";
        return new OutboundMessage
        {
            Text = $"Coaching alerts for {team.Name}: {headline}",
            Blocks =
            [
                new Heading($"Coaching alerts · {team.Name} · {Dates.Display(day)}"),
                new Paragraph(headline),
                new BulletList([.. alerts.Select(a => $"{a.Alert.RepName}: {a.Alert.What}. Ask: \"{a.Alert.Question}\"")]),
                new Paragraph("At most one of these a day. Say \"alerts\" to see or change which alerts your team gets.", Subtle: true),
            ],
            Actions = [.. StatusMessages.RepButtons(reps)],
        };
    }
}
