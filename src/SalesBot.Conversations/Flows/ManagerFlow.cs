using SalesBot.Conversations.Messages;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The reporting line, set in chat by a manager or leader: "manager Ava" says who Ava reports to,
/// "manager Ava is Morgan" sets it, "manager Ava is nobody" clears it (then Ava reports to the team's
/// managers and leaders). Only people on the sender's own team can be named, and only a rep or
/// manager the sender may already see can be moved, so nothing here reveals anyone else.
/// </summary>
public sealed class ManagerFlow(IMemberStore members, MemberChanges changes) : IFlow
{
    public const string Usage = "Say \"manager Ava is Morgan\" to set who Ava reports to, \"manager Ava is nobody\" to clear it, or \"manager Ava\" to see it.";

    private static readonly string[] Nobody = ["nobody", "none", "no one", "noone", "-"];

    public IReadOnlyList<string> Commands { get; } = ["manager"];

    public IReadOnlyList<string> Verbs { get; } = [];

    public Task<TurnResult> OnSubmitAsync(Turn turn, FormSubmission submission, CancellationToken cancellationToken) =>
        OnCommandAsync(turn, string.Empty, cancellationToken);

    public async Task<TurnResult> OnCommandAsync(Turn turn, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.Member.Role.CanSeeTeamStatus())
        {
            return TurnResult.Reply("Only a manager or leader can set who reports to whom. Ask yours if yours is wrong.");
        }

        var text = argument.Trim();
        var split = text.IndexOf(" is ", StringComparison.OrdinalIgnoreCase);
        var who = (split < 0 ? text : text[..split]).Trim().TrimStart('@');
        var to = split < 0 ? null : text[(split + 4)..].Trim().TrimStart('@');
        if (who.Length == 0 || to is { Length: 0 })
        {
            return TurnResult.Reply(Usage);
        }

        var roster = await members.ListTeamAsync(turn.Team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        // Anyone the sender may see (a leader sees the whole team), managers included; never someone else's line.
        var movable = roster.Where(m => m.Id != turn.Member.Id && (turn.Member.Role == MemberRole.Leader || ReportingLine.CanSee(turn.Member, m, people))).ToList();
        var found = NameMatch.Find(who, movable);
        if (found.Count != 1)
        {
            return TurnResult.Reply(found.Count == 0
                ? $"I couldn't find \"{who}\" among the people you manage on {turn.Team.Name}. {Usage}"
                : $"Which one? {string.Join(", ", found.Select(m => m.DisplayName))}.");
        }

        var member = found[0];
        if (to is null)
        {
            return TurnResult.Reply(member.ManagerId is { } id && people.TryGetValue(id, out var current)
                ? $"{member.DisplayName} reports to {current.DisplayName}."
                : $"{member.DisplayName} has no manager set, so they report to {turn.Team.Name}'s managers and leaders.");
        }

        if (Nobody.Contains(to, StringComparer.OrdinalIgnoreCase))
        {
            await changes.UpdateOtherAsync(turn, member, m => m with { ManagerId = null }, cancellationToken);
            return TurnResult.Reply($"Done: {member.DisplayName} has no manager set now, so they report to {turn.Team.Name}'s managers and leaders.");
        }

        var managers = NameMatch.Find(to, roster);
        if (managers.Count > 1 && managers.Count(m => m.Role.CanSeeTeamStatus()) == 1)
        {
            managers = [.. managers.Where(m => m.Role.CanSeeTeamStatus())];
        }

        if (managers.Count != 1)
        {
            return TurnResult.Reply(managers.Count == 0
                ? $"I couldn't find anyone called \"{to}\" on {turn.Team.Name}. {Usage}"
                : $"Which one? {string.Join(", ", managers.Select(m => m.DisplayName))}.");
        }

        var manager = managers[0];
        if (ReportingLine.WhyNot(member, manager, people, turn.Team.OrganizationId, turn.Team.OrganizationId) is { } problem)
        {
            return TurnResult.Reply($"I didn't change it: {problem}");
        }

        if (member.ManagerId == manager.Id)
        {
            return TurnResult.Reply($"{member.DisplayName} already reports to {manager.DisplayName}.");
        }

        await changes.UpdateOtherAsync(turn, member, m => m with { ManagerId = manager.Id }, cancellationToken);
        return TurnResult.Reply($"Done: {member.DisplayName} reports to {manager.DisplayName} now. {manager.DisplayName} sees their numbers, digest and alerts.");
    }
}
