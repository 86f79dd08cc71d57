using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Http;
using SalesBot.Channels.Slack.AppHome;
using SalesBot.Channels.Slack.Inbound;
using SalesBot.Channels.Slack.Installations;
using SalesBot.Channels.Slack.Members;
using SalesBot.Channels.Slack.Outbound;
using SalesBot.Channels.Slack.Security;
using SalesBot.Channels.Slack.Turns;
using SalesBot.Channels.Slack.WebApi;
using SalesBot.Channels.Slack.Work;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Channels.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// The Slack channel: signed endpoints, the Web API client, Block Kit rendering, the outbox
    /// messenger and the background worker. Slack is enabled when <c>Slack:SigningSecret</c> is set;
    /// without it the host starts and every Slack request is refused with 401. Installations are kept
    /// by the registered store (<see cref="Conversations.Ports.IInstallationStore"/>), not here.
    /// </summary>
    public static IServiceCollection AddSalesBotSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(SystemClock.Instance);

        services.AddSalesBotDelivery(configuration);
        services.AddSalesBotChartLinks(configuration);
        AddWebApiHttpClient(services);
        services.AddSingleton<SlackRateLimits>();
        services.AddSingleton<SlackBotTokens>();
        services.AddSingleton<SlackApiClient>();

        services.AddSingleton<SeenSignatures>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackRequestReader>();

        services.AddSingleton<SlackProfiles>();
        services.AddSingleton<SlackDirectChannels>();
        services.AddSingleton<SlackInboundEvents>();
        services.AddSingleton<SlackTurnRunner>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackModals>();
        services.AddSingleton<SlackInteractiveTurns>();
        services.AddSingleton<SlackBackgroundWork>();
        services.AddHostedService<SlackBackgroundWorker>();

        services.AddScoped<AppHomeContent>();
        services.AddScoped<AppHomePublisher>();

        services.AddSingleton<SlackEventsHandler>();
        services.AddSingleton<SlackCommandsHandler>();
        services.AddSingleton<SlackInteractivityHandler>();
        services.AddSingleton<SlackOAuthHandler>();

        services.AddSingleton<IChannelMessenger, SlackMessenger>();
        return services;
    }

    /// <summary>
    /// The Web API's HTTP client: throttled and transient answers (Slack's HTTP 200 <c>ratelimited</c> too)
    /// are retried inline per <see cref="SlackOptions.InlineRetries"/> on the app's <see cref="TimeProvider"/>.
    /// </summary>
    internal static IHttpClientBuilder AddWebApiHttpClient(IServiceCollection services) =>
        services.AddHttpClient(SlackApiClient.HttpClientName).AddInlineRetries(
            sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.InlineRetries,
            SlackApiClient.IsRateLimitedAnswerAsync);
}
