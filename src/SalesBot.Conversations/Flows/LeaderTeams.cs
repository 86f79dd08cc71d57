using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// The teams a leader leads across the organization: those with reps whose reporting line
/// (<see cref="Member.ManagerId"/>) leads up to the leader, and the leader's own team. Anyone else
/// asking about another team gets one refusal, the same whether that team exists or not.
/// </summary>
public sealed class LeaderTeams(IOrganizationStore organizations, IMemberStore members)
{
    public static string Refusal(string name) =>
        $"I can't show a team called \"{name}\". A leader sees the teams whose managers report to them; say \"status\" for your own team.";

    /// <summary>The teams <paramref name="leader"/> leads, each with the reps they may see, by team name.</summary>
    public async Task<IReadOnlyList<(Team Team, IReadOnlyList<Member> Reps)>> LedByAsync(Member leader, Team own, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(own);
        if (leader.Role != MemberRole.Leader)
        {
            return [];
        }

        var led = new List<(Team, IReadOnlyList<Member>)>();
        foreach (var team in await organizations.ListTeamsAsync(own.OrganizationId, cancellationToken))
        {
            var reps = await RepsOfAsync(leader, team, cancellationToken);
            if (reps.Count > 0 || team.Id == own.Id)
            {
                led.Add((team, reps));
            }
        }

        return led;
    }

    /// <summary>One team by name (exact, then a beginning), if the leader leads it.</summary>
    public async Task<(Team Team, IReadOnlyList<Member> Reps)?> FindAsync(Member leader, Team own, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(own);
        if (leader.Role != MemberRole.Leader || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var wanted = name.Trim();
        var teams = await organizations.ListTeamsAsync(own.OrganizationId, cancellationToken);
        var matches = teams.Where(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 0)
        {
            matches = [.. teams.Where(t => t.Name.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))];
        }

        foreach (var team in matches)
        {
            var reps = await RepsOfAsync(leader, team, cancellationToken);
            if (reps.Count > 0 || team.Id == own.Id)
            {
                return (team, reps);
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<Member>> RepsOfAsync(Member leader, Team team, CancellationToken cancellationToken)
    {
        var roster = await members.ListTeamAsync(team.Id, cancellationToken);
        var people = roster.ToDictionary(m => m.Id);
        people.TryAdd(leader.Id, leader);
        return [.. roster.Where(m => m.Role.IsRep() && ReportingLine.CanSee(leader, m, people)).OrderBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase)];
    }
}
