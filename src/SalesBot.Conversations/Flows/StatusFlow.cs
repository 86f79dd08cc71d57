using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Status on request (seed 003): a manager sees who has checked in for the last working day, who has
/// not, each rep's numbers against target and their blockers; a rep sees their own recent days.
/// </summary>
public sealed class StatusFlow(IMemberStore members, ICheckInStore checkIns, IClock clock) : IFlow
{
    public const string Verb = "status";
    private const int StreakLookbackDays = 120;

    public IReadOnlyList<string> Commands { get; } = ["status", "summary"];

    public IReadOnlyList<string> Verbs { get; } = [Verb];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reportDate = turn.Calendar.ReportDateFor(clock.GetCurrentInstant());
        var wantsOwn = argument.Trim().Equals("me", StringComparison.OrdinalIgnoreCase);
        return turn.Member.Role.CanSeeTeamStatus() && !wantsOwn
            ? TurnResult.Reply(await TeamAsync(turn.Team, reportDate, cancellationToken))
            : TurnResult.Reply(await OwnAsync(turn.Member, turn.Calendar, reportDate, cancellationToken));
    }

    private async Task<OutboundMessage> TeamAsync(Team team, LocalDate reportDate, CancellationToken cancellationToken)
    {
        var roster = await members.ListTeamAsync(team.Id, cancellationToken);
        var histories = new Dictionary<string, IReadOnlyList<CheckIn>>();
        foreach (var rep in roster.Where(m => m.Role.IsRep()))
        {
            histories[rep.Id] = await checkIns.ListForMemberAsync(rep.Id, reportDate.PlusDays(-StreakLookbackDays), reportDate, cancellationToken);
        }

        var status = TeamStatus.For(
            reportDate,
            roster,
            histories.Values.SelectMany(h => h).ToList(),
            m => Streak.CheckInStreak(histories[m.Id].Select(c => c.ReportDate), reportDate, new MemberCalendar(m, team)),
            m => new MemberCalendar(m, team).Excuses(reportDate));
        return Render(team, status);
    }

    public static OutboundMessage Render(Team team, TeamStatus status)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(status);
        var day = Dates.Display(status.ReportDate);
        var done = status.CheckedIn.Count();
        var missing = status.Missing.Select(r => r.Member.DisplayName).ToList();
        var away = status.Away.Select(r => r.Member.DisplayName).ToList();
        var expected = status.Reps.Count - away.Count;
        var headline = $"{done} of {expected} checked in for {day}." +
                       (missing.Count == 0 ? " Everyone's in. 🙌" : $" Not yet: {string.Join(", ", missing)}.") +
                       (away.Count == 0 ? string.Empty : $" Away: {string.Join(", ", away)}.");

        var rows = status.Reps.Select(r => (IReadOnlyList<string>)
        [
            r.Member.DisplayName,
            r.CheckIn is null ? "—" : string.Join(" · ", r.Results.Select(x => $"{x.Metric.Name} {CheckInMessages.ResultText(x)}")),
            r.CheckIn is not null ? $"{r.TargetsMet}/{r.Results.Count}" : r.Away ? "away" : "not checked in",
            r.Streak.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]).ToList();

        var blocks = new List<MessageBlock>
        {
            new Heading($"{team.Name} · check-ins for {day}"),
            new Paragraph(headline),
            new Table(["Rep", "Numbers vs target", "Targets met", "Streak"], rows),
        };
        var blockers = status.CheckedIn.Where(r => r.CheckIn!.Blockers is not null)
            .Select(r => $"{r.Member.DisplayName}: {r.CheckIn!.Blockers}").ToList();
        if (blockers.Count > 0)
        {
            blocks.Add(new Paragraph("Blockers to help with:"));
            blocks.Add(new BulletList(blockers));
        }

        return new OutboundMessage { Text = $"{team.Name}: {headline}", Blocks = blocks };
    }

    private async Task<OutboundMessage> OwnAsync(Member member, MemberCalendar calendar, LocalDate reportDate, CancellationToken cancellationToken)
    {
        var history = await checkIns.ListForMemberAsync(member.Id, reportDate.PlusDays(-StreakLookbackDays), reportDate, cancellationToken);
        var streak = Streak.CheckInStreak(history.Select(c => c.ReportDate), reportDate, calendar);
        var lastFive = history.OrderByDescending(c => c.ReportDate).Take(5).ToList();
        if (lastFive.Count == 0)
        {
            return new OutboundMessage
            {
                Text = "No check-ins yet. Say \"check in\" to start your streak.",
                Actions = [new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true)],
            };
        }

        var rows = lastFive.Select(c => (IReadOnlyList<string>)
        [
            Dates.Display(c.ReportDate),
            .. member.Metrics.Select(m => c.ValueOf(m.Key) is { } v ? $"{v}{(m.IsMet(v) ? " ✅" : string.Empty)}" : "—"),
        ]).ToList();
        var checkedInToday = history.Any(c => c.ReportDate == reportDate);
        var headline = (checkedInToday ? $"You're checked in for {Dates.Display(reportDate)}." : $"You haven't checked in for {Dates.Display(reportDate)} yet.") +
                       (streak >= 2 ? $" 🔥 {streak}-day streak." : string.Empty);
        return new OutboundMessage
        {
            Text = headline,
            Blocks =
            [
                new Heading($"Your last {lastFive.Count} check-ins"),
                new Paragraph(headline),
                new Table(["Day", .. member.Metrics.Select(m => $"{m.Name} ({CheckInMessages.TargetText(m)})")], rows),
            ],
            Actions = checkedInToday ? [] : [new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true)],
        };
    }
}
