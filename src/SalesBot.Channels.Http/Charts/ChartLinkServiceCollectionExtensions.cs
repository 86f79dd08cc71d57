using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Http.Charts;

public static class ChartLinkServiceCollectionExtensions
{
    /// <summary><see cref="ChartLinks"/> with <see cref="ChartLinkOptions"/> from the <c>Charts</c> section, validated at start-up; registering it again changes nothing.</summary>
    public static IServiceCollection AddSalesBotChartLinks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<ChartLinkOptions>)))
        {
            return services;
        }

        services.AddSalesBotDelivery(configuration);
        services.AddOptions<ChartLinkOptions>().Bind(configuration.GetSection(ChartLinkOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChartLinkOptions>, ChartLinkOptionsValidator>());
        services.TryAddSingleton<ChartLinks>();
        return services;
    }
}
