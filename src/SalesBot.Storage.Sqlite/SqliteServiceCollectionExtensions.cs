using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Outbox;
using SalesBot.Conversations.Ports;

namespace SalesBot.Storage.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// The embedded store: one SQLite file (<c>Storage:Sqlite:Path</c>), migrated when the app starts.
    /// </summary>
    public static IServiceCollection AddSalesBotSqlite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqliteOptions>()
            .Bind(configuration.GetSection(SqliteOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<SqliteOptions>>().Value.Path;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            return new SqliteDatabase(Path.IsPathRooted(path) ? path : Path.Combine(root, path));
        });
        services.AddSalesBotSqliteStores();
        services.AddHostedService<SqliteMigrationService>();
        return services;
    }

    /// <summary>The store ports over a <see cref="SqliteDatabase"/> registered by the caller.</summary>
    public static IServiceCollection AddSalesBotSqliteStores(this IServiceCollection services)
    {
        services.AddSingleton<IOrganizationStore, SqliteOrganizationStore>();
        services.AddSingleton<IMemberStore, SqliteMemberStore>();
        services.AddSingleton<ICheckInStore, SqliteCheckInStore>();
        services.AddSingleton<IRollupStore, SqliteRollups>();
        services.AddSingleton<IWinStore, SqliteWinStore>();
        services.AddSingleton<IKudosStore, SqliteKudosStore>();
        services.AddSingleton<IReflectionStore, SqliteReflectionStore>();
        services.AddSingleton<IConversationReferenceStore, SqliteConversationReferenceStore>();
        services.AddSingleton<SqliteOutbox>();
        services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddSingleton<IOutboxAdmin>(sp => sp.GetRequiredService<SqliteOutbox>());
        services.AddSingleton<IEventLog, SqliteEventLog>();
        services.AddSingleton<IScheduleIndex, SqliteScheduleIndex>();
        services.AddSingleton<IInstallationStore, SqliteInstallationStore>();
        services.AddSingleton<IStoreWriter, SqliteStoreWriter>();
        services.AddSingleton<IStoreMaintenance, SqliteMaintenance>();
        return services;
    }

    /// <summary>Brings the schema up to date before the app takes requests (hosted services start first).</summary>
    private sealed class SqliteMigrationService(SqliteDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
