using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SalesBot.Conversations.Flows;
using SalesBot.Conversations.Metrics;
using SalesBot.Core.Metrics;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Scheduling;

namespace SalesBot.Conversations;

public static class ServiceCollectionExtensions
{
    /// <summary>The flows and the engine. Stores, messengers and the outbox signal come from other projects.</summary>
    public static IServiceCollection AddSalesBotConversations(this IServiceCollection services)
    {
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IOutboxSignal, NoOutboxSignal>();
        services.AddScoped<MemberDirectory>();
        services.AddScoped<MemberHistory>();
        services.AddScoped<LeaderTeams>();
        services.AddScoped<SharedConversations>();
        services.AddScoped<WinPosts>();
        services.AddScoped<QuotaProgress>();
        services.AddScoped<CheckInFlow>();
        services.AddScoped<IFlow>(sp => sp.GetRequiredService<CheckInFlow>());
        services.AddScoped<IFlow, HelpFlow>();
        services.AddScoped<IFlow, StatusFlow>();
        services.AddScoped<IFlow, WinFlow>();
        services.AddScoped<IFlow, KudosFlow>();
        services.AddScoped<IFlow>(sp => sp.GetRequiredService<ReflectionFlow>());
        services.AddScoped<IFlow, DeliveryFlow>();
        services.AddScoped<IConversationEngine, ConversationEngine>();
        services.AddSingleton<CommandTable>();
        services.AddSingleton<Caching.TeamCache>();
        services.TryAddSingleton(new DeliveryPolicy());
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<MemberChanges>();
        services.AddScoped<ReflectionFlow>();
        services.AddScoped<IFlow, TimeAwayFlow>();
        services.AddScoped<IFlow, SnoozeFlow>();
        services.AddScoped<IFlow, ScheduleFlow>();
        services.AddScoped<IFlow, HolidayFlow>();
        services.AddScoped<IFlow, PipelineFlow>();
        services.AddScoped<IFlow, QuotaFlow>();
        services.AddScoped<IFlow, RunScheduleFlow>();
        services.AddScoped<IFlow, AlertsFlow>();
        services.AddScoped<IFlow, ManagerFlow>();
        services.TryAddSingleton(new SchedulePolicy());
        services.TryAddSingleton<SchedulePlan>();
        services.TryAddSingleton<IScheduleSignal, PlanInvalidatingSignal>();
        services.AddSingleton<ScheduleChanges>();
        services.AddScoped<TeamDigests>();
        services.AddScoped<TeamAlerts>();
        services.AddScoped<ScheduledMessages>();
        services.AddScoped<ScheduledPrompts>();
        services.AddScoped<IDeliveryCheck, MemberDeliveryCheck>();
        services.AddScoped<IDeliveryCheck, DetectedWinCheck>();
        services.AddScoped<IDeliveryCheck, KudosNoteCheck>();
        services.AddScoped<WinRoundUp>();
        services.AddScoped<IDeliveryCheck, RecognitionCheck>(); // after DetectedWinCheck: a withdrawn win uses no place under the cap
        services.AddScoped<IFlow, PostsFlow>();
        services.AddScoped<IFlow, CheckInFixFlow>();
        services.TryAddSingleton(new CheckInPolicy());
        services.TryAddSingleton(ConfiguredMetricPlan.BuiltIn);
        services.TryAddSingleton(ProficiencyWindow.Default);
        services.AddScoped<MetricPlans>();
        services.AddScoped<RepMetricChange>();
        services.AddScoped<ProficiencyNudges>();
        services.AddScoped<IFlow, MetricsFlow>();
        return services;
    }

    private sealed class NoOutboxSignal : IOutboxSignal
    {
        public void Notify()
        {
        }
    }
}
