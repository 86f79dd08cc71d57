namespace SalesBot.Conversations.Scheduling;

/// <summary>Told when the plan changed, so that the schedule runs now rather than at its next planned run.</summary>
public interface IScheduleSignal
{
    /// <summary>A team's schedule or holidays changed: every zone is read again from the store.</summary>
    void SchedulesChanged();

    /// <summary>Something is now due earlier than the schedule planned to run next.</summary>
    void NextDueMoved();
}

/// <summary>Without a scheduler: the next run reads every zone again, and nothing runs early.</summary>
public sealed class PlanInvalidatingSignal(SchedulePlan plan) : IScheduleSignal
{
    public void SchedulesChanged() => plan.Invalidate();

    public void NextDueMoved()
    {
    }
}
