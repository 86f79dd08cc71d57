using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesBot.Conversations.Ports;
using SalesBot.Storage.Sqlite;
using SalesBot.Testing.Web;

namespace SalesBot.Host.Tests;

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
        using var app = new SalesBotAppFactory();
        app.Settings["Storage:Provider"] = "Postgres";

        var ex = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("use Sqlite (the default) or Cosmos", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusting_any_cosmos_certificate_stops_the_host_in_production()
    {
        using var app = new SalesBotAppFactory { Environment = "Production" };
        app.Settings["Storage:Provider"] = "Cosmos";
        app.Settings["Storage:Cosmos:ConnectionString"] = "AccountEndpoint=https://127.0.0.1:1/;AccountKey=a2V5;";
        app.Settings["Storage:Cosmos:AcceptAnyServerCertificate"] = "true";

        var ex = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("AcceptAnyServerCertificate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosmos_settings_that_name_neither_a_connection_string_nor_an_endpoint_stop_the_host()
    {
        using var app = new SalesBotAppFactory();
        app.Settings["Storage:Provider"] = "Cosmos";

        var ex = Assert.Throws<OptionsValidationException>(() => app.Services);

        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
    }
}
