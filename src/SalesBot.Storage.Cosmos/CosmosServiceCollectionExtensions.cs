using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

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
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CosmosOptions>>().Value;
            return new CosmosDatabase(sp.GetRequiredService<CosmosClient>().GetDatabase(options.Database), options);
        });
        services.AddSalesBotCosmosStores();
        services.AddHostedService<CosmosDatabaseInitializer>();
        services.AddHostedService<CosmosRollupBackfill>();
        return services;
    }

    /// <summary>The store ports over a <see cref="CosmosDatabase"/> registered by the caller.</summary>
    public static IServiceCollection AddSalesBotCosmosStores(this IServiceCollection services)
    {
        services.AddSingleton<IOrganizationStore, CosmosOrganizationStore>();
        services.AddSingleton<IMemberStore, CosmosMemberStore>();
        services.AddSingleton<ICheckInStore, CosmosCheckInStore>();
        services.AddSingleton<IRollupStore, CosmosRollups>();
        services.AddSingleton<IWinStore, CosmosWinStore>();
        services.AddSingleton<IKudosStore, CosmosKudosStore>();
        services.AddSingleton<IReflectionStore, CosmosReflectionStore>();
        services.AddSingleton<IConversationReferenceStore, CosmosConversationReferenceStore>();
        services.AddSingleton<CosmosOutbox>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<CosmosOutbox>());
        services.AddSingleton<IOutboxAdmin>(sp => sp.GetRequiredService<CosmosOutbox>());
        services.AddSingleton<IEventLog, CosmosEventLog>();
        services.AddSingleton<IScheduleIndex, CosmosScheduleIndex>();
        services.AddSingleton<IInstallationStore, CosmosInstallationStore>();
        services.AddSingleton<IStoreWriter, CosmosStoreWriter>();
        services.AddSingleton<IStoreMaintenance, CosmosMaintenance>();
        return services;
    }
}
