using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.CheckIns;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;
using SalesBot.Core.Summaries;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Status on request (seed 003): a manager sees who has checked in for the last working day, who has
/// not, each rep's numbers against target and their blockers; a rep sees their own recent days.
/// </summary>
public sealed class StatusFlow(
    IMemberStore members, MemberHistory histories, IReflectionStore reflections, LeaderTeams leaderTeams, QuotaProgress quotas, IClock clock) : IFlow
{
    public const string Verb = "status";

    public IReadOnlyList<string> Commands { get; } = ["status", "summary"];

    public IReadOnlyList<string> Verbs { get; } = [Verb];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var form = submission.Value(StatusMessages.FormKey);
        return form == "rep"
            // The member id came back from the client: it is checked against who the sender may see, like a typed name.
            ? AnswerAsync(turn, new StatusRequest(StatusView.Rep), submission.Value(StatusMessages.MemberKey) ?? string.Empty, cancellationToken)
            : AnswerAsync(turn, StatusRequest.Parse(form ?? string.Empty), null, cancellationToken);
    }

    public Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken) =>
        AnswerAsync(turn, StatusRequest.Parse(argument), null, cancellationToken);

    private async Task<TurnResult> AnswerAsync(Turn turn, StatusRequest request, string? memberId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reportDate = turn.Calendar.ReportDateFor(clock.GetCurrentInstant());
        var viewer = turn.Member;
        if (request.View == StatusView.NotUnderstood)
        {
            return TurnResult.Reply(StatusMessages.NotUnderstood(request.Who ?? string.Empty));
        }

        if (!viewer.Role.CanSeeTeamStatus())
        {
            return await ForRepAsync(turn, request, memberId, reportDate, cancellationToken);
        }

        var roster = await members.ListTeamAsync(turn.Team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        var reps = roster.Where(m => m.Role.IsRep()).ToList();
        var visible = reps.Where(r => ReportingLine.CanSee(viewer, r, people)).OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        switch (request.View)
        {
            case StatusView.Own:
                return viewer.Metrics.Count == 0
                    ? TurnResult.Reply("You don't report lead metrics yourself. Say \"status\" for your team, or \"status @name\" for one rep.")
                    : TurnResult.Reply(await OwnAsync(viewer, turn.Calendar, reportDate, cancellationToken));
            case StatusView.Team when !string.Equals(request.Who?.Trim(), turn.Team.Name, StringComparison.OrdinalIgnoreCase):
                return await OtherTeamAsync(turn, request.Who?.Trim() ?? string.Empty, reportDate, cancellationToken);
            case StatusView.Rep:
                var matches = memberId is not null
                    ? visible.Where(r => r.Id == memberId).ToList()
                    : NameMatch.Find(request.Who ?? string.Empty, visible);
                return matches.Count switch
                {
                    0 => TurnResult.Reply(StatusMessages.Refusal(memberId is null ? request.Who ?? string.Empty : "that person")),
                    1 => TurnResult.Reply(await RepAsync(matches[0], turn.Team, reportDate, ownView: false, cancellationToken)),
                    _ => TurnResult.Reply(new OutboundMessage
                    {
                        Text = $"Which one? {string.Join(", ", matches.Select(m => m.DisplayName))}.",
                        Actions = [.. StatusMessages.RepButtons(matches)],
                    }),
                };
        }

        if (reps.Count == 0)
        {
            return TurnResult.Reply(StatusMessages.EmptyTeam(turn.Team));
        }

        if (visible.Count == 0)
        {
            return TurnResult.Reply($"No one on {turn.Team.Name} reports to you yet, so there are no numbers for you to see.");
        }

        return request.View switch
        {
            StatusView.Week => TurnResult.Reply(await PeriodAsync(turn.Team, visible, WeekOf(reportDate), reportDate, $"week of {Dates.Display(WeekOf(reportDate))}", StatusView.Week, cancellationToken)),
            StatusView.Month => TurnResult.Reply(await PeriodAsync(turn.Team, visible, MonthOf(reportDate), reportDate, ReflectionFlow.MonthName(new YearMonth(reportDate.Year, reportDate.Month)), StatusView.Month, cancellationToken)),
            _ => TurnResult.Reply(await TeamAsync(turn.Team, visible, reportDate, cancellationToken)),
        };
    }

    /// <summary>A leader's view of a team they lead (or the list of them); anyone else gets the same refusal whether the team exists or not.</summary>
    private async Task<TurnResult> OtherTeamAsync(Turn turn, string name, LocalDate reportDate, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            var led = await leaderTeams.LedByAsync(turn.Member, turn.Team, cancellationToken);
            return TurnResult.Reply(led.Count <= 1
                ? $"You see {turn.Team.Name}: say \"status\"."
                : "Teams you lead: " + string.Join(", ", led.Select(t => $"{t.Team.Name} ({t.Reps.Count} {(t.Reps.Count == 1 ? "rep" : "reps")})")) +
                  ". Say \"status team <name>\" for one.");
        }

        if (await leaderTeams.FindAsync(turn.Member, turn.Team, name, cancellationToken) is not { } found)
        {
            return TurnResult.Reply(LeaderTeams.Refusal(name));
        }

        return found.Reps.Count == 0
            ? TurnResult.Reply($"No one on {found.Team.Name} reports to you yet, so there are no numbers for you to see.")
            : TurnResult.Reply(await TeamAsync(found.Team, found.Reps, reportDate, cancellationToken));
    }

    /// <summary>A rep sees only their own numbers; asking for anyone else gets the same answer whether they exist or not.</summary>
    private async Task<TurnResult> ForRepAsync(Turn turn, StatusRequest request, string? memberId, LocalDate reportDate, CancellationToken cancellationToken)
    {
        var self = turn.Member;
        var isSelf = request.View != StatusView.Rep
                     || (memberId is not null ? memberId == self.Id : NameMatch.Find(request.Who ?? string.Empty, [self]).Count == 1);
        if (!isSelf)
        {
            return TurnResult.Reply(StatusMessages.Refusal(memberId is null ? request.Who ?? string.Empty : "that person"));
        }

        return request.View switch
        {
            StatusView.Week or StatusView.Month or StatusView.Rep => TurnResult.Reply(await RepAsync(self, turn.Team, reportDate, ownView: true, cancellationToken,
                request.View == StatusView.Week)),
            StatusView.Team => TurnResult.Reply("Team status is for managers. Say \"status\" for your own days, or \"status week\" and \"status month\"."),
            _ => TurnResult.Reply(await OwnAsync(self, turn.Calendar, reportDate, cancellationToken)),
        };
    }

    private async Task<OutboundMessage> PeriodAsync(Team team, IReadOnlyList<Member> reps, LocalDate from, LocalDate to, string period, StatusView view,
        CancellationToken cancellationToken)
    {
        var rows = new List<RepPeriod>();
        foreach (var rep in reps)
        {
            rows.Add((await ReadAsync(rep, team, from, to, cancellationToken)).Period);
        }

        return StatusMessages.Period(team, period, rows, view);
    }

    private async Task<OutboundMessage> RepAsync(Member rep, Team team, LocalDate reportDate, bool ownView, CancellationToken cancellationToken, bool week = false)
    {
        var from = week ? WeekOf(reportDate) : MonthOf(reportDate);
        var (period, history) = await ReadAsync(rep, team, from, reportDate, cancellationToken);
        var month = new YearMonth(reportDate.Year, reportDate.Month);
        var kept = new List<Core.Reflections.Reflection>();
        foreach (var m in new[] { month.PlusMonths(-1), month })
        {
            if (await reflections.GetAsync(rep.Id, m, cancellationToken) is { } reflection)
            {
                kept.Add(reflection);
            }
        }

        var label = week ? $"week of {Dates.Display(from)}" : ReflectionFlow.MonthName(month);
        var inPeriod = history.Where(c => c.ReportDate >= from).ToList();
        var chart = StatusCharts.Rep(rep, $"{rep.DisplayName} · {label}", StatusCharts.Days(new MemberCalendar(rep, team), from, reportDate, inPeriod), inPeriod);
        return StatusMessages.Rep(period, label, inPeriod, kept, ownView, chart);
    }

    /// <summary>One read per rep: their month rollups covering the period and the streak's lookback.</summary>
    private async Task<(RepPeriod Period, IReadOnlyList<CheckIn> History)> ReadAsync(Member rep, Team team, LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var calendar = new MemberCalendar(rep, team);
        var history = await histories.ReadAsync(calendar, from, to, cancellationToken);
        var period = RepPeriod.For(rep, calendar, from, to, history.CheckIns, history.Wins);
        // The lag outcome beside the lead metrics, from the rollups already read: the team views add no read per rep for it.
        var quota = rep.Quota is { IsEmpty: false } set ? LagOutcome.For(rep.Id, to.ToYearMonth(), rep.TimeZone, set, history.MonthsWins) : null;
        return (period with { Quota = quota }, history.CheckIns);
    }

    private static LocalDate WeekOf(LocalDate date) => date.PlusDays(1 - (int)date.DayOfWeek);

    private static LocalDate MonthOf(LocalDate date) => new(date.Year, date.Month, 1);

    private async Task<OutboundMessage> TeamAsync(Team team, IReadOnlyList<Member> reps, LocalDate reportDate, CancellationToken cancellationToken)
    {
        var byRep = new Dictionary<string, IReadOnlyList<CheckIn>>();
        foreach (var rep in reps)
        {
            byRep[rep.Id] = (await histories.ReadAsync(new MemberCalendar(rep, team), reportDate, reportDate, cancellationToken)).CheckIns;
        }

        var status = TeamStatus.For(
            reportDate,
            reps,
            byRep.Values.SelectMany(h => h).ToList(),
            m => StandingStreak(byRep[m.Id], reportDate, new MemberCalendar(m, team)),
            m => new MemberCalendar(m, team).Excuses(reportDate));
        return Render(team, status);
    }

    /// <summary>The streak as it stands: a rep who has not checked in yet today still has yesterday's streak (at risk).</summary>
    private static int StandingStreak(IReadOnlyList<CheckIn> history, LocalDate reportDate, MemberCalendar calendar)
    {
        var days = history.Select(c => c.ReportDate).ToList();
        return Streak.CheckInStreak(days, days.Contains(reportDate) ? reportDate : reportDate.PlusDays(-1), calendar);
    }

    public static OutboundMessage Render(Team team, TeamStatus status)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(status);
        if (status.Reps.Count == 0)
        {
            return StatusMessages.EmptyTeam(team);
        }

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
            StatusMessages.StreakText(r.Streak, r.StreakAtRisk),
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

        return new OutboundMessage
        {
            Text = $"{team.Name}: {headline}",
            Blocks = blocks,
            Actions = [.. StatusMessages.Navigation(StatusView.Day), .. StatusMessages.RepButtons(status.Reps.Select(r => r.Member))],
        };
    }

    private static IEnumerable<MessageBlock> ChartOf(Chart? chart) => chart is null ? [] : [new ChartBlock(chart)];

    /// <summary>The rep's last few days, with this month's quota progress under them when a quota is set.</summary>
    private async Task<OutboundMessage> OwnAsync(Member member, MemberCalendar calendar, LocalDate reportDate, CancellationToken cancellationToken) =>
        QuotaProgress.AddTo(
            await LastDaysAsync(member, calendar, reportDate, cancellationToken),
            await quotas.ForMonthAsync(member, Core.Metrics.LagOutcome.MonthOf(clock.GetCurrentInstant(), calendar.Zone), cancellationToken));

    private async Task<OutboundMessage> LastDaysAsync(Member member, MemberCalendar calendar, LocalDate reportDate, CancellationToken cancellationToken)
    {
        var history = (await histories.ReadAsync(calendar, reportDate, reportDate, cancellationToken)).CheckIns;
        var streak = StandingStreak(history, reportDate, calendar);
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
            .. member.MetricsOn(reportDate).Select(m => c.ValueOf(m.Key) is { } v ? $"{v}{(c.AsOnTheDay(m).IsMet(v) ? " ✅" : string.Empty)}" : "—"),
        ]).ToList();
        var checkedInToday = history.Any(c => c.ReportDate == reportDate);
        var headline = (checkedInToday ? $"You're checked in for {Dates.Display(reportDate)}." : $"You haven't checked in for {Dates.Display(reportDate)} yet.") +
                       (streak >= 2 ? $" 🔥 {streak}-day streak{(checkedInToday || calendar.Excuses(reportDate) ? string.Empty : ", at risk until you check in")}." : string.Empty);
        return new OutboundMessage
        {
            Text = headline,
            Blocks =
            [
                new Heading($"Your last {lastFive.Count} check-ins"),
                new Paragraph(headline),
                .. ChartOf(StatusCharts.Rep(member, $"{member.DisplayName} · last {lastFive.Count} check-ins", [.. lastFive.Select(c => c.ReportDate)], lastFive)),
                new Table(["Day", .. member.MetricsOn(reportDate).Select(m => $"{m.Name} ({CheckInMessages.TargetText(m)})")], rows),
            ],
            Actions = checkedInToday ? [] : [new ActionButton("Check in", CheckInFlow.OpenVerb, Primary: true)],
        };
    }
}
