using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Stages a change to the turn's member or team against the version stored now, so that two turns
/// changing the same member at once conflict (and the engine re-runs one) instead of one being lost.
/// </summary>
public sealed class MemberChanges(IMemberStore members, IOrganizationStore organizations)
{
    public async Task<Member> UpdateMemberAsync(Turn turn, Func<Member, Member> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(change);
        var stored = await members.GetAsync(turn.Member.TeamId, turn.Member.Id, cancellationToken);
        var before = stored?.Value ?? turn.Member;
        var after = change(before);
        turn.Changes.PutMember(after, Expect.For(stored), before);
        return after;
    }

    /// <summary>Stages a change to another member (a manager setting who someone reports to), against their stored version.</summary>
    public async Task<Member> UpdateOtherAsync(Turn turn, Member member, Func<Member, Member> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(change);
        var stored = await members.GetAsync(member.TeamId, member.Id, cancellationToken);
        var before = stored?.Value ?? member;
        var after = change(before);
        turn.Changes.PutMember(after, Expect.For(stored), before);
        return after;
    }

    public async Task<Team> UpdateTeamAsync(Turn turn, Func<Team, Team> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(change);
        var stored = await organizations.GetTeamAsync(turn.Team.Id, cancellationToken);
        var after = change(stored?.Value ?? turn.Team);
        turn.Changes.PutTeam(after, Expect.For(stored));
        return after;
    }
}
