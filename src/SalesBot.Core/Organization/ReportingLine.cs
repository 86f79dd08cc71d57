namespace SalesBot.Core.Organization;

/// <summary>
/// Who may see a member's numbers, blockers and reflections: the member, and the managers and
/// leaders above them by <see cref="Member.ManagerId"/>. A rep with no manager set reports to their
/// team's managers and leaders, so a team set up before the hierarchy existed keeps its status.
/// </summary>
public static class ReportingLine
{
    /// <summary>How far up a chain is followed; a longer one (or a loop) stops there.</summary>
    private const int MaxDepth = 10;

    /// <param name="people">Everyone the chain may pass through (the team and the managers above it), by id.</param>
    public static bool CanSee(Member viewer, Member member, IReadOnlyDictionary<string, Member> people)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(people);
        if (viewer.Id == member.Id)
        {
            return true;
        }

        if (!viewer.Role.CanSeeTeamStatus())
        {
            return false;
        }

        if (member.ManagerId is null)
        {
            return viewer.TeamId == member.TeamId;
        }

        var next = member.ManagerId;
        for (var depth = 0; next is not null && depth < MaxDepth; depth++)
        {
            if (next == viewer.Id)
            {
                return true;
            }

            next = people.TryGetValue(next, out var manager) ? manager.ManagerId : null;
        }

        return false;
    }
}
