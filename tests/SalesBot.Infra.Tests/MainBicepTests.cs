using System.Text.Json.Nodes;
using SalesBot.Storage.Cosmos;

namespace SalesBot.Infra.Tests;

public class MainBicepTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    [Fact]
    public void The_bicep_compiles_without_warnings()
    {
        Assert.True(string.IsNullOrWhiteSpace(compiled.Diagnostics), $"bicep build printed:\n{compiled.Diagnostics}");
    }

    [Fact]
    public void The_bicep_declares_every_container_the_store_uses()
    {
        var declared = compiled.Template["variables"]!["containers"]!.AsArray()
            .Select(c => new CosmosContainer(
                (string)c!["name"]!,
                (string)c["partitionKeyPath"]!,
                (int?)c["defaultTtl"]))
            .ToList();

        Assert.Equal(CosmosContainers.All, declared);
    }

    [Fact]
    public void The_container_resources_are_made_from_the_container_list()
    {
        var container = compiled.Resource(ContainerType);
        var resource = container["properties"]!["resource"]!;
        const string item = "variables('containers')[copyIndex()]";

        Assert.Equal("[length(variables('containers'))]", (string?)container["copy"]!["count"]);
        Assert.Equal($"[{item}.name]", (string?)resource["id"]);
        Assert.Contains($"{item}.name)]", (string?)container["name"], StringComparison.Ordinal);
        Assert.Equal($"[{item}.partitionKeyPath]", (string?)Assert.Single(resource["partitionKey"]!["paths"]!.AsArray()));
        Assert.Equal($"[{item}.defaultTtl]", (string?)resource["defaultTtl"]);
    }

    [Fact]
    public void Cosmos_is_serverless_by_default_and_takes_no_keys()
    {
        var account = compiled.Resource("Microsoft.DocumentDB/databaseAccounts")["properties"]!;

        Assert.True((bool)compiled.Template["parameters"]!["cosmosServerless"]!["defaultValue"]!);
        Assert.Equal(
            "[if(parameters('cosmosServerless'), createArray(createObject('name', 'EnableServerless')), createArray())]",
            (string?)account["capabilities"]);
        Assert.True((bool)account["disableLocalAuth"]!);
    }

    [Fact]
    public void The_bot_has_its_Teams_channel_and_points_at_the_app()
    {
        var channel = compiled.Resource("Microsoft.BotService/botServices/channels")["properties"]!;
        var bot = compiled.Resource("Microsoft.BotService/botServices")["properties"]!;

        Assert.Equal("MsTeamsChannel", (string?)channel["channelName"]);
        Assert.True((bool)channel["properties"]!["isEnabled"]!);
        var endpoint = (string?)bot["endpoint"];
        Assert.StartsWith("[format('https://{0}/api/messages', reference(resourceId('Microsoft.Web/sites'", endpoint, StringComparison.Ordinal);
        Assert.EndsWith(".defaultHostName)]", endpoint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_runs_dotnet_10_on_Cosmos_in_production()
    {
        var site = compiled.Resource("Microsoft.Web/sites")["properties"]!;
        var config = site["siteConfig"]!;
        var settings = config["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]!.ToString());

        Assert.Equal("DOTNETCORE|10.0", (string?)config["linuxFxVersion"]);
        Assert.True((bool)site["httpsOnly"]!);
        Assert.Equal("Cosmos", settings["Storage__Provider"]);
        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("false", settings["Demo__Seed"]);
        Assert.Equal("false", settings["Playground__Enabled"]);
        foreach (var secret in (string[])["Slack__SigningSecret", "Slack__BotToken", "MicrosoftAppPassword", "Charts__SigningKey"])
        {
            Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings[secret], StringComparison.Ordinal);
        }

        Assert.StartsWith("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities'",
            (string?)site["keyVaultReferenceIdentity"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_is_told_how_many_instances_its_plan_runs_so_each_keeps_its_share_of_the_rate_limits()
    {
        var plan = compiled.Resource("Microsoft.Web/serverfarms");
        var settings = compiled.Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]!.ToString());
        var parameter = compiled.Template["parameters"]!["appServiceInstanceCount"]!;

        Assert.Equal("[parameters('appServiceInstanceCount')]", plan["sku"]!["capacity"]!.ToString());
        Assert.Equal("[string(parameters('appServiceInstanceCount'))]", settings["Delivery__InstanceCount"]);
        Assert.Equal((1, 1, 100), ((int)parameter["defaultValue"]!, (int)parameter["minValue"]!, (int)parameter["maxValue"]!));
    }

    [Fact]
    public void Charts_are_served_from_the_apps_own_https_address_and_only_with_a_shared_key_when_several_instances_run()
    {
        var settings = compiled.Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]!.ToString());

        var baseUrl = compiled.Template["variables"]!["chartPublicBaseUrl"]!.ToString();

        Assert.Equal("[variables('chartPublicBaseUrl')]", settings["Charts__PublicBaseUrl"]);
        Assert.Contains("https://{0}.azurewebsites.net/", baseUrl, StringComparison.Ordinal);
        Assert.Contains("equals(parameters('appServiceInstanceCount'), 1)", baseUrl, StringComparison.Ordinal);
        Assert.Contains("parameters('chartSigningKey')", baseUrl, StringComparison.Ordinal);
        Assert.Equal("securestring", (string?)compiled.Template["parameters"]!["chartSigningKey"]!["type"]);
    }
}
