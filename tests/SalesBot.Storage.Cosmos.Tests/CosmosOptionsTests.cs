using SalesBot.Testing.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SalesBot.Storage.Cosmos.Tests;

public sealed class CosmosOptionsTests
{
    [Fact]
    public void A_connection_string_alone_is_valid_and_defaults_to_a_serverless_salesbot_database()
    {
        var options = Resolve(new() { ["Storage:Cosmos:ConnectionString"] = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;" });

        Assert.Equal("salesbot", options.Database);
        Assert.Equal(CosmosThroughput.Serverless, options.Throughput);
        Assert.Equal(8, options.OutboxShards);
    }

    [Fact]
    public void An_endpoint_with_a_managed_identity_is_valid()
    {
        var options = Resolve(new()
        {
            ["Storage:Cosmos:Endpoint"] = "https://salesbot.documents.azure.com:443/",
            ["Storage:Cosmos:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("salesbot.documents.azure.com", options.Endpoint!.Host);
    }

    [Theory]
    [InlineData(null, null, "exactly one of ConnectionString")]
    [InlineData("AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;", "https://salesbot.documents.azure.com/", "not both")]
    public void Start_up_fails_unless_exactly_one_way_to_connect_is_configured(string? connectionString, string? endpoint, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Storage:Cosmos:ConnectionString"] = connectionString,
            ["Storage:Cosmos:Endpoint"] = endpoint,
        }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provisioned_throughput_needs_an_autoscale_maximum_in_thousands()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Storage:Cosmos:ConnectionString"] = "AccountEndpoint=https://localhost:8081/;AccountKey=a2V5;",
            ["Storage:Cosmos:Throughput"] = "Provisioned",
            ["Storage:Cosmos:AutoscaleMaxThroughput"] = "1500",
        }));

        Assert.Contains("AutoscaleMaxThroughput", error.Message, StringComparison.Ordinal);
    }

    private static CosmosOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddSalesBotCosmos(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CosmosOptions>>().Value;
    }
}
