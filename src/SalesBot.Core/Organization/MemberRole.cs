namespace SalesBot.Core.Organization;

/// <summary>
/// What a member does. Hunters open new accounts, farmers grow existing ones (seed 001: lead
/// metrics differ by role); managers coach a team and leaders see roll-ups across teams.
/// </summary>
public enum MemberRole
{
    Hunter,
    Farmer,
    Manager,
    Leader,
}

public static class MemberRoleExtensions
{
    public static bool IsRep(this MemberRole role) => role is MemberRole.Hunter or MemberRole.Farmer;

    public static bool CanSeeTeamStatus(this MemberRole role) => role is MemberRole.Manager or MemberRole.Leader;
}
