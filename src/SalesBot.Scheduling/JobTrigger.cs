using Quartz;

namespace SalesBot.Scheduling;

/// <summary>Runs a job now, if the scheduler is running; signals use it to act at once instead of at the next tick.</summary>
internal static class JobTrigger
{
    /// <summary>Null when fired (or the scheduler is not running), else why the scheduler refused; the job's own triggers still run it later.</summary>
    public static async Task<SchedulerException?> FireAsync(ISchedulerFactory schedulers, JobKey job)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            if (scheduler.IsStarted && !scheduler.IsShutdown)
            {
                await scheduler.TriggerJob(job);
            }

            return null;
        }
        catch (SchedulerException ex)
        {
            return ex;
        }
    }
}
