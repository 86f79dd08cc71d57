using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Http;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="DeliveryOptions"/> from the <c>Delivery</c> section, validated at start-up. Each channel
    /// registers it; registering it again changes nothing.
    /// </summary>
    public static IServiceCollection AddSalesBotDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<DeliveryOptions>)))
        {
            return services;
        }

        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
