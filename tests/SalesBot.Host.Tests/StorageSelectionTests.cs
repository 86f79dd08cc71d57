using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Ports;
using SalesBot.Host.Storage;
using SalesBot.Storage.Cosmos;
using SalesBot.Storage.Sqlite;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

/// <summary>
/// Which store the Host runs on, and the settings it refuses. The refusals are checked on the Host's
/// own registration, resolved the way start-up validation resolves them.
/// </summary>
public sealed class StorageSelectionTests
{
    [Fact]
    public void Without_a_provider_the_host_runs_on_the_embedded_sqlite_file()
    {
        using var app = new SalesBotAppFactory();

        Assert.IsType<SqliteStoreWriter>(app.Services.GetRequiredService<IStoreWriter>());
    }

    [Fact]
    public void An_unknown_provider_stops_the_host_at_start_up_and_names_the_choices()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Register(Environments.Development, ("Storage:Provider", "Postgres")));

        Assert.Contains("use Sqlite (the default) or Cosmos", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusting_any_cosmos_certificate_stops_the_host_in_production()
    {
        using var services = Register(Environments.Production,
            ("Storage:Provider", "Cosmos"),
            ("Storage:Cosmos:ConnectionString", "AccountEndpoint=https://127.0.0.1:1/;AccountKey=a2V5;"),
            ("Storage:Cosmos:AcceptAnyServerCertificate", "true"));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CosmosOptions>>().Value);

        Assert.Contains("AcceptAnyServerCertificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusting_any_cosmos_certificate_is_allowed_in_development_for_the_local_test_server()
    {
        using var services = Register(Environments.Development,
            ("Storage:Provider", "Cosmos"),
            ("Storage:Cosmos:ConnectionString", "AccountEndpoint=https://127.0.0.1:1/;AccountKey=a2V5;"),
            ("Storage:Cosmos:AcceptAnyServerCertificate", "true"));

        Assert.True(services.GetRequiredService<IOptions<CosmosOptions>>().Value.AcceptAnyServerCertificate);
    }

    [Fact]
    public void Cosmos_settings_that_name_neither_a_connection_string_nor_an_endpoint_stop_the_host()
    {
        using var services = Register(Environments.Development, ("Storage:Provider", "Cosmos"));

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CosmosOptions>>().Value);

        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Register(string environment, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() });
        services.AddSalesBotStorage(configuration);
        return services.BuildServiceProvider();
    }
}
