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

    /// <summary>
    /// Why <paramref name="member"/> cannot report to <paramref name="manager"/>, or null when they can:
    /// a manager must be a manager or leader of the same organization, not the member, and not someone
    /// who already reports (through any chain) to the member.
    /// </summary>
    public static string? WhyNot(Member member, Member manager, IReadOnlyDictionary<string, Member> people, string organizationOfMember, string organizationOfManager)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(people);
        if (member.Id == manager.Id)
        {
            return $"{member.DisplayName} can't report to themselves.";
        }

        if (!manager.Role.CanSeeTeamStatus())
        {
            return $"{manager.DisplayName} is a rep, and reps don't have people reporting to them. Make them a manager first.";
        }

        if (organizationOfMember != organizationOfManager)
        {
            return $"{manager.DisplayName} is in another organization.";
        }

        var next = manager.ManagerId;
        for (var depth = 0; next is not null && depth < MaxDepth; depth++)
        {
            if (next == member.Id)
            {
                return $"{manager.DisplayName} already reports to {member.DisplayName}, so that would make a loop.";
            }

            next = people.TryGetValue(next, out var above) ? above.ManagerId : null;
        }

        return null;
    }
}
