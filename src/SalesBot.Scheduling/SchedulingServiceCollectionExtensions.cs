using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Scheduling;

namespace SalesBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        // Built from the validated options: an invalid setting fails ValidateOnStart before anyone asks.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SchedulingOptions>>().Value);
        services.AddSingleton(sp =>
        {
            var validated = sp.GetRequiredService<SchedulingOptions>();
            return new SchedulePolicy
            {
                CatchUpGrace = Duration.FromMinutes(validated.CatchUpGraceMinutes),
                Replan = Duration.FromMinutes(validated.ReplanMinutes),
                Snooze = Duration.FromMinutes(validated.SnoozeMinutes),
            };
        });

        services.AddSingleton(sp => new DeliveryPolicy
        {
            UndeliverableAfter = Duration.FromMinutes(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.UndeliverableAfterMinutes),
            MaxConcurrentSends = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value.OutboxConcurrency,
        });

        if (!options.Enabled)
        {
            return services;
        }

        services.AddSingleton<IOutboxSignal, QuartzOutboxSignal>();
        services.AddSingleton<OutboxWakeTimes>();
        services.AddSingleton<IScheduleSignal, QuartzScheduleSignal>();
        services.AddQuartz(q =>
        {
            q.SchedulerName = "salesbot";
            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(OutboxDispatchJob.Key)
                .WithIdentity("outbox-sweep", "salesbot")
                .StartNow()
                .WithSimpleSchedule(s => s.WithIntervalInSeconds(options.OutboxSweepSeconds).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
            q.AddJob<ScheduleJob>(j => j.WithIdentity(ScheduleJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(ScheduleJob.Key)
                .WithIdentity("schedule-sweep", "salesbot")
                .StartNow()
                .WithSimpleSchedule(s => s.WithIntervalInMinutes(options.SweepMinutes).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
            q.AddJob<StorePruneJob>(j => j.WithIdentity(StorePruneJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(StorePruneJob.Key)
                .WithIdentity("store-prune", "salesbot")
                .StartNow()
                .WithSimpleSchedule(s => s.WithIntervalInMinutes(options.PruneEveryMinutes).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}
