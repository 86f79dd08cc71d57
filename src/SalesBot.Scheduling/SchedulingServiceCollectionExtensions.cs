using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.ComponentModel.DataAnnotations;
using NodaTime;
using Quartz;
using SalesBot.Core.CheckIns;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    public static IServiceCollection AddSalesBotScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SchedulingOptions.Section);
        services.AddOptions<SchedulingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true))
        {
            // The schedule is a value the flows read; an invalid setting is reported by ValidateOnStart.
            services.AddSingleton(new PromptSchedule(options.PromptLocalTime(), Duration.FromHours(options.CheckInPromptWindowHours)));
        }

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
            q.AddJob<CheckInPromptJob>(j => j.WithIdentity(CheckInPromptJob.Key).StoreDurably());
            q.AddTrigger(t => t
                .ForJob(CheckInPromptJob.Key)
                .WithIdentity("checkin-prompt-sweep", "salesbot")
                .StartNow()
                .WithSimpleSchedule(s => s.WithIntervalInMinutes(options.CheckInPromptSweepMinutes).RepeatForever().WithMisfireHandlingInstructionNextWithRemainingCount()));
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        return services;
    }
}
