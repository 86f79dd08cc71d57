using NodaTime;
using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Metrics;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The monthly quota, the lag outcome the lead metrics drive: a manager sets it for a rep who reports
/// to them ("quota @ava 5 deals", "quota Ava $40,000", "quota ava off"); a rep sees their progress
/// with "quota". Names are matched loosely, and anyone outside the manager's chain gets the same
/// answer as someone who does not exist.
/// </summary>
public sealed class QuotaFlow(IMemberStore members, QuotaProgress progress, IClock clock) : IFlow
{
    public const string Usage = "Managers: \"quota @ava 5 deals\", \"quota Ava $40,000\", \"quota ava 5 deals and $40k\", \"quota ava off\". It applies every month until you change it.";

    public IReadOnlyList<string> Commands { get; } = ["quota", "quotas"];

    public IReadOnlyList<string> Verbs { get; } = ["quota.show"];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var month = LagOutcome.MonthOf(clock.GetCurrentInstant(), turn.Zone);
        var (name, quota, problem) = QuotaText.Parse(argument);
        var viewer = turn.Member;
        if (!viewer.Role.CanSeeTeamStatus())
        {
            if (name.Length == 0 || NameMatch.Find(name, [viewer]).Count == 1 && quota is null && problem is null)
            {
                return TurnResult.Reply(await OwnAsync(viewer, month, cancellationToken));
            }

            return TurnResult.Reply(quota is null && problem is null ? StatusMessages.Refusal(name) : "Your manager sets quotas. Say \"quota\" to see your own progress.");
        }

        var roster = await members.ListTeamAsync(turn.Team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        var visible = roster.Where(m => m.Role.IsRep() && m.Id != viewer.Id && ReportingLine.CanSee(viewer, m, people))
            .OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        if (name.Length == 0)
        {
            return quota is null && problem is null
                ? TurnResult.Reply(await TeamAsync(turn.Team, visible, month, cancellationToken))
                : TurnResult.Reply($"Whose quota? Put the name first, e.g. \"quota ava 5 deals\". {Usage}");
        }

        var matches = NameMatch.Find(name, visible);
        switch (matches.Count)
        {
            case 0:
                return TurnResult.Reply(StatusMessages.Refusal(name));
            case > 1:
                return TurnResult.Reply($"Which one? {string.Join(", ", matches.Select(m => m.DisplayName))}. Say e.g. \"quota {matches[0].DisplayName} 5 deals\".");
        }

        var rep = matches[0];
        if (problem is not null)
        {
            return TurnResult.Reply($"{problem} Nothing was changed. {Usage}");
        }

        if (quota is null)
        {
            return TurnResult.Reply(await OneAsync(rep, month, cancellationToken));
        }

        var stored = await members.GetAsync(rep.TeamId, rep.Id, cancellationToken);
        var before = stored?.Value ?? rep;
        var after = before with { Quota = quota.IsEmpty ? null : quota };
        turn.Changes.PutMember(after, Expect.For(stored), before);
        if (quota.IsEmpty)
        {
            return TurnResult.Reply($"Removed {rep.DisplayName}'s monthly quota. Their deals still count; I just won't compare them with a number.");
        }

        var outcome = await progress.ForMonthAsync(after, LagOutcome.MonthOf(clock.GetCurrentInstant(), after.TimeZone), cancellationToken);
        return TurnResult.Reply(new OutboundMessage
        {
            Text = $"{rep.DisplayName}'s monthly quota is now {quota.Describe()}. They'll see their progress in their check-in replies, \"status me\" and their monthly reflection.",
            Blocks = outcome is null ? [] : [new Paragraph($"So far: {QuotaProgress.Line(outcome)}")],
        });
    }

    private async Task<OutboundMessage> OwnAsync(Member rep, YearMonth month, CancellationToken cancellationToken) =>
        await progress.ForMonthAsync(rep, month, cancellationToken) is { } outcome
            ? new OutboundMessage { Text = $"🎯 {QuotaProgress.Line(outcome)}. Log a deal with \"win closed Contoso 12000\"." }
            : OutboundMessage.Plain("You don't have a monthly quota yet; your manager sets it. Your deals still count: log them with \"win closed Contoso 12000\".");

    private async Task<OutboundMessage> OneAsync(Member rep, YearMonth month, CancellationToken cancellationToken) =>
        await progress.ForMonthAsync(rep, month, cancellationToken) is { } outcome
            ? OutboundMessage.Plain($"{rep.DisplayName}: {QuotaProgress.Line(outcome)}.")
            : OutboundMessage.Plain($"{rep.DisplayName} has no monthly quota yet. Say e.g. \"quota {FirstName(rep)} 5 deals\" or \"quota {FirstName(rep)} $40,000\".");

    private async Task<OutboundMessage> TeamAsync(Team team, List<Member> reps, YearMonth month, CancellationToken cancellationToken)
    {
        if (reps.Count == 0)
        {
            return OutboundMessage.Plain($"No one on {team.Name} reports to you yet, so there are no quotas for you to set.");
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var rep in reps)
        {
            var outcome = await progress.ForMonthAsync(rep, month, cancellationToken);
            rows.Add([rep.DisplayName, rep.Quota?.Describe() ?? "not set", outcome?.Progress() ?? "—"]);
        }

        return new OutboundMessage
        {
            Text = $"{team.Name} · quotas for {ReflectionFlow.MonthName(month)}",
            Blocks =
            [
                new Heading($"{team.Name} · quotas for {ReflectionFlow.MonthName(month)}"),
                new Table(["Rep", "Monthly quota", "Progress"], rows),
                new Paragraph(Usage, Subtle: true),
            ],
        };
    }

    private static string FirstName(Member member) => member.DisplayName.Split(' ')[0];
}
