using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SalesBot.Storage.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>
    /// The scale-out store: Azure Cosmos DB (<c>Storage:Cosmos</c>), one client per process, database
    /// and containers created at start when missing.
    /// </summary>
    public static IServiceCollection AddSalesBotCosmos(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>()
            .Bind(configuration.GetSection(CosmosOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosOptions>, CosmosOptionsValidator>());
        services.TryAddSingleton<CosmosOperationCounter>();
        services.TryAddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetRequiredService<CosmosOperationCounter>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<CosmosClient>()
            .GetDatabase(sp.GetRequiredService<IOptions<CosmosOptions>>().Value.Database));
        services.AddHostedService<CosmosDatabaseInitializer>();
        return services;
    }
}
