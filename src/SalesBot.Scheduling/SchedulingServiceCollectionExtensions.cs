using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<IOutboxSignal, QuartzOutboxSignal>();
        services.AddQuartz(q =>
        {
            q.SchedulerName = "salesbot";
            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(OutboxDispatchJob.Key)
                .WithIdentity("outbox-sweep", "salesbot")
                .StartNow()
                .WithSimpleSchedule(s => s.WithIntervalInSeconds(options.OutboxSweepSeconds).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}
