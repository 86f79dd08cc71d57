using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>
/// Check-ins and reflections are about a person's own lead metrics: someone who carries none (a
/// manager, or a rep whose metrics are not set up) is told so instead of getting an empty form.
/// </summary>
public static class RoleFit
{
    public static string? Refusal(IFlow flow, Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (flow is not (CheckInFlow or ReflectionFlow) || member.Metrics.Count > 0)
        {
            return null;
        }

        return member.Role.IsRep()
            ? "You have no lead metrics yet, so there is nothing to check in or reflect on. Ask your manager to set them up."
            : "Check-ins and reflections are for reps with lead metrics, and you don't carry any. Try \"status\", \"status week\" or \"status @name\" for your team.";
    }

    public static string Suggestions(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Metrics.Count > 0
            ? "Try \"check in\", \"win <what happened>\", \"reflect\", \"status\" or \"help\"."
            : member.Role.CanSeeTeamStatus()
                ? "Try \"status\", \"status week\", \"status month\", \"status @name\", \"win <what happened>\" or \"help\"."
                : "Try \"win <what happened>\", \"status\" or \"help\".";
    }
}
