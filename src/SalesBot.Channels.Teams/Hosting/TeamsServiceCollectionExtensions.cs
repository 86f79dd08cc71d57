using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using SalesBot.Channels.Http.Charts;
using SalesBot.Channels.Http;
using SalesBot.Channels.Teams.Auth;
using SalesBot.Channels.Teams.Connector;
using SalesBot.Conversations.Outbox;

namespace SalesBot.Channels.Teams.Hosting;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// The Teams channel: inbound authentication, the connector client, the outbox messenger. Identity
    /// keys come from the root of <paramref name="configuration"/> (<c>MicrosoftAppType</c>,
    /// <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>), the rest from the
    /// <c>Teams</c> section. Validated at start-up.
    /// </summary>
    public static IServiceCollection AddSalesBotTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TeamsOptions>()
            .Configure(o =>
            {
                configuration.GetSection(TeamsOptions.Section).Bind(o);
                var type = configuration["MicrosoftAppType"];
                if (!string.IsNullOrWhiteSpace(type))
                {
                    o.AppType = Enum.TryParse<BotAppType>(type.Trim(), ignoreCase: true, out var parsed)
                        ? parsed
                        : throw new OptionsValidationException(nameof(TeamsOptions), typeof(TeamsOptions),
                            [$"MicrosoftAppType '{type}' is not one of SingleTenant, UserAssignedMSI, MultiTenant."]);
                }

                o.AppId = Trimmed(configuration["MicrosoftAppId"]);
                o.AppPassword = Trimmed(configuration["MicrosoftAppPassword"]);
                o.AppTenantId = Trimmed(configuration["MicrosoftAppTenantId"]);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddHttpClient(TeamsHttpClients.Metadata, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        services.AddSalesBotDelivery(configuration);
        services.AddSalesBotChartLinks(configuration);
        AddConnectorHttpClient(services);
        services.AddHttpClient(TeamsHttpClients.Identity, c => c.Timeout = TimeSpan.FromSeconds(15)).RemoveAllLoggers();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TeamsOptions>>().Value;
            var environment = sp.GetRequiredService<IHostEnvironment>();
            return new LocalMode(o.AllowUnauthenticatedLocalRequests && !o.HasAppId && environment.IsDevelopment());
        });
        services.TryAddSingleton<BotAuthenticator>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton<TeamsRateLimits>();
        services.TryAddSingleton<ConnectorClient>();
        services.TryAddSingleton<TeamsEndpoint>();
        services.AddScoped<IChannelMessenger, TeamsMessenger>();
        return services;
    }

    /// <summary>Maps <c>POST /api/messages</c>, the Azure Bot's messaging endpoint.</summary>
    public static IEndpointRouteBuilder MapSalesBotTeams(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/messages", (RequestDelegate)(context =>
            context.RequestServices.GetRequiredService<TeamsEndpoint>().HandleAsync(context)));
        return endpoints;
    }

    /// <summary>
    /// The connector's HTTP client: transient answers are retried inline per <see cref="TeamsOptions.InlineRetries"/>
    /// on the app's <see cref="TimeProvider"/>; 412 counts as transient too (Teams asks for a retry).
    /// </summary>
    internal static IHttpClientBuilder AddConnectorHttpClient(IServiceCollection services) =>
        services.AddHttpClient(TeamsHttpClients.Connector).AddInlineRetries(
            sp => sp.GetRequiredService<IOptions<TeamsOptions>>().Value.InlineRetries,
            response => ValueTask.FromResult(response.StatusCode == System.Net.HttpStatusCode.PreconditionFailed));

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
