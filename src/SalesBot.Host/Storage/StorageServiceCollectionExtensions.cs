using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SalesBot.Storage.Cosmos;
using SalesBot.Storage.Sqlite;

namespace SalesBot.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string ProviderKey = "Storage:Provider";

    /// <summary>
    /// The store named by <c>Storage:Provider</c>: <c>Sqlite</c> (the embedded default, one file) or
    /// <c>Cosmos</c> (Azure Cosmos DB, for more than one instance). Both serve the same ports.
    /// </summary>
    public static IServiceCollection AddSalesBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSalesBotSqlite(configuration);
            services.AddHealthChecks().AddCheck<SqliteHealthCheck>("storage");
            return services;
        }

        if (provider.Equals("Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSalesBotCosmos(configuration);
            services.AddSingleton<IValidateOptions<CosmosOptions>, NoTestCertificatesInProduction>();
            services.AddHealthChecks().AddCheck<CosmosHealthCheck>("storage");
            return services;
        }

        throw new OptionsValidationException(ProviderKey, typeof(string), [$"{ProviderKey} is '{provider}'; use Sqlite (the default) or Cosmos."]);
    }

    /// <summary>Accepting any certificate is for the local test server; in production it would let anyone in the middle read the data.</summary>
    private sealed class NoTestCertificatesInProduction(IHostEnvironment environment) : IValidateOptions<CosmosOptions>
    {
        public ValidateOptionsResult Validate(string? name, CosmosOptions options) =>
            options.AcceptAnyServerCertificate && environment.IsProduction()
                ? ValidateOptionsResult.Fail($"{CosmosOptions.Section}:AcceptAnyServerCertificate is for the local Cosmos test server only; the app will not start with it in Production.")
                : ValidateOptionsResult.Success;
    }

    private sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await SqliteDatabase.ScalarAsync(connection, "SELECT 1;", cancellationToken);
            return HealthCheckResult.Healthy();
        }
    }

    private sealed class CosmosHealthCheck(CosmosClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await client.ReadAccountAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is CosmosException or HttpRequestException)
            {
                return HealthCheckResult.Unhealthy("Cosmos DB did not answer.", ex);
            }
        }
    }
}
