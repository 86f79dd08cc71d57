using NodaTime;
using SalesBot.Conversations.Ports;
using SalesBot.Core.Organization;
using SalesBot.Core.Schedules;

namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// Keeps the plan true after a turn's commit. A member who joined or changed their own schedule, zone or
/// time away only moves their zone's next due time (no store reads, so a burst of new reps costs
/// nothing); a team's schedule or holidays changing makes every zone be read again.
/// </summary>
public sealed class ScheduleChanges(SchedulePlan plan, IScheduleSignal signal, IClock clock)
{
    public void AfterCommit(ChangeSet changes, Team team)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(team);
        var members = changes.Changes.OfType<MemberPut>().Where(p => p.ChangesSchedule).ToList();
        if (changes.Changes.OfType<TeamPut>().Any() || members.Any(p => p.Member.TeamId != team.Id))
        {
            signal.SchedulesChanged();
            return;
        }

        var now = clock.GetCurrentInstant();
        var moved = false;
        foreach (var put in members)
        {
            moved |= plan.Consider(put.Member.TimeZoneId, new MemberCalendar(put.Member, team).NextAfter(now));
        }

        if (moved)
        {
            signal.NextDueMoved();
        }
    }
}
