namespace SalesBot.Conversations.Scheduling;

/// <summary>
/// Told when a stored schedule changed (a team's schedule or holidays, a member's own times, time away,
/// a new member), so that the plan is rebuilt from the store now rather than at its next re-read.
/// </summary>
public interface IScheduleSignal
{
    void SchedulesChanged();
}

/// <summary>Without a scheduler: the next run reads every zone again.</summary>
public sealed class PlanInvalidatingSignal(SchedulePlan plan) : IScheduleSignal
{
    public void SchedulesChanged() => plan.Invalidate();
}
